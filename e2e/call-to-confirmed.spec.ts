// @home @softphone, over a real call (sipp → Kamailio → the Pult softphone): handling an
// incoming call from the first ring to «Подтверждён» takes at most three mouse actions, and
// can be done with the keyboard alone. The caller has just left a web-form lead, so they are a
// known customer with an order in «Новый»: once answered, the screen pop offers «Подтверждён».
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { LEAD_KEY_HEADER, LEADS_PATH, LeadResponse } from '../core/leads.js';
import { DEMO_LEAD_KEY } from '../server/seed/catalog.js';
import { startSipp } from './telephony/bench.js';
import { bridgeCall } from './support/bridge.js';
import { afterSoftphoneTest, configurePhone, expect, liveCallId, pultPage, test } from './support/telephony.js';

interface Caller {
  phone: string;
  name: string;
  orderId: string;
  orderNumber: string;
}

/** A new customer with a new order, as a landing page creates them, already in the app's local cache. */
async function newCaller(serverUrl: string, page: Page, name: string): Promise<Caller> {
  const phone = `+7985${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`;
  const res = await fetch(`${serverUrl}${LEADS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [LEAD_KEY_HEADER]: DEMO_LEAD_KEY },
    body: JSON.stringify({ name, phone, items: [{ sku: 'GROHE-33202', qty: 1 }], submissionId: randomUUID() }),
  });
  expect(res.status).toBe(201);
  const lead = LeadResponse.parse(await res.json());
  // The live sync brings it to this desktop; the screen pop reads only the local cache.
  await expect
    .poll(async () => JSON.stringify(await bridgeCall(page, 'customers.findByPhone', { phone })), { timeout: 15_000 })
    .toContain(lead.orderId);
  return { phone, name, orderId: lead.orderId, orderNumber: lead.orderNumber };
}

async function serverStage(serverUrl: string, orderId: string): Promise<string | undefined> {
  const login = await fetch(`${serverUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'supervisor', password: 'demo' }) });
  const { token } = (await login.json()) as { token: string };
  let cursor = 0;
  let stage: string | undefined;
  for (;;) {
    const page = (await (await fetch(`${serverUrl}/api/sync/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      cursor: number;
      hasMore: boolean;
      changes: { entity: string; op: string; data?: { id: string; stageId?: string } }[];
    };
    for (const c of page.changes) if (c.entity === 'orders' && c.op === 'upsert' && c.data?.id === orderId) stage = c.data.stageId;
    if (!page.hasMore) return stage;
    cursor = page.cursor;
  }
}

test.describe('@home @softphone ring to «Подтверждён»', () => {
  test.afterEach(async ({ tel }, info) => {
    await afterSoftphoneTest(tel, info.status !== info.expectedStatus, (body) => info.attach('telephony-logs', { body }));
  });

  test('with the mouse: at most three actions, each on something already on screen', async ({ browser, stack, tel, sipUser, shot }) => {
    test.setTimeout(120_000);
    const { context, page } = await pultPage(browser, stack.appA, 'operator', { screen: 'home' });
    const me = sipUser('mouse');
    await configurePhone(page, { servers: [tel.wsUrl], user: me });
    const caller = await newCaller(stack.serverUrl, page, 'Пётр Мышкин');

    // Every mouse action goes through here and is counted. The target must already be in view:
    // scrolling to find it would be an action too.
    let mouseActions = 0;
    const click = async (target: Locator) => {
      await expect(target).toBeInViewport();
      mouseActions++;
      await target.click();
    };

    const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: caller.phone, calledNumber: '4951234567', holdMs: 30_000 });
    const banner = page.getByTestId('incoming-call');
    await expect(banner.getByTestId('screen-pop')).toHaveAttribute('data-state', 'found');
    await expect(banner.getByTestId('pop-customer-name')).toHaveText(caller.name);
    // The home list shows the ringing call on top as well.
    await expect(page.getByTestId('todo-call')).toContainText(caller.name);
    await shot(page, 'ring-to-confirmed-mouse-1-ringing');

    await click(banner.getByTestId('answer')); // 1: answer
    await liveCallId(page, 'active');
    // The screen pop stays in the call panel, with the order's next steps as big buttons.
    const steps = page.getByTestId('in-call').locator(`[data-testid="pop-next-steps"][data-order-id="${caller.orderId}"]`);
    await shot(page, 'ring-to-confirmed-mouse-2-talking');
    await click(steps.locator('[data-testid="pop-stage-button"][data-stage-id="confirmed"]')); // 2: «Подтверждён»
    await expect(steps).toContainText('Этап изменён: «Подтверждён».');
    // The pop now shows the order in its new stage.
    await expect(page.getByTestId('in-call').getByTestId('pop-order').filter({ hasText: caller.orderNumber }).locator('xpath=..')).toContainText('Подтверждён');
    await shot(page, 'ring-to-confirmed-mouse-3-confirmed');

    console.log(`mouse actions from ring to «Подтверждён»: ${mouseActions}`);
    expect(mouseActions).toBeLessThanOrEqual(3);
    await expect.poll(() => serverStage(stack.serverUrl, caller.orderId), { timeout: 15_000 }).toBe('confirmed');
    await page.getByTestId('hangup').click(); // the call is over; not part of the count
    await sipp.result;
    await context.close();
  });

  test('with the keyboard alone: the ring focuses the banner, F2 answers, Tab reaches «Подтверждён» in the screen pop, Enter', async ({ browser, stack, tel, sipUser, shot }) => {
    test.setTimeout(120_000);
    const { context, page } = await pultPage(browser, stack.appA, 'operator', { screen: 'home' });
    const me = sipUser('keys');
    await configurePhone(page, { servers: [tel.wsUrl], user: me });
    const caller = await newCaller(stack.serverUrl, page, 'Ольга Клавишева');
    // From here on only the keyboard: no clicks, no mouse moves.
    const pressed: string[] = [];
    const press = async (key: string) => {
      pressed.push(key);
      await page.keyboard.press(key);
    };
    /** Tab forward until `target` has the keyboard focus (a screen has only so many stops). */
    const tabTo = async (target: Locator) => {
      for (let i = 0; i < 25; i++) {
        if (await target.evaluate((el) => el === document.activeElement)) return;
        await press('Tab');
      }
      await expect(target).toBeFocused();
    };

    const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: caller.phone, calledNumber: '4951234567', holdMs: 30_000 });
    const banner = page.getByTestId('incoming-call');
    await expect(banner.getByTestId('screen-pop')).toHaveAttribute('data-state', 'found');
    // The ring takes the keyboard to the banner; «Ответить» shows its key.
    await expect(banner).toBeFocused();
    await expect(banner.getByTestId('answer')).toContainText('F2');
    await expect(banner.getByTestId('answer')).toHaveAttribute('aria-keyshortcuts', 'F2');

    await press('F2');
    await liveCallId(page, 'active');
    const inCall = page.getByTestId('in-call');
    // Answered: the keyboard is in the call panel, whose buttons show their keys.
    await expect(inCall).toBeFocused();
    await expect(inCall.getByTestId('hangup')).toContainText('F4');
    await shot(page, 'ring-to-confirmed-keys-1-answered');

    const steps = inCall.locator(`[data-testid="pop-next-steps"][data-order-id="${caller.orderId}"]`);
    await tabTo(steps.locator('[data-testid="pop-stage-button"][data-stage-id="confirmed"]'));
    await press('Enter');
    await expect(steps).toContainText('Этап изменён: «Подтверждён».');
    await shot(page, 'ring-to-confirmed-keys-2-confirmed');
    await expect.poll(() => serverStage(stack.serverUrl, caller.orderId), { timeout: 15_000 }).toBe('confirmed');

    // F4 hangs up, still without the mouse.
    await press('F4');
    await expect(page.getByTestId('in-call')).toHaveCount(0);
    console.log(`keys from ring to «Подтверждён» and hang-up: ${pressed.join(' ')}`);
    await sipp.result;
    await context.close();
  });
});
