// @supervisor: «Монитор» — agent states, the wallboard and call monitoring — on the real stack:
// CRM server, two browser-mode apps, Kamailio + rtpengine, and the bench's bare SIP.js page as the
// customer's phone. Each party's microphone is a tone of its own (customer 440 Hz, operator
// 1000 Hz, supervisor 2500 Hz), so what each one hears proves who hears whom; getStats proves the
// supervisor's leg carries audio.
//
// The flow, in order: the customer calls operator A; the supervisor's wallboard shows A
// «В разговоре» with the caller within a second; from A's row the supervisor listens, whispers,
// joins in; A hangs up: after-call work on both screens, «Готов», «Свободен». Then the rest: the
// ways monitoring ends, an operator not yet talking, PBX feature codes, breaks, a ring-out that
// marks her away, reassigning, and that a user without the role gets neither the wallboard nor
// monitoring, from the UI or the API. Forged grants are refused by the operator's own client.
import path from 'node:path';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { CHROMIUM_ARGS } from '../playwright.config.js';
import { expectAccessible, setDisplay, type DisplayCombo, comboLabel } from './support/a11y.js';
import { bridgeCall } from './support/bridge.js';
import { ARTIFACTS, startStack } from './support/stack.js';
import { afterSoftphoneTest, configurePhone, expect, expectPultMedia, liveCallId, pultPage, test as telTest } from './support/telephony.js';
import { expectHears, inboundAudio, tonedContext, TONES } from './support/tones.js';
import { ProbeDriver } from './telephony/probe/driver.js';

const { customer: CUSTOMER, operator: AGENT, supervisor: SUPERVISOR } = TONES;
const IRINA = 'Ирина Петрова';
/** Анна Соколова's number in the demo data: the customer calls from it, so the card pops. */
const ANNA_PHONE = '79123456789';

// The stack's server with the site policy set explicitly: operators are told they are monitored.
const test = telTest.extend({
  stack: [
    async ({}, use) => {
      const { stop, ...stack } = await startStack({ MONITOR_NOTIFY_AGENT: 'true' });
      try {
        await use(stack);
      } finally {
        await stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

// The customer page plays its tone without a click (nobody clicks in it).
test.use({ launchOptions: { executablePath: process.env.PULT_CHROMIUM ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] } });

/** Resolves with Date.now() when the element matching `selector` first has data-state=`state`. */
function whenState(page: Page, selector: string, state: string): Promise<number> {
  return page.evaluate(
    ([sel, st]) =>
      new Promise<number>((resolve) => {
        const check = () => document.querySelector(sel)?.getAttribute('data-state') === st;
        if (check()) return resolve(Date.now());
        const obs = new MutationObserver(() => {
          if (check()) {
            obs.disconnect();
            resolve(Date.now());
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
      }),
    [selector, state] as const,
  );
}

/** The whole wallboard, scrolled or not (it is taller than the window). */
async function fullShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function apiLogin(serverUrl: string, user: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: user, password: 'demo' }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

type Window = Awaited<ReturnType<typeof pultPage>>;

/** Operator A (Ирина Петрова) and the supervisor, each with a tone and a registered phone; the supervisor on «Монитор», A's row found. */
async function floor(browser: Parameters<typeof pultPage>[0], stack: { appA: string; appB: string }, tel: { wsUrl: string }, sipUser: (n: string) => string) {
  const a = await pultPage(browser, stack.appA, 'operator', { tone: AGENT, screen: 'home' });
  const sup = await pultPage(browser, stack.appB, 'supervisor', { tone: SUPERVISOR, screen: 'home' });
  const agentSip = sipUser('a');
  await configurePhone(a.page, { servers: [tel.wsUrl], user: agentSip });
  await configurePhone(sup.page, { servers: [tel.wsUrl], user: sipUser('s') });
  await sup.page.getByTestId('nav-wallboard').click();
  await expect(sup.page.getByTestId('wallboard')).toBeVisible();
  const row = sup.page.getByTestId('agent-row').filter({ hasText: IRINA });
  await expect(row).toBeVisible();
  return { a, sup, agentSip, row, controls: row.getByTestId('monitor-controls') };
}

/** A customer's bare SIP.js phone with its tone, registered as `user`. */
async function customerPhone(browser: Parameters<typeof pultPage>[0], probeUrl: string, wsUrl: string, user: string) {
  const context = await tonedContext(browser, CUSTOMER);
  const phone = await ProbeDriver.open(context, probeUrl, 'customer');
  await phone.register(user, wsUrl);
  return { context, phone };
}

/** A dials a phone that rings and is never answered: «В разговоре» on the wallboard, yet nobody to listen to. */
async function dialUnanswered(a: Window, callee: ProbeDriver, user: string): Promise<void> {
  await a.page.getByTestId('open-dialpad').click();
  await a.page.getByTestId('dialpad-input').fill(user);
  await a.page.getByTestId('dialpad-call').click();
  await callee.waitFor('state.incomingCount > 0');
  await expect(a.page.getByTestId('in-call')).toHaveAttribute('data-state', 'dialing');
}

test.describe('@supervisor', () => {
  test.describe.configure({ mode: 'serial' });

  test.afterEach(async ({ tel }, info) => {
    await afterSoftphoneTest(tel, info.status !== info.expectedStatus, (body) => info.attach('telephony-logs', { body }));
  });

  test('a customer calls A: the wallboard shows it within 1 s; listen, whisper, barge from her row reach exactly whom they should; A hangs up: after-call work, then available', async ({ browser, stack, tel, sipUser, probeServer, shot }) => {
    test.setTimeout(240_000);
    const { a, sup, agentSip, row, controls } = await floor(browser, stack, tel, sipUser);
    await expect(a.page.getByTestId('agent-bar')).toHaveAttribute('data-state', 'available');
    await expect(row).toHaveAttribute('data-state', 'available');
    const rowSel = `[data-testid="agent-row"][data-user="${await row.getAttribute('data-user')}"]`;

    // The customer calls from Анна Соколова's number through Kamailio; A answers.
    const cust = await customerPhone(browser, probeServer.url, tel.wsUrl, ANNA_PHONE);
    const calling = cust.phone.call(agentSip);
    await expect(a.page.getByTestId('incoming-call')).toBeVisible();
    await expect(row).toHaveAttribute('data-state', 'ringing');
    const onWallboard = whenState(sup.page, rowSel, 'on_call');
    const answeredAt = whenState(a.page, '[data-testid="in-call"]', 'active');
    // Measured from the click on «Ответить» (so SIP's answer is inside the second as well), and
    // from the moment A's own screen showed the call (same machine, same clock).
    const clickedAt = Date.now();
    await a.page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;
    const [shownAt, activeAt] = await Promise.all([onWallboard, answeredAt]);
    const latencyMs = shownAt - clickedAt;
    console.log(`[supervisor] «Ответить» → wallboard «В разговоре»: ${latencyMs} ms (A's screen active → wallboard: ${shownAt - activeAt} ms)`);
    test.info().annotations.push({ type: 'wallboard-latency-ms', description: String(latencyMs) });
    expect(latencyMs).toBeLessThan(1000);
    await expect(row.getByTestId('agent-row-state')).toHaveText('В разговоре');
    await expect(row.getByTestId('agent-row-peer')).toHaveText('Анна Соколова+7 912 345-67-89');
    await expect(sup.page.getByTestId('call-row').filter({ hasText: IRINA })).toContainText('Анна Соколова');
    await expect(a.page.getByTestId('agent-state')).toHaveText('Вы сейчас: В разговоре');
    // Time in state ticks on the wallboard.
    const t1 = await row.getByTestId('agent-row-time').textContent();
    await expect(row.getByTestId('agent-row-time')).not.toHaveText(t1 ?? '', { timeout: 3000 });
    await fullShot(sup.page, 'wallboard-on-call');

    const callId = await liveCallId(a.page, 'active');
    await expectPultMedia(a.page, callId);
    // Before anyone monitors: the customer and the operator hear each other, nobody hears 2500 Hz.
    await expectHears(cust.phone.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, before');
    await expectHears(a.page, 'played', { hears: [CUSTOMER], not: [SUPERVISOR] }, 'operator, before');
    // A's Pult phone published its address: nothing to warn about on her row.
    await expect(controls).toBeVisible();
    await expect(controls.getByTestId('monitor-no-phone')).toHaveCount(0);

    // ---- listen
    await controls.getByTestId('monitor-listen').click();
    await expect(controls).toHaveAttribute('data-mode', 'listen', { timeout: 15_000 });
    await expect(controls.getByTestId('monitor-status')).toHaveText('Вы слушаете разговор. Ирина Петрова и клиент вас не слышат.');
    await expect(controls.getByTestId('monitor-listen')).toHaveAttribute('aria-pressed', 'true');
    // getStats: audio reaches the supervisor.
    await expect.poll(async () => (await inboundAudio(sup.page)).bytes, { timeout: 10_000 }).toBeGreaterThan(1000);
    await expect.poll(async () => (await inboundAudio(sup.page)).audioLevel, { timeout: 10_000 }).toBeGreaterThan(0);
    await expectHears(sup.page, 'played', { hears: [CUSTOMER, AGENT], not: [SUPERVISOR] }, 'supervisor, listen');
    await expectHears(cust.phone.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, listen');
    await expectHears(a.page, 'played', { hears: [CUSTOMER], not: [SUPERVISOR] }, 'operator, listen');
    // Site policy says operators are told; nothing rings and no second call appears for them.
    await expect(a.page.getByTestId('monitored-notice')).toHaveText('Ваш разговор слушает супервизор Елена Морозова.');
    await expect(a.page.getByTestId('incoming-call')).toHaveCount(0);
    await expect(a.page.getByTestId('in-call')).toHaveCount(1);
    await controls.scrollIntoViewIfNeeded();
    await shot(sup.page, 'monitor-supervisor-listen');
    await fullShot(sup.page, 'wallboard-listening');
    await shot(a.page, 'monitor-agent-listened');
    await expectAccessible(sup.page, 'wallboard, listening');

    // ---- whisper: the operator hears the supervisor, the customer does not
    await controls.getByTestId('monitor-whisper').click();
    await expect(controls).toHaveAttribute('data-mode', 'whisper', { timeout: 15_000 });
    await expectHears(a.page, 'played', { hears: [CUSTOMER, SUPERVISOR], not: [] }, 'operator, whisper');
    await expectHears(cust.phone.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, whisper');
    await expectHears(sup.page, 'played', { hears: [CUSTOMER, AGENT], not: [] }, 'supervisor, whisper');
    await expect(a.page.getByTestId('monitored-notice')).toHaveText('Вам подсказывает супервизор Елена Морозова. Клиент этого не слышит.');
    await shot(sup.page, 'monitor-supervisor-whisper');
    await shot(a.page, 'monitor-agent-whisper');

    // ---- barge: both hear the supervisor
    await controls.getByTestId('monitor-barge').click();
    await expect(controls).toHaveAttribute('data-mode', 'barge', { timeout: 15_000 });
    await expectHears(cust.phone.page, 'received', { hears: [AGENT, SUPERVISOR], not: [] }, 'customer, barge');
    await expectHears(a.page, 'played', { hears: [CUSTOMER, SUPERVISOR], not: [] }, 'operator, barge');
    await expect(a.page.getByTestId('monitored-notice')).toHaveText('Супервизор Елена Морозова в разговоре: клиент слышит и вас, и супервизора.');
    await shot(sup.page, 'monitor-supervisor-barge');
    await shot(a.page, 'monitor-agent-barge');

    // ---- A hangs up: the monitoring ends with the call; after-call work on both screens,
    // with the order's next stages to choose from.
    await a.page.getByTestId('hangup').click();
    await cust.phone.waitFor("state.call === 'Terminated'");
    await expect(a.page.getByTestId('acw-banner')).toBeVisible();
    // Counting down from the default 60 s.
    await expect(a.page.getByTestId('acw-left')).toContainText(/Осталось (60|[1-5]\d) с/);
    await expect(a.page.getByTestId('acw-stage').first()).toBeVisible();
    await expect(a.page.getByTestId('monitored-notice')).toHaveCount(0);
    await expect(row).toHaveAttribute('data-state', 'after_call');
    await expect(row.getByTestId('agent-row-state')).toHaveText('После звонка');
    // No monitoring leg is left: the row shows no controls once it is over.
    await expect(controls).toHaveCount(0, { timeout: 10_000 });
    await shot(a.page, 'agent-after-call');
    await expectAccessible(a.page, 'after-call work');
    await fullShot(sup.page, 'wallboard-after-call');
    await a.page.getByTestId('acw-ready').click();
    await expect(a.page.getByTestId('agent-bar')).toHaveAttribute('data-state', 'available');
    await expect(row).toHaveAttribute('data-state', 'available');
    await expect(row.getByTestId('agent-row-state')).toHaveText('Свободен');
    await Promise.all([a.context.close(), sup.context.close(), cust.context.close()]);
  });

  test('back to «Слушать» takes the supervisor off the customer line; on another screen the call stays in view with the way back; «Закончить» leaves the call as it was; monitoring ends when the customer hangs up; a break chosen mid-call waits for the call', async ({ browser, stack, tel, sipUser, probeServer, shot }) => {
    test.setTimeout(180_000);
    const { a, sup, agentSip, row, controls } = await floor(browser, stack, tel, sipUser);
    const cust = await customerPhone(browser, probeServer.url, tel.wsUrl, sipUser('c'));
    const calling = cust.phone.call(agentSip);
    await a.page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;
    await expect(row).toHaveAttribute('data-state', 'on_call');

    await controls.getByTestId('monitor-barge').click();
    await expect(controls).toHaveAttribute('data-mode', 'barge', { timeout: 15_000 });
    await expectHears(cust.phone.page, 'received', { hears: [AGENT, SUPERVISOR], not: [] }, 'customer, barge');

    // ---- back to listen: the customer's line carries the bare microphone again
    await controls.getByTestId('monitor-listen').click();
    await expect(controls).toHaveAttribute('data-mode', 'listen', { timeout: 15_000 });
    await expectHears(cust.phone.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, listen again');
    await expectHears(a.page, 'played', { hears: [CUSTOMER], not: [SUPERVISOR] }, 'operator, listen again');

    // ---- the supervisor opens another screen mid-call: the call stays in view, with the way back
    await sup.page.getByTestId('nav-orders').click();
    const bar = sup.page.getByTestId('monitoring-bar');
    await expect(bar).toContainText('Вы слушаете разговор');
    await expect(bar.getByTestId('monitoring-bar-stop')).toBeVisible();
    await shot(sup.page, 'monitoring-bar-orders');
    await expectHears(sup.page, 'played', { hears: [CUSTOMER, AGENT], not: [] }, 'supervisor, listening from another screen');
    await bar.getByTestId('monitoring-bar-open').click();
    await expect(controls).toHaveAttribute('data-mode', 'listen');
    await expect(bar).toHaveCount(0);

    // ---- stop: the customer call goes on as before
    await controls.getByTestId('monitor-stop').click();
    await expect(controls).toHaveAttribute('data-mode', '', { timeout: 10_000 });
    await expect(a.page.getByTestId('monitored-notice')).toHaveCount(0);
    await expect(a.page.getByTestId('in-call')).toHaveAttribute('data-state', 'active');
    const before = await cust.phone.inboundBytes();
    await expect.poll(() => cust.phone.inboundBytes(), { timeout: 10_000 }).toBeGreaterThan(before + 1000);
    await expectHears(cust.phone.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, after');

    // ---- joined again, then the customer hangs up: the monitoring ends with the call, quietly
    await controls.getByTestId('monitor-barge').click();
    await expect(controls).toHaveAttribute('data-mode', 'barge', { timeout: 15_000 });
    await expectHears(sup.page, 'played', { hears: [CUSTOMER, AGENT], not: [] }, 'supervisor, barge');
    await cust.phone.hangup();
    await expect(a.page.getByTestId('in-call')).toHaveCount(0, { timeout: 10_000 });
    await expect(a.page.getByTestId('monitored-notice')).toHaveCount(0);
    await expect(row).toHaveAttribute('data-state', 'after_call');
    await expect(controls).toHaveCount(0, { timeout: 10_000 });
    // Her next call: the controls are back, idle, with no error left from the last one.
    await a.page.getByTestId('acw-ready').click();
    const again = cust.phone.call(agentSip);
    await a.page.getByTestId('incoming-call').getByTestId('answer').click();
    await again;
    await expect(row).toHaveAttribute('data-state', 'on_call');
    await expect(controls).toHaveAttribute('data-mode', '');
    await expect(controls.getByTestId('monitor-stop')).toHaveCount(0);
    await expect(controls.getByTestId('monitor-error')).toHaveCount(0);
    // A break chosen for her while she talks does not cut in: it waits for the call's work.
    await row.getByTestId('agent-state-select').selectOption('break');
    await row.getByTestId('agent-state-apply').click();
    await expect(row.getByTestId('agent-row-plan')).toHaveText('После звонка: перерыв (Отдых)');
    await expect(row).toHaveAttribute('data-state', 'on_call');
    await expect(a.page.getByTestId('agent-after-call-plan')).toContainText('После этого звонка — перерыв');
    await expect(a.page.getByTestId('in-call')).toHaveAttribute('data-state', 'active');
    await fullShot(a.page, 'agent-break-after-call');
    await fullShot(sup.page, 'wallboard-break-after-call');
    await a.page.getByTestId('hangup').click();
    await cust.phone.waitFor("state.call === 'Terminated'");
    await expect(a.page.getByTestId('agent-bar')).toHaveAttribute('data-state', 'after_call');
    await a.page.getByTestId('acw-ready').click();
    await expect(a.page.getByTestId('break-banner')).toBeVisible();
    await expect(row).toHaveAttribute('data-state', 'break');
    await expect(row.getByTestId('agent-row-plan')).toHaveCount(0);
    await Promise.all([a.context.close(), sup.context.close(), cust.context.close()]);
  });

  test('an operator who is not talking yet (her call still rings out) cannot be listened to; the supervisor is told why', async ({ browser, stack, tel, sipUser, probeServer, shot }) => {
    test.setTimeout(150_000);
    const { a, sup, row, controls } = await floor(browser, stack, tel, sipUser);
    const calleeUser = sipUser('c');
    const callee = await customerPhone(browser, probeServer.url, tel.wsUrl, calleeUser);
    await dialUnanswered(a, callee.phone, calleeUser);
    await expect(row).toHaveAttribute('data-state', 'on_call');
    await controls.getByTestId('monitor-listen').click();
    await expect(controls.getByTestId('monitor-error')).toHaveText('Оператор Ирина Петрова сейчас не разговаривает с клиентом.', { timeout: 15_000 });
    await expect(a.page.getByTestId('incoming-call')).toHaveCount(0);
    await controls.scrollIntoViewIfNeeded();
    await shot(sup.page, 'monitor-not-on-call');
    // The row in both languages, both themes, at 100 and 200 %: still accessible, nothing cut off.
    const combos: DisplayCombo[] = [
      { language: 'ru', theme: 'light', zoom: 100 },
      { language: 'en', theme: 'dark', zoom: 200 },
      { language: 'ru', theme: 'dark', zoom: 200 },
      { language: 'en', theme: 'light', zoom: 100 },
    ];
    for (const c of combos) {
      await setDisplay(sup.page, c);
      await row.scrollIntoViewIfNeeded();
      await row.screenshot({ path: path.join(ARTIFACTS, `wallboard-monitor-row-${comboLabel(c)}.png`) });
    }
    await expect(controls.getByTestId('monitor-error')).toHaveText('Ирина Петрова is not talking to a customer right now.');
    await setDisplay(sup.page, { language: 'en', theme: 'dark', zoom: 200 });
    await expectAccessible(sup.page, 'wallboard with monitoring, en dark 200 %');
    await shot(sup.page, 'monitor-wallboard-en-dark-200');
    await setDisplay(sup.page, { language: 'ru', theme: 'light', zoom: 100 });
    await a.page.getByTestId('hangup').click();
    await Promise.all([a.context.close(), sup.context.close(), callee.context.close()]);
  });

  test('PBX feature codes: with a code set, «Слушать» dials it instead; a bad code is explained and kept', async ({ browser, stack, tel, sipUser, probeServer, shot }) => {
    test.setTimeout(150_000);
    const { a, sup, agentSip, row } = await floor(browser, stack, tel, sipUser);
    // Operators do not see the codes at all.
    await a.page.getByTestId('open-phone-settings').click();
    await expect(a.page.getByTestId('ps-monitor-listen')).toHaveCount(0);
    await a.page.getByTestId('phone-settings-close').click();

    await sup.page.getByTestId('open-phone-settings').click();
    await sup.page.getByTestId('ps-monitor-listen').fill('spy');
    await sup.page.getByTestId('ps-save').click();
    await expect(sup.page.getByText('Код состоит из цифр, * и #, и в нём должно быть {ext}, например *222{ext}.')).toBeVisible();
    await expect(sup.page.getByTestId('ps-monitor-listen')).toHaveValue('spy');
    await sup.page.getByTestId('ps-monitor-listen').fill('*222{ext}');
    await sup.page.getByTestId('ps-save').click();
    await expect(sup.page.getByTestId('ps-saved')).toBeVisible();
    await sup.page.getByTestId('ps-monitor-listen').scrollIntoViewIfNeeded();
    await shot(sup.page, 'monitor-pbx-codes');
    await sup.page.getByTestId('phone-settings-close').click();
    await expect(sup.page.getByTestId('phone-status')).toHaveAttribute('data-state', 'registered', { timeout: 10_000 });

    // A is on a call (it still rings at the other end): her row offers the buttons.
    const calleeUser = sipUser('c');
    const callee = await customerPhone(browser, probeServer.url, tel.wsUrl, calleeUser);
    await dialUnanswered(a, callee.phone, calleeUser);
    await sup.page.getByTestId('nav-wallboard').click();
    await row.getByTestId('monitor-listen').click();
    // An ordinary call to the PBX's code (this bench has no ChanSpy, so it ends there).
    await expect(sup.page.getByTestId('call-area')).toContainText(`*222${agentSip}`, { timeout: 10_000 });
    await expect(a.page.getByTestId('incoming-call')).toHaveCount(0);
    await a.page.getByTestId('hangup').click();
    await Promise.all([a.context.close(), sup.context.close(), callee.context.close()]);
  });

  test('breaks, a ring-out that marks A away, and handing a callback over, all from the wallboard', async ({ browser, stack, tel, sipUser, probeServer, shot }) => {
    test.setTimeout(150_000);
    const a = await pultPage(browser, stack.appA, 'operator');
    const me = sipUser('op');
    await configurePhone(a.page, { servers: [tel.wsUrl], user: me });
    await expect(a.page.getByTestId('agent-bar')).toHaveAttribute('data-state', 'available');
    const sup = await pultPage(browser, stack.appB, 'supervisor', { microphone: false });
    await sup.page.getByTestId('nav-wallboard').click();
    await expect(sup.page.getByTestId('wallboard')).toBeVisible();
    const row = sup.page.getByTestId('agent-row').filter({ hasText: IRINA });
    await expect(row).toHaveAttribute('data-state', 'available');

    // A takes a lunch break herself: the reason is one click; the wallboard shows it in words.
    await shot(a.page, 'agent-available');
    await a.page.getByTestId('break-start').click();
    await shot(a.page, 'agent-break-reasons');
    await expect(a.page.getByTestId('break-reason').first()).toBeFocused();
    await a.page.getByTestId('break-reason').filter({ hasText: 'Обед' }).click();
    await expect(a.page.getByTestId('break-banner')).toContainText('Вы на перерыве: Обед.');
    await expect(a.page.getByTestId('break-end')).toBeFocused();
    await expect(row).toHaveAttribute('data-state', 'break');
    await expect(row).toContainText('Обед');
    await a.page.getByTestId('break-end').click();
    await expect(row).toHaveAttribute('data-state', 'available');

    // A call from Анна Соколова's number that rings out unanswered: «Не на месте» on both
    // screens, until «Я на месте».
    const cust = await customerPhone(browser, probeServer.url, tel.wsUrl, ANNA_PHONE);
    const ringing = cust.phone.call(me).catch(() => 'cancelled');
    await expect(a.page.getByTestId('incoming-call')).toBeVisible();
    await expect(row).toHaveAttribute('data-state', 'ringing');
    await cust.phone.hangup();
    expect(await ringing).toBe('cancelled');
    await expect(a.page.getByTestId('away-banner')).toBeVisible();
    await expect(row).toHaveAttribute('data-state', 'away');
    await expect(row.getByTestId('agent-row-state')).toHaveText('Не на месте');
    await shot(a.page, 'agent-away');
    await expectAccessible(a.page, 'away banner');
    await fullShot(sup.page, 'wallboard-away');
    await a.page.getByTestId('im-here').click();
    await expect(row).toHaveAttribute('data-state', 'available');

    // The missed call became a callback with its two-minute countdown; the supervisor gives it
    // to an operator from the same row.
    const callback = sup.page.getByTestId('callback-row').filter({ hasText: '+7 912 345-67-89' });
    await expect(callback).toBeVisible({ timeout: 10_000 });
    await expect(callback.getByTestId('wallboard-due')).toContainText(/Осталось [0-2]:\d\d|Просрочено/);
    const to = (await callback.getByTestId('reassign-select').locator('option').first().textContent()) ?? '';
    await callback.getByTestId('reassign-apply').click();
    await expect(sup.page.getByTestId('wallboard-outcome')).toContainText('Готово');
    await expect(callback).toContainText(to);
    await fullShot(sup.page, 'wallboard-callback-reassigned');

    // The supervisor sends A on a break from her row; A's screen says so; she comes back.
    await row.getByTestId('agent-state-select').selectOption('break');
    await row.getByTestId('agent-state-apply').click();
    await expect(a.page.getByTestId('break-banner')).toBeVisible();
    await expect(a.page.getByTestId('break-banner')).toContainText('Руководитель изменил ваше состояние: Перерыв.');
    await expect(row).toHaveAttribute('data-state', 'break');
    await shot(a.page, 'agent-break-by-supervisor');
    await a.page.getByTestId('break-end').click();
    await expect(row).toHaveAttribute('data-state', 'available');

    await expectAccessible(sup.page, 'wallboard');
    await setDisplay(sup.page, { language: 'en', theme: 'light', zoom: 100 });
    await expect(row.getByTestId('agent-row-state')).toHaveText('Available');
    await fullShot(sup.page, 'wallboard-en');
    await expectAccessible(sup.page, 'wallboard-en');
    await setDisplay(sup.page, { language: 'ru', theme: 'light', zoom: 100 });
    await Promise.all([a.context.close(), sup.context.close(), cust.context.close()]);
  });

  test('without the supervisor role: no wallboard and no monitoring, from the UI or the API (403 everywhere, the live feed too)', async ({ browser, stack }) => {
    const op = await pultPage(browser, stack.appA, 'operator', { tone: AGENT });
    await expect(op.page.getByTestId('nav-orders')).toBeVisible();
    await expect(op.page.getByTestId('nav-wallboard')).toHaveCount(0);
    await expect(op.page.getByTestId('nav-reports')).toHaveCount(0);
    await expect(op.page.getByTestId('monitor-controls')).toHaveCount(0);
    // The client's own path (contract → main → server) is refused as well.
    const viaClient = (await bridgeCall(op.page, 'monitor.start', { agentUserId: '01900000-0000-7000-8000-000000000002', mode: 'listen' })) as { ok: boolean; error?: { code: string } };
    expect(viaClient).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await bridgeCall(op.page, 'monitor.agents', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await op.context.close();

    // The wallboard's HTTP endpoints.
    const loginRes = await fetch(`${stack.serverUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'operator', password: 'demo' }) });
    expect(loginRes.status).toBe(200);
    const { token, user } = (await loginRes.json()) as { token: string; user: { id: string } };
    const post = (url: string, t: string, body: unknown) =>
      fetch(`${stack.serverUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` }, body: JSON.stringify(body) });
    const get = await fetch(`${stack.serverUrl}/api/wallboard`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(403);
    expect(((await get.json()) as { code: string }).code).toBe('forbidden');
    expect((await post(`/api/agents/${user.id}/state`, token, { kind: 'break' })).status).toBe(403);
    expect((await post('/api/wallboard/reassign', token, { entity: 'orders', id: user.id, userId: user.id })).status).toBe(403);

    // The live socket's wallboard feed: refused with 403 before the upgrade.
    const wsStatus = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${stack.serverUrl.replace(/^http/, 'ws')}/api/live?token=${token}&wallboard=1`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('an operator got the wallboard feed')));
      ws.on('error', () => undefined);
    });
    expect(wsStatus).toBe(403);

    // Monitoring: neither an operator nor a technician, in any mode.
    const tech = await apiLogin(stack.serverUrl, 'tech');
    const supToken = await apiLogin(stack.serverUrl, 'supervisor');
    const list = (await (await fetch(`${stack.serverUrl}/api/monitor/agents`, { headers: { authorization: `Bearer ${supToken}` } })).json()) as { userId: string; name: string }[];
    const olgaId = list.find((x) => x.name === 'Ольга Смирнова')?.userId ?? '';
    for (const t of [token, tech]) {
      for (const mode of ['listen', 'whisper', 'barge']) expect((await post('/api/monitor', t, { agentUserId: olgaId, mode })).status).toBe(403);
      expect((await fetch(`${stack.serverUrl}/api/monitor/agents`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(403);
    }
    // The supervisor's token gets the wallboard.
    expect((await fetch(`${stack.serverUrl}/api/wallboard`, { headers: { authorization: `Bearer ${supToken}` } })).status).toBe(200);
  });
});

test.describe('@supervisor monitoring INVITEs are checked by the operator’s client', () => {
  test.afterEach(async ({ tel }, info) => {
    await afterSoftphoneTest(tel, info.status !== info.expectedStatus, (body) => info.attach('telephony-logs', { body }));
  });

  test('a forged grant, or a real one issued for another operator, is refused with 403 and never rings', async ({ browser, stack, tel, sipUser, probeServer }) => {
    test.setTimeout(120_000);
    const agent = await pultPage(browser, stack.appA, 'operator', { tone: AGENT, screen: 'home' });
    const agentSip = sipUser('a');
    await configurePhone(agent.page, { servers: [tel.wsUrl], user: agentSip });
    // Irina is on a call with a customer, so only the grant can stop an eavesdropper.
    const cust = await customerPhone(browser, probeServer.url, tel.wsUrl, sipUser('c'));
    const calling = cust.phone.call(agentSip);
    await agent.page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;

    const spyCtx = await tonedContext(browser, SUPERVISOR);
    const spy = await ProbeDriver.open(spyCtx, probeServer.url, 'spy');
    await spy.register(sipUser('x'), tel.wsUrl);
    // A grant the supervisor really got — for Olga, not for Irina.
    const sup = await apiLogin(stack.serverUrl, 'supervisor');
    const agents = (await (await fetch(`${stack.serverUrl}/api/monitor/agents`, { headers: { authorization: `Bearer ${sup}` } })).json()) as { userId: string; name: string }[];
    const olga = agents.find((x) => x.name === 'Ольга Смирнова')?.userId ?? '';
    const granted = await fetch(`${stack.serverUrl}/api/monitor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sup}` },
      body: JSON.stringify({ agentUserId: olga, mode: 'listen' }),
    });
    const forOlga = ((await granted.json()) as { grant: string }).grant;
    const forged = `${Buffer.from(JSON.stringify({ v: 1, mode: 'listen' })).toString('base64url')}.${'A'.repeat(43)}`;
    for (const grant of [forged, forOlga]) {
      await expect(spy.call(agentSip, [`X-Pult-Monitor: ${grant}`])).rejects.toThrow('(403)');
    }
    await expect(agent.page.getByTestId('incoming-call')).toHaveCount(0);
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);
    await expect(agent.page.getByTestId('in-call')).toHaveCount(1);
    await agent.page.getByTestId('hangup').click();
    await Promise.all([agent.context.close(), cust.context.close(), spyCtx.close()]);
  });
});
