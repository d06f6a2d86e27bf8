// Node-side handle on a page running the bench probe (probe/page.ts).
import type { BrowserContext, Page } from '@playwright/test';
import type { Probe, ProbeState } from './page.js';

type ProbeWindow = { probe: Probe };

export class ProbeDriver {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, url: string, name: string): Promise<ProbeDriver> {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[${name}] pageerror ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`[${name}] ${m.text()}`);
    });
    await page.goto(url);
    await page.waitForFunction(() => 'probe' in globalThis);
    return new ProbeDriver(page);
  }

  register(user: string, wsUrl: string, domain = '127.0.0.1'): Promise<number> {
    return this.page.evaluate(([u, w, d]) => (globalThis as unknown as ProbeWindow).probe.register(u, w, d), [user, wsUrl, domain] as const);
  }
  call(target: string, extraHeaders: string[] = []): Promise<number> {
    return this.page.evaluate(([t, h]) => (globalThis as unknown as ProbeWindow).probe.call(t, h), [target, extraHeaders] as const);
  }
  answerNext(): Promise<void> {
    return this.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.answerNext());
  }
  answer(): Promise<void> {
    return this.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.answer());
  }
  hangup(): Promise<void> {
    return this.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.hangup());
  }
  hold(on: boolean): Promise<void> {
    return this.page.evaluate((h) => (globalThis as unknown as ProbeWindow).probe.hold(h), on);
  }
  refer(target: string): Promise<void> {
    return this.page.evaluate((t) => (globalThis as unknown as ProbeWindow).probe.refer(t), target);
  }
  inboundBytes(): Promise<number> {
    return this.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.inboundBytes());
  }
  outboundBytes(): Promise<number> {
    return this.page.evaluate(() => (globalThis as unknown as ProbeWindow).probe.outboundBytes());
  }
  state(): Promise<ProbeState> {
    return this.page.evaluate(() => JSON.parse(JSON.stringify((globalThis as unknown as ProbeWindow).probe.state)) as ProbeState);
  }
  /** Waits until `pred` (a JS expression over `state`, e.g. "state.call === 'Established'") holds. */
  waitFor(pred: string, timeoutMs = 10_000): Promise<void> {
    return this.page.evaluate(([p, t]) => (globalThis as unknown as ProbeWindow).probe.waitFor(p, t), [pred, timeoutMs] as const);
  }
}
