// Calls the app's API the way the renderer does: over the browser-mode bridge with the page's
// per-run token. For setting a scene up or checking the local cache, never for the steps under test.
import type { Page } from '@playwright/test';

export async function bridgeCall(page: Page, method: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ([m, i]) => {
      const loc = (globalThis as unknown as { location: { search: string; host: string } }).location;
      const token = new URLSearchParams(loc.search).get('token') ?? '';
      const ws = new WebSocket(`ws://${loc.host}/bridge?token=${encodeURIComponent(token)}`);
      await new Promise((r) => (ws.onopen = r));
      const result = await new Promise((resolve) => {
        ws.onmessage = (e) => {
          const d = JSON.parse(String(e.data)) as { id?: number; result?: unknown };
          if (d.id === 77) resolve(d.result);
        };
        ws.send(JSON.stringify({ id: 77, method: m, input: i }));
      });
      ws.close();
      return result;
    },
    [method, input] as const,
  );
}
