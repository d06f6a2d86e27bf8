// @supervisor: listen / whisper / barge on a live call through a real SIP server (Kamailio +
// rtpengine). The customer is the bench's bare SIP.js page, operator A and the supervisor are
// Pult windows. Each party's microphone is a tone of its own (customer 440 Hz, operator 1000 Hz,
// supervisor 2500 Hz), so what each one hears proves who hears whom; getStats proves the
// supervisor's leg carries audio. Users without the role get no monitoring, from UI or API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.js';
import { freePort, startServer, startWebHost, type Started } from '../scripts/proc.js';
import { expectAccessible, setDisplay } from './support/a11y.js';
import { bridgeCall } from './support/bridge.js';
import { login, openLoggedOut } from './support/stack.js';
import { afterSoftphoneTest, configurePhone, expect, expectPultMedia, liveCallId, test as telTest } from './support/telephony.js';
import { inboundAudio, toneLevels, useTone } from './support/tones.js';
import { ProbeDriver } from './telephony/probe/driver.js';

const CUSTOMER = 440;
const AGENT = 1000;
const SUPERVISOR = 2500;
const ALL = [CUSTOMER, AGENT, SUPERVISOR];
/** A tone this loud (dBFS in its FFT bin) is heard; one below QUIET is not there at all. */
const HEARD = -60;
const QUIET = -85;

interface MonitorStack {
  serverUrl: string;
  appAgent: string;
  appSupervisor: string;
}

const test = telTest.extend<object, { monStack: MonitorStack }>({
  monStack: [
    async ({}, use) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'pult-e2e-mon-'));
      const started: Started[] = [];
      try {
        const server = await startServer({ port: await freePort(), dataDir: path.join(dir, 'server'), env: { MONITOR_NOTIFY_AGENT: 'true' } });
        started.push(server);
        const [a, s] = await Promise.all([
          startWebHost({ port: await freePort(), dataDir: path.join(dir, 'a'), serverUrl: server.url }),
          startWebHost({ port: await freePort(), dataDir: path.join(dir, 's'), serverUrl: server.url }),
        ]);
        started.push(a, s);
        await use({ serverUrl: server.url, appAgent: a.url, appSupervisor: s.url });
      } finally {
        await Promise.all(started.map((p) => p.stop()));
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

// The customer page plays its tone without a click (nobody clicks in it).
test.use({ launchOptions: { executablePath: process.env.PULT_CHROMIUM ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] } });

async function party(browser: Browser, freq: number): Promise<BrowserContext> {
  const context = await browser.newContext({ permissions: ['microphone'] });
  await useTone(context, freq);
  return context;
}

async function pultWindow(browser: Browser, appUrl: string, user: string, freq: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await party(browser, freq);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[pult ${user}] pageerror ${e.message}`));
  await openLoggedOut(page, appUrl);
  await login(page, appUrl, user, 'demo', { screen: 'home' });
  return { context, page };
}

/** Polls until the page hears (or stops hearing) the tones as asked. */
async function expectHears(page: Page, from: 'played' | 'received', want: { hears: number[]; not: number[] }, what: string): Promise<void> {
  let last: Record<string, number> = {};
  await expect
    .poll(
      async () => {
        last = await toneLevels(page, ALL, from);
        return want.hears.every((f) => (last[String(f)] ?? -200) > HEARD) && want.not.every((f) => (last[String(f)] ?? -200) < QUIET);
      },
      { timeout: 12_000, intervals: [300], message: `${what}: ${JSON.stringify(want)}` },
    )
    .toBe(true);
  console.log(`[levels] ${what}: ${JSON.stringify(last)}`);
}

async function apiLogin(serverUrl: string, user: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: user, password: 'demo' }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

test.describe('@supervisor call monitoring', () => {
  test.describe.configure({ mode: 'serial' });

  test.afterEach(async ({ tel }, info) => {
    await afterSoftphoneTest(tel, info.status !== info.expectedStatus, (body) => info.attach('telephony-logs', { body }));
  });

  test('listen, whisper, barge: each party hears exactly whom it should', async ({ browser, monStack, tel, sipUser, probeServer, shot }) => {
    test.setTimeout(180_000);
    const agent = await pultWindow(browser, monStack.appAgent, 'operator', AGENT);
    const sup = await pultWindow(browser, monStack.appSupervisor, 'supervisor', SUPERVISOR);
    const [agentSip, supSip] = [sipUser('a'), sipUser('s')];
    await configurePhone(agent.page, { servers: [tel.wsUrl], user: agentSip });
    await configurePhone(sup.page, { servers: [tel.wsUrl], user: supSip });

    // The customer calls operator A through Kamailio; A answers.
    const custCtx = await party(browser, CUSTOMER);
    const customer = await ProbeDriver.open(custCtx, probeServer.url, 'customer');
    await customer.register(sipUser('c'), tel.wsUrl);
    const calling = customer.call(agentSip);
    await agent.page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;
    const callId = await liveCallId(agent.page, 'active');
    await expectPultMedia(agent.page, callId);
    // Before anyone monitors: the customer and the operator hear each other, nobody hears 2500 Hz.
    await expectHears(customer.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, before');
    await expectHears(agent.page, 'played', { hears: [CUSTOMER], not: [SUPERVISOR] }, 'operator, before');

    // The supervisor finds Irina under «Операторы онлайн».
    await sup.page.getByTestId('nav-agents').click();
    const row = sup.page.getByTestId('agent-row').filter({ hasText: 'Ирина Петрова' });
    await expect(row).toBeVisible();
    await expect(row).not.toContainText('Телефон оператора ещё не подключён');
    // Presence: Irina's window told the server she is on a call.
    await expect(row).toHaveAttribute('data-state', 'onCall', { timeout: 10_000 });
    await expect(row).toContainText('Разговаривает');
    const controls = row.getByTestId('monitor-controls');

    // ---- listen
    await controls.getByTestId('monitor-listen').click();
    await expect(controls).toHaveAttribute('data-mode', 'listen', { timeout: 15_000 });
    await expect(controls.getByTestId('monitor-status')).toHaveText('Вы слушаете разговор. Ирина Петрова и клиент вас не слышат.');
    await expect(controls.getByTestId('monitor-listen')).toHaveAttribute('aria-pressed', 'true');
    // getStats: audio reaches the supervisor.
    await expect.poll(async () => (await inboundAudio(sup.page)).bytes, { timeout: 10_000 }).toBeGreaterThan(1000);
    await expect.poll(async () => (await inboundAudio(sup.page)).audioLevel, { timeout: 10_000 }).toBeGreaterThan(0);
    await expectHears(sup.page, 'played', { hears: [CUSTOMER, AGENT], not: [SUPERVISOR] }, 'supervisor, listen');
    await expectHears(customer.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, listen');
    await expectHears(agent.page, 'played', { hears: [CUSTOMER], not: [SUPERVISOR] }, 'operator, listen');
    // Site policy says operators are told; nothing rings and no second call appears for them.
    await expect(agent.page.getByTestId('monitored-notice')).toHaveText('Ваш разговор слушает супервизор Елена Морозова.');
    await expect(agent.page.getByTestId('incoming-call')).toHaveCount(0);
    await expect(agent.page.getByTestId('in-call')).toHaveCount(1);
    await shot(sup.page, 'monitor-supervisor-listen');
    await shot(agent.page, 'monitor-agent-listened');
    await expectAccessible(sup.page, 'operators online, listening');

    // ---- whisper: the operator hears the supervisor, the customer does not
    await controls.getByTestId('monitor-whisper').click();
    await expect(controls).toHaveAttribute('data-mode', 'whisper', { timeout: 15_000 });
    await expectHears(agent.page, 'played', { hears: [CUSTOMER, SUPERVISOR], not: [] }, 'operator, whisper');
    await expectHears(customer.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, whisper');
    await expectHears(sup.page, 'played', { hears: [CUSTOMER, AGENT], not: [] }, 'supervisor, whisper');
    await expect(agent.page.getByTestId('monitored-notice')).toHaveText('Вам подсказывает супервизор Елена Морозова. Клиент этого не слышит.');
    await shot(sup.page, 'monitor-supervisor-whisper');
    await shot(agent.page, 'monitor-agent-whisper');

    // ---- barge: both hear the supervisor
    await controls.getByTestId('monitor-barge').click();
    await expect(controls).toHaveAttribute('data-mode', 'barge', { timeout: 15_000 });
    await expectHears(customer.page, 'received', { hears: [AGENT, SUPERVISOR], not: [] }, 'customer, barge');
    await expectHears(agent.page, 'played', { hears: [CUSTOMER, SUPERVISOR], not: [] }, 'operator, barge');
    await expect(agent.page.getByTestId('monitored-notice')).toHaveText('Супервизор Елена Морозова в разговоре: клиент слышит и вас, и супервизора.');
    await shot(sup.page, 'monitor-supervisor-barge');
    await shot(agent.page, 'monitor-agent-barge');

    // ---- back to listen: the customer's line carries the bare microphone again
    await controls.getByTestId('monitor-listen').click();
    await expect(controls).toHaveAttribute('data-mode', 'listen', { timeout: 15_000 });
    await expectHears(customer.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, listen again');
    await expectHears(agent.page, 'played', { hears: [CUSTOMER], not: [SUPERVISOR] }, 'operator, listen again');

    // ---- stop: the customer call goes on as before
    await controls.getByTestId('monitor-stop').click();
    await expect(controls).toHaveAttribute('data-mode', '', { timeout: 10_000 });
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);
    await expect(agent.page.getByTestId('in-call')).toHaveAttribute('data-state', 'active');
    const before = await customer.inboundBytes();
    await expect.poll(() => customer.inboundBytes(), { timeout: 10_000 }).toBeGreaterThan(before + 1000);
    await expectHears(customer.page, 'received', { hears: [AGENT], not: [SUPERVISOR] }, 'customer, after');

    await agent.page.getByTestId('hangup').click();
    await customer.waitFor("state.call === 'Terminated'");
    await Promise.all([agent.context.close(), sup.context.close(), custCtx.close()]);
  });

  test('monitoring ends with the customer call', async ({ browser, monStack, tel, sipUser, probeServer }) => {
    const agent = await pultWindow(browser, monStack.appAgent, 'operator', AGENT);
    const sup = await pultWindow(browser, monStack.appSupervisor, 'supervisor', SUPERVISOR);
    const agentSip = sipUser('a');
    await configurePhone(agent.page, { servers: [tel.wsUrl], user: agentSip });
    await configurePhone(sup.page, { servers: [tel.wsUrl], user: sipUser('s') });
    const custCtx = await party(browser, CUSTOMER);
    const customer = await ProbeDriver.open(custCtx, probeServer.url, 'customer');
    await customer.register(sipUser('c'), tel.wsUrl);
    const calling = customer.call(agentSip);
    await agent.page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;
    await sup.page.getByTestId('nav-agents').click();
    const controls = sup.page.getByTestId('agent-row').filter({ hasText: 'Ирина Петрова' }).getByTestId('monitor-controls');
    await controls.getByTestId('monitor-barge').click();
    await expect(controls).toHaveAttribute('data-mode', 'barge', { timeout: 15_000 });
    await expectHears(sup.page, 'played', { hears: [CUSTOMER, AGENT], not: [] }, 'supervisor, barge');

    await customer.hangup();
    await expect(agent.page.getByTestId('in-call')).toHaveCount(0, { timeout: 10_000 });
    await expect(controls).toHaveAttribute('data-mode', '', { timeout: 10_000 });
    await expect(controls.getByTestId('monitor-stop')).toHaveCount(0, { timeout: 5_000 });
    await expect(controls.getByTestId('monitor-error')).toHaveCount(0);
    await expect(agent.page.getByTestId('monitored-notice')).toHaveCount(0);
    await Promise.all([agent.context.close(), sup.context.close(), custCtx.close()]);
  });

  test('an operator who is not on a call cannot be listened to; the supervisor is told why', async ({ browser, monStack, tel, sipUser, shot }) => {
    const agent = await pultWindow(browser, monStack.appAgent, 'operator', AGENT);
    const sup = await pultWindow(browser, monStack.appSupervisor, 'supervisor', SUPERVISOR);
    await configurePhone(agent.page, { servers: [tel.wsUrl], user: sipUser('a') });
    await configurePhone(sup.page, { servers: [tel.wsUrl], user: sipUser('s') });
    await sup.page.getByTestId('nav-agents').click();
    const controls = sup.page.getByTestId('agent-row').filter({ hasText: 'Ирина Петрова' }).getByTestId('monitor-controls');
    await controls.getByTestId('monitor-listen').click();
    await expect(controls.getByTestId('monitor-error')).toHaveText('Оператор Ирина Петрова сейчас не разговаривает с клиентом.', { timeout: 15_000 });
    await expect(agent.page.getByTestId('incoming-call')).toHaveCount(0);
    await shot(sup.page, 'monitor-not-on-call');
    // The screen in English, dark, at 200 %: still accessible, nothing cut off.
    await setDisplay(sup.page, { language: 'en', theme: 'dark', zoom: 200 });
    await expect(controls.getByTestId('monitor-error')).toHaveText('Ирина Петрова is not talking to a customer right now.');
    await controls.scrollIntoViewIfNeeded();
    await expectAccessible(sup.page, 'operators online, en dark 200 %');
    await shot(sup.page, 'monitor-agents-en-dark-200');
    await setDisplay(sup.page, { language: 'ru', theme: 'light', zoom: 100 });
    await Promise.all([agent.context.close(), sup.context.close()]);
  });

  test('PBX feature codes: with a code set, «Слушать» dials it instead; a bad code is explained and kept', async ({ browser, monStack, tel, sipUser, shot }) => {
    const agent = await pultWindow(browser, monStack.appAgent, 'operator', AGENT);
    const sup = await pultWindow(browser, monStack.appSupervisor, 'supervisor', SUPERVISOR);
    const agentSip = sipUser('a');
    await configurePhone(agent.page, { servers: [tel.wsUrl], user: agentSip });
    await configurePhone(sup.page, { servers: [tel.wsUrl], user: sipUser('s') });
    // Operators do not see the codes at all.
    await agent.page.getByTestId('open-phone-settings').click();
    await expect(agent.page.getByTestId('ps-monitor-listen')).toHaveCount(0);
    await agent.page.getByTestId('phone-settings-close').click();

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

    await sup.page.getByTestId('nav-agents').click();
    await sup.page.getByTestId('agent-row').filter({ hasText: 'Ирина Петрова' }).getByTestId('monitor-listen').click();
    // An ordinary call to the PBX's code (this bench has no ChanSpy, so it ends there).
    await expect(sup.page.getByTestId('call-area')).toContainText(`*222${agentSip}`, { timeout: 10_000 });
    await expect(agent.page.getByTestId('incoming-call')).toHaveCount(0);
    await Promise.all([agent.context.close(), sup.context.close()]);
  });

  test('without the supervisor role there is no monitoring: no controls in the UI, 403 from the API', async ({ browser, monStack }) => {
    const op = await pultWindow(browser, monStack.appAgent, 'operator', AGENT);
    await expect(op.page.getByTestId('nav-reports')).toHaveCount(0);
    await expect(op.page.getByTestId('nav-agents')).toHaveCount(0);
    await expect(op.page.getByTestId('monitor-controls')).toHaveCount(0);
    // The client's own path (contract → main → server) is refused as well.
    const viaClient = (await bridgeCall(op.page, 'monitor.start', { agentUserId: '01900000-0000-7000-8000-000000000002', mode: 'listen' })) as { ok: boolean; error?: { code: string } };
    expect(viaClient).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await bridgeCall(op.page, 'monitor.agents', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await op.context.close();

    const irina = await apiLogin(monStack.serverUrl, 'operator');
    const tech = await apiLogin(monStack.serverUrl, 'tech');
    const olgaId = await (async () => {
      const sup = await apiLogin(monStack.serverUrl, 'supervisor');
      const res = await fetch(`${monStack.serverUrl}/api/monitor/agents`, { headers: { authorization: `Bearer ${sup}` } });
      const list = (await res.json()) as { userId: string; name: string }[];
      return list.find((a) => a.name === 'Ольга Смирнова')?.userId ?? '';
    })();
    for (const token of [irina, tech]) {
      for (const mode of ['listen', 'whisper', 'barge']) {
        const res = await fetch(`${monStack.serverUrl}/api/monitor`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ agentUserId: olgaId, mode }),
        });
        expect(res.status).toBe(403);
      }
      expect((await fetch(`${monStack.serverUrl}/api/monitor/agents`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    }
  });
});

test.describe('@supervisor monitoring INVITEs are checked by the server', () => {
  test.afterEach(async ({ tel }, info) => {
    await afterSoftphoneTest(tel, info.status !== info.expectedStatus, (body) => info.attach('telephony-logs', { body }));
  });

  test('a forged grant, or a real one issued for another operator, is refused with 403 and never rings', async ({ browser, monStack, tel, sipUser, probeServer }) => {
    test.setTimeout(120_000);
    const agent = await pultWindow(browser, monStack.appAgent, 'operator', AGENT);
    const agentSip = sipUser('a');
    await configurePhone(agent.page, { servers: [tel.wsUrl], user: agentSip });
    // Irina is on a call with a customer, so only the grant can stop an eavesdropper.
    const custCtx = await party(browser, CUSTOMER);
    const customer = await ProbeDriver.open(custCtx, probeServer.url, 'customer');
    await customer.register(sipUser('c'), tel.wsUrl);
    const calling = customer.call(agentSip);
    await agent.page.getByTestId('incoming-call').getByTestId('answer').click();
    await calling;

    const spyCtx = await party(browser, SUPERVISOR);
    const spy = await ProbeDriver.open(spyCtx, probeServer.url, 'spy');
    await spy.register(sipUser('x'), tel.wsUrl);
    // A grant the supervisor really got — for Olga, not for Irina.
    const sup = await apiLogin(monStack.serverUrl, 'supervisor');
    const agents = (await (await fetch(`${monStack.serverUrl}/api/monitor/agents`, { headers: { authorization: `Bearer ${sup}` } })).json()) as { userId: string; name: string }[];
    const olga = agents.find((a) => a.name === 'Ольга Смирнова')?.userId ?? '';
    const granted = await fetch(`${monStack.serverUrl}/api/monitor`, {
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
    await Promise.all([agent.context.close(), custCtx.close(), spyCtx.close()]);
  });
});
