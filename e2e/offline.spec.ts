// @offline: operator A is cut off from the server (its port blocked) and keeps working: stage
// change, two notes, a call log. The banner counts what waits. Meanwhile a supervisor moves the
// same order. A's connection comes back: everything arrives once and in order, and A's stage
// change is shown as a conflict (not silently applied over the supervisor's), its notes kept.
import { z } from 'zod';
import { LoginResponse, PullResponse, type Change, type Tombstone } from '../core/index.js';
import { bridgeCall } from './support/bridge.js';
import { expect, login, test } from './support/stack.js';

async function serverChanges(serverUrl: string): Promise<(Change | Tombstone)[]> {
  const res = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'supervisor', password: 'demo' }),
  });
  const { token } = LoginResponse.parse(await res.json());
  const all: (Change | Tombstone)[] = [];
  let cursor = 0;
  for (;;) {
    const page = PullResponse.parse(await (await fetch(`${serverUrl}/api/sync/pull?cursor=${cursor}&limit=1000`, { headers: { authorization: `Bearer ${token}` } })).json());
    all.push(...page.changes);
    if (!page.hasMore) return all;
    cursor = page.cursor;
  }
}

test.describe('@offline', () => {
  test('work goes on without the server and arrives once, in order; a conflict is shown', async ({ page, browser, cutStack, shot }) => {
    await login(page, cutStack.appA, 'operator');
    const rows = page.getByTestId('order-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const row = rows.filter({ hasText: 'Новый' }).first();
    const number = z.string().parse(await row.getAttribute('data-order-number'));
    await row.click();
    const card = page.getByTestId('order-card');
    await expect(card).toBeVisible();

    // The supervisor on another desktop, online all along.
    const ctxB = await browser.newContext();
    const pageB = await ctxB.newPage();
    await login(pageB, cutStack.appB, 'supervisor');

    // Cut A off.
    cutStack.setOnlineA(false);
    await card.locator('[data-testid="stage-button"][data-stage-id="confirmed"]').click();
    await expect(page.getByTestId('order-stage')).toContainText('Подтверждён');
    const note1 = `Клиент просит позвонить после 18:00 (${number})`;
    const note2 = `Домофон не работает, звонить на мобильный (${number})`;
    for (const text of [note1, note2]) {
      await page.getByTestId('note-input').fill(text);
      await page.getByTestId('note-submit').click();
      await expect(page.getByTestId('order-note').filter({ hasText: text })).toHaveAttribute('data-pending', 'true');
    }
    const orderId = (await serverChanges(cutStack.serverUrl)).flatMap((c) => (c.op === 'upsert' && c.entity === 'orders' && c.data.number === number ? [c.data.id] : []))[0];
    const callId = '0197a000-0000-7000-8000-0000000e2e01';
    const logged = await bridgeCall(page, 'calls.log', {
      id: callId, direction: 'incoming', outcome: 'answered', phone: '+79161234567', customerId: null, orderId: orderId ?? null,
      startedAt: new Date().toISOString(), durationSec: 95, note: 'Договорились на завтра',
    });
    expect(logged).toMatchObject({ ok: true });

    // The calm banner: offline, 4 changes waiting (stage, two notes, the call), a retry button.
    const status = page.getByTestId('sync-status');
    await expect(status).toContainText('Нет связи с сервером — работаем с сохранённой копией. Несохранённых изменений: 4', { timeout: 15_000 });
    await expect(page.getByTestId('sync-last')).toContainText('Последняя синхронизация');
    await expect(page.getByTestId('sync-retry')).toHaveText('Повторить');
    await shot(page, 'offline-banner');
    // Retrying while still cut off changes nothing and blocks nothing.
    await page.getByTestId('sync-retry').click();
    await expect(status).toContainText('Несохранённых изменений: 4');

    // Meanwhile the supervisor moves the same order.
    const rowB = pageB.locator(`[data-testid="order-row"][data-order-number="${number}"]`);
    await rowB.click();
    const cardB = pageB.getByTestId('order-card');
    const moveTo = cardB.locator('[data-testid="stage-button"]').first();
    const movedStage = z.string().parse(await moveTo.getAttribute('data-stage-id'));
    expect(movedStage).not.toBe('confirmed');
    await moveTo.click();
    await expect(pageB.getByTestId('sync-status')).toContainText('Данные актуальны', { timeout: 15_000 });

    // Back online.
    cutStack.setOnlineA(true);
    await page.getByTestId('sync-retry').click();
    await expect(status).toHaveAttribute('data-pending', '0', { timeout: 20_000 });

    // The conflict is shown in plain words; the stage is the supervisor's.
    const rejected = page.getByTestId('sync-rejected-item');
    await expect(rejected).toHaveCount(1);
    await expect(rejected).toHaveAttribute('data-code', 'conflict');
    await shot(page, 'offline-conflict');

    // The server has everything once, notes in the order they were written, the call once.
    const changes = await serverChanges(cutStack.serverUrl);
    const order = changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'orders' && c.data.number === number ? [c.data] : []))[0];
    expect(order?.stageId).toBe(movedStage);
    const notes = changes
      .flatMap((c) => (c.op === 'upsert' && c.entity === 'order_notes' && c.data.orderId === order?.id ? [c] : []))
      .sort((a, b) => a.version - b.version)
      .map((c) => (c.entity === 'order_notes' ? c.data.text : ''));
    expect(notes).toEqual([note1, note2]);
    expect(changes.filter((c) => c.op === 'upsert' && c.entity === 'calls' && c.data.id === callId)).toHaveLength(1);
    // A sees its notes confirmed and the supervisor's stage.
    await expect(page.getByTestId('order-note').filter({ hasText: note1 })).toHaveAttribute('data-pending', 'false', { timeout: 10_000 });
    await ctxB.close();
  });
});
