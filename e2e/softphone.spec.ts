// @softphone: the built-in softphone against a real SIP server — Kamailio (registrar/proxy,
// WebSocket + UDP), rtpengine (WebRTC <-> RTP), sipp as the PSTN caller/callee, the bench's
// SIP.js probe as a third phone. Media is proven with getStats byte counters, never mocked.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.js';
import { startSipp } from './telephony/bench.js';
import {
  afterSoftphoneTest,
  configurePhone,
  expect,
  expectProbeMedia,
  expectPultMedia,
  liveCallId,
  openProbe,
  pultMedia,
  pultPage,
  test,
} from './support/telephony.js';

const ANNA = 'Анна Соколова';

test.describe('@softphone', () => {
  test.describe.configure({ mode: 'serial' });

  test.afterEach(async ({ tel }, info) => {
    await afterSoftphoneTest(tel, info.status !== info.expectedStatus, (body) => info.attach('telephony-logs', { body }));
  });

  test('sipp calls the operator: the card pops while it rings for every caller-ID form, audio flows', async ({ browser, stack, tel, sipUser, shot }) => {
    test.setTimeout(120_000);
    const { context, page } = await pultPage(browser, stack.appA, 'operator');
    const me = sipUser('op');
    await configurePhone(page, { servers: [tel.wsUrl], user: me });
    await expect(page.getByTestId('phone-status')).toContainText('Телефон готов');
    await shot(page, 'softphone-ready');

    for (const [i, callerId] of (['+79123456789', '89123456789', '79123456789', '9123456789'] as const).entries()) {
      const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId, calledNumber: '4951234567', holdMs: 3000 });
      const banner = page.getByTestId('incoming-call');
      await expect(banner).toBeVisible();
      // The card is there while it still rings.
      await expect(banner.getByTestId('screen-pop')).toHaveAttribute('data-state', 'found');
      await expect(banner.getByTestId('pop-customer-name')).toHaveText(ANNA);
      await expect(banner.getByTestId('incoming-line')).toContainText('+7 495 123-45-67');
      await expect(banner).toBeFocused();
      if (i === 0) await shot(page, 'softphone-incoming');
      if (i === 1) {
        // The card lists the call before, with what the operator noted in it.
        const last = banner.getByTestId('pop-call').first();
        await expect(last).toContainText('Входящий, поговорили');
        await expect(last).toContainText('Просит перезвонить вечером');
        await shot(page, 'softphone-incoming-last-calls');
      }
      await banner.getByTestId('answer').click();
      const id = await liveCallId(page, 'active');
      await expect(page.getByTestId('call-timer')).toBeVisible();
      if (i === 0) {
        await page.getByTestId('call-note').fill('Просит перезвонить вечером');
        await shot(page, 'softphone-in-call');
      }
      await expectPultMedia(page, id);
      const r = await sipp.result;
      expect(r.code, r.output).toBe(0);
      await expect(page.getByTestId('in-call')).toHaveCount(0);
    }
    await context.close();
  });

  test('anonymous and unknown callers get the new-customer form; markup in the name stays text', async ({ browser, stack, tel, sipUser, shot }) => {
    const { context, page } = await pultPage(browser, stack.appA, 'operator');
    const me = sipUser('op');
    await configurePhone(page, { servers: [tel.wsUrl], user: me });

    const anon = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: 'anonymous', holdMs: 15_000 });
    const banner = page.getByTestId('incoming-call');
    await expect(banner.getByTestId('screen-pop')).toHaveAttribute('data-state', 'unknown');
    await expect(banner.getByTestId('lead-form')).toHaveText('Новый клиент');
    await expect(banner).toContainText('Номер скрыт');
    await shot(page, 'softphone-lead-form');
    await banner.getByTestId('answer').click();
    const id = await liveCallId(page, 'active');
    await expectPultMedia(page, id);
    // The operator takes the request down; a number that cannot be read is explained and
    // nothing typed is lost; then it is saved as an order of hers.
    const form = page.getByTestId('in-call').getByTestId('screen-pop');
    await form.getByTestId('lead-name').fill('Пётр Ильич');
    await form.getByTestId('lead-phone').fill('12');
    await form.getByTestId('lead-what').fill('Течёт кран в ванной, нужен мастер');
    await form.getByTestId('lead-save').click();
    await expect(form).toContainText('Телефон в заявке указан неверно');
    await expect(form.getByTestId('lead-what')).toHaveValue('Течёт кран в ванной, нужен мастер');
    await shot(page, 'softphone-lead-form-bad-phone');
    await form.getByTestId('lead-phone').fill('8 917 555-44-33');
    await form.getByTestId('lead-save').click();
    await expect(form.getByTestId('lead-saved')).toBeVisible();
    await shot(page, 'softphone-lead-saved');
    expect((await anon.result).code).toBe(0);
    await expect(page.getByTestId('orders-list')).toContainText('Течёт кран в ванной, нужен мастер', { timeout: 10_000 });

    const evil = `<img src=x onerror=alert(1)>O'Brien`;
    const unknown = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: '+79001112233', callerName: evil, holdMs: 1000 });
    await expect(banner.getByTestId('screen-pop')).toHaveAttribute('data-state', 'unknown');
    await expect(banner.getByTestId('incoming-who')).toHaveText('OBrien, +7 900 111-22-33');
    await expect(banner.getByTestId('lead-phone')).toHaveValue('+7 900 111-22-33');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await banner.getByTestId('answer').click();
    expect((await unknown.result).code).toBe(0);
    await context.close();
  });

  test('click-to-call from an order card reaches a PSTN callee (sipp) with audio; a bad number in the dial pad is explained', async ({ browser, stack, tel, sipUser, shot }) => {
    const { context, page } = await pultPage(browser, stack.appA, 'operator');
    await configurePhone(page, { servers: [tel.wsUrl], user: sipUser('op') });

    // Dial pad: malformed input gets a Russian message and stays in the field.
    await page.getByTestId('open-dialpad').click();
    await page.getByTestId('dialpad-input').fill('8 912 345 67');
    await page.getByTestId('dialpad-call').click();
    await expect(page.getByText('Такого номера не бывает')).toBeVisible();
    await expect(page.getByTestId('dialpad-input')).toHaveValue('8 912 345 67');
    await shot(page, 'softphone-dialpad-error');
    await page.getByRole('button', { name: 'Назад' }).click();

    const uas = await startSipp({ scenario: 'uas_answer', dir: tel.dir, port: tel.pstnPort });
    await uas.ready;
    await page.getByTestId('order-row').first().click();
    await expect(page.getByTestId('order-card')).toBeVisible();
    await page.getByTestId('order-card').getByTestId('call-phone').click();
    const id = await liveCallId(page, 'active');
    await expectPultMedia(page, id);
    await shot(page, 'softphone-outgoing');
    await page.getByTestId('hangup').click();
    const r = await uas.result;
    expect(r.code, r.output).toBe(0);
    await context.close();
  });

  test('a callback leaves «Что делать сейчас» once the call back connects, here at once and on the server', async ({ browser, stack, tel, sipUser, shot }) => {
    const { context, page } = await pultPage(browser, stack.appA, 'operator', { screen: 'home' });
    await configurePhone(page, { servers: [tel.wsUrl], user: sipUser('op') });
    await page.getByTestId('nav-home').click();
    // Demo: «Недозвон: перезвонить по заказу» for Екатерина Смирнова, the operator's.
    const item = page.locator('[data-testid="todo-item"][data-kind="callback"]').filter({ hasText: 'Екатерина Смирнова' });
    await expect(item).toBeVisible();
    const callbackId = await item.getAttribute('data-todo-id');
    await shot(page, 'callback-before-call');

    const uas = await startSipp({ scenario: 'uas_answer', dir: tel.dir, port: tel.pstnPort });
    await uas.ready;
    await item.click();
    const card = page.getByTestId('customer-card');
    await expect(card.getByTestId('customer-callbacks')).toBeVisible();
    await card.getByTestId('call-phone').click();
    await liveCallId(page, 'active');
    // A product question mid-call: the catalog opens under the call panel, which stays.
    await page.getByTestId('call-catalog').click();
    await expect(page.getByTestId('catalog')).toBeVisible();
    await expect(page.getByTestId('in-call')).toBeVisible();
    // Prices for the caller's city (Екатерина Смирнова lives in Petersburg).
    await expect(page.getByTestId('catalog-city')).toHaveValue('Санкт-Петербург');
    await page.getByTestId('catalog-input').fill('смес');
    await expect(page.getByTestId('catalog-result')).toHaveCount(2);
    await shot(page, 'catalog-in-call');
    await page.getByTestId('hangup').click();
    const r = await uas.result;
    expect(r.code, r.output).toBe(0);
    await page.getByTestId('catalog-back').click();
    // The card and the home list drop it without waiting for the server.
    await expect(card.getByTestId('customer-callbacks')).toHaveCount(0);
    await page.getByTestId('nav-home').click();
    await expect(page.getByTestId('todo-item').first()).toBeVisible();
    await expect(page.locator(`[data-todo-id="${callbackId}"]`)).toHaveCount(0);
    await shot(page, 'callback-after-call');

    // Another desk of the same operator hears it from the server: closed there too.
    const other = await pultPage(browser, stack.appB, 'operator', { screen: 'home' });
    await expect(other.page.locator('[data-testid="todo-item"][data-kind="callback"]').first()).toBeVisible();
    await expect(other.page.locator(`[data-todo-id="${callbackId}"]`)).toHaveCount(0);
    await other.context.close();
    await context.close();
  });

  test('hold and unhold keep audio (Pult <-> second SIP.js phone)', async ({ browser, stack, tel, sipUser, probeServer, shot }) => {
    const { context, page } = await pultPage(browser, stack.appA, 'operator');
    const me = sipUser('op');
    await configurePhone(page, { servers: [tel.wsUrl], user: me });
    const { context: pctx, probe } = await openProbe(browser, probeServer);
    await probe.register(sipUser('probe'), tel.wsUrl);
    const calling = probe.call(me);
    await page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;
    const id = await liveCallId(page, 'active');
    await expectPultMedia(page, id);
    await expectProbeMedia(probe);

    await page.getByTestId('hold').click();
    await expect(page.getByTestId('in-call')).toHaveAttribute('data-state', 'held');
    await shot(page, 'softphone-held');
    await page.waitForTimeout(600);
    const probeHeld = await probe.inboundBytes();
    const pultHeld = await pultMedia(page, id);
    await page.waitForTimeout(800);
    // On hold (SDP sendonly from us) the customer's side stops sending to the operator.
    expect((await pultMedia(page, id)).inbound - pultHeld.inbound).toBeLessThan(500);

    const before = await pultMedia(page, id);
    await page.getByTestId('hold').click();
    await expect(page.getByTestId('in-call')).toHaveAttribute('data-state', 'active');
    await expectProbeMedia(probe, probeHeld + 1000);
    await expectPultMedia(page, id, { inbound: before.inbound + 1000, outbound: before.outbound + 1000 });
    await page.getByTestId('hangup').click();
    await probe.waitFor("state.call === 'Terminated'");
    await Promise.all([context.close(), pctx.close()]);
  });

  test('blind transfer: the customer ends up talking to the second Pult operator', async ({ browser, stack, tel, sipUser, probeServer }) => {
    const a = await pultPage(browser, stack.appA, 'operator');
    const b = await pultPage(browser, stack.appB, 'operator2');
    const [ua, ub] = [sipUser('a'), sipUser('b')];
    await configurePhone(a.page, { servers: [tel.wsUrl], user: ua });
    await configurePhone(b.page, { servers: [tel.wsUrl], user: ub });
    const { context: pctx, probe } = await openProbe(browser, probeServer);
    await probe.register(sipUser('cust'), tel.wsUrl);

    const calling = probe.call(ua);
    await a.page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;
    await expectPultMedia(a.page, await liveCallId(a.page, 'active'));
    await a.page.getByTestId('transfer-toggle').click();
    await a.page.getByTestId('transfer-target').fill(ub);
    await a.page.getByTestId('transfer-blind').click();

    await b.page.getByTestId('incoming-call').getByTestId('answer').click();
    const idB = await liveCallId(b.page, 'active');
    await expectPultMedia(b.page, idB);
    await probe.waitFor(`state.transferredTo === '${ub}' && state.call === 'Established'`);
    const probeIn = await probe.inboundBytes();
    await expectProbeMedia(probe, probeIn);
    await expect(a.page.getByTestId('in-call')).toHaveCount(0);
    await b.page.getByTestId('hangup').click();
    await Promise.all([a.context.close(), b.context.close(), pctx.close()]);
  });

  test('attended transfer: consult the colleague, then connect (REFER with Replaces)', async ({ browser, stack, tel, sipUser, probeServer, shot }) => {
    const a = await pultPage(browser, stack.appA, 'operator');
    const b = await pultPage(browser, stack.appB, 'operator2');
    const [ua, ub] = [sipUser('a'), sipUser('b')];
    await configurePhone(a.page, { servers: [tel.wsUrl], user: ua });
    await configurePhone(b.page, { servers: [tel.wsUrl], user: ub });
    const { context: pctx, probe } = await openProbe(browser, probeServer);
    await probe.register(sipUser('cust'), tel.wsUrl);

    const calling = probe.call(ua);
    await a.page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;
    const first = await liveCallId(a.page, 'active');
    await a.page.getByTestId('transfer-toggle').click();
    await a.page.getByTestId('transfer-target').fill(ub);
    await a.page.getByTestId('transfer-consult').click();
    await b.page.getByTestId('incoming-call').getByTestId('answer').click();
    await expect(a.page.locator(`[data-testid="in-call"][data-call-id="${first}"]`)).toHaveAttribute('data-state', 'held');
    const consult = a.page.getByTestId('complete-transfer');
    await expect(consult).toBeVisible();
    await shot(a.page, 'softphone-consult');
    await consult.click();

    // B's consultation leg is replaced by the customer's call; A is out.
    await probe.waitFor("state.call === 'Established' && state.transferredTo !== undefined", 15_000);
    await expect(a.page.getByTestId('in-call')).toHaveCount(0, { timeout: 15_000 });
    const idB = await liveCallId(b.page, 'active');
    const inB = await pultMedia(b.page, idB);
    await expectPultMedia(b.page, idB, inB);
    await expectProbeMedia(probe, await probe.inboundBytes());
    await b.page.getByTestId('hangup').click();
    await probe.waitFor("state.call === 'Terminated'");
    await Promise.all([a.context.close(), b.context.close(), pctx.close()]);
  });

  test('Kamailio restarted during an idle registration: registered again within 5 s and a call still rings', async ({ browser, stack, tel, sipUser, shot }) => {
    const { context, page } = await pultPage(browser, stack.appA, 'operator');
    const me = sipUser('op');
    await configurePhone(page, { servers: [tel.wsUrl], user: me });
    const status = page.getByTestId('phone-status');
    const regs = Number(await status.getAttribute('data-registrations'));
    const t0 = Date.now();
    await tel.restartKamailio();
    await expect(status).toHaveAttribute('data-registrations', String(regs + 1), { timeout: 5_000 });
    await expect(status).toHaveAttribute('data-state', 'registered');
    const ms = Date.now() - t0;
    test.info().annotations.push({ type: 're-register', description: `${ms} ms` });
    expect(ms).toBeLessThan(5_000);

    const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: '89123456789', holdMs: 1500 });
    await expect(page.getByTestId('incoming-call')).toBeVisible();
    await page.getByTestId('answer').click();
    await expectPultMedia(page, await liveCallId(page, 'active'));
    expect((await sipp.result).code).toBe(0);
    await context.close();
  });

  test('first server dead: the second one is used', async ({ browser, stack, tel, sipUser }) => {
    const { context, page } = await pultPage(browser, stack.appA, 'operator');
    const me = sipUser('op');
    await configurePhone(page, { servers: [tel.deadWsUrl, tel.wsUrl], user: me });
    await expect(page.getByTestId('phone-status')).toHaveAttribute('data-server-index', '1');
    const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: '79123456789', holdMs: 1500 });
    await page.getByTestId('incoming-call').getByTestId('answer').click();
    await expectPultMedia(page, await liveCallId(page, 'active'));
    expect((await sipp.result).code).toBe(0);
    await context.close();
  });

  test('over TLS (wss://, as production PBXs are reached): registers, the card pops, audio flows', async ({ browser, stack, tel, sipUser }) => {
    const { context, page } = await pultPage(browser, stack.appA, 'operator', { trustSelfSignedPbx: true });
    const me = sipUser('op');
    await configurePhone(page, { servers: [tel.wssUrl], user: me });
    await expect(page.getByTestId('phone-status')).toContainText('Телефон готов');
    const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: '89123456789', holdMs: 1500 });
    const banner = page.getByTestId('incoming-call');
    await expect(banner.getByTestId('pop-customer-name')).toHaveText(ANNA);
    await banner.getByTestId('answer').click();
    await expectPultMedia(page, await liveCallId(page, 'active'));
    expect((await sipp.result).code).toBe(0);
    await context.close();
  });

  test('bad input: unreachable server, wrong SIP password, microphone denied — each a clear message', async ({ browser, stack, tel, sipUser, shot }) => {
    test.setTimeout(90_000);
    const { context, page } = await pultPage(browser, stack.appA, 'operator');
    const status = page.getByTestId('phone-status');

    // Only a dead server.
    await configurePhone(page, { servers: [tel.deadWsUrl], user: sipUser('op'), waitFor: 'none' });
    await expect(status).toContainText('АТС не отвечает', { timeout: 20_000 });
    await shot(page, 'softphone-unreachable');

    // Wrong password for a user the bench protects with digest auth.
    await configurePhone(page, { servers: [tel.wsUrl], user: sipUser('secure-'), password: 'неверный', waitFor: 'none' });
    await expect(status).toContainText('АТС не принимает пароль телефона');
    await shot(page, 'softphone-auth-failed');
    await page.getByTestId('open-phone-settings').click();
    await expect(page.getByTestId('ps-password')).toHaveValue('');
    await shot(page, 'softphone-settings');
    await page.getByTestId('phone-settings-close').click();
    // And the right one registers.
    await configurePhone(page, { servers: [tel.wsUrl], user: sipUser('secure-'), password: 'pult-secret' });
    await context.close();

    // Microphone denied: the call cannot be answered here; the operator is told why.
    // (`--use-fake-ui-for-media-stream` grants every request, even a CDP-denied one; without it
    // headless Chromium refuses the microphone, as a user's «Блокировать» would.)
    const strict = await chromium.launch({
      executablePath: process.env.PULT_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream'),
    });
    const denied = await strict.newContext({ permissions: [], locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
    const dpage = await denied.newPage();
    await dpage.goto(stack.appA);
    await expect(dpage.getByTestId('logout')).toBeVisible();
    const me = sipUser('op');
    await configurePhone(dpage, { servers: [tel.wsUrl], user: me });
    const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tel.udpPort}`, dir: tel.dir, service: me, callerId: '+79123456789', holdMs: 1000 });
    await dpage.getByTestId('incoming-call').getByTestId('answer').click();
    await expect(dpage.getByTestId('phone-problem')).toContainText('Нет доступа к микрофону');
    await shot(dpage, 'softphone-mic-denied');
    await sipp.kill();
    await strict.close();
  });
});
