// @telephony-bench: proves the real SIP bench (Kamailio + rtpengine + sipp + SIP.js in
// Chromium) works before the softphone e2e tests are built on it.
// Run: npx playwright test e2e/telephony --grep @telephony-bench
import { test, expect, type Browser, type BrowserContext } from '@playwright/test';
import { killAllSipp, startSipp, startTelephony, type Telephony } from './bench.js';
import { ProbeDriver } from './probe/driver.js';
import { serveProbe, type ProbeServer } from './probe/serve.js';

let bench: Telephony | undefined;
let probeServer: ProbeServer | undefined;
let seq = 0;

/** A fresh user name per test, so no stale registration of an earlier test gets the call. */
const user = (name: string) => `${name}-${++seq}-${process.pid}`;

function tb(): Telephony {
  if (!bench) throw new Error('bench not started');
  return bench;
}

async function probes(browser: Browser, n: number): Promise<{ context: BrowserContext; p: ProbeDriver[] }> {
  const context = await browser.newContext({ permissions: ['microphone'] });
  const p: ProbeDriver[] = [];
  for (let i = 0; i < n; i++) p.push(await ProbeDriver.open(context, probeServer!.url, `probe${i}`));
  return { context, p };
}

/** Polls getStats until inbound audio bytes exceed `above`. */
async function expectMediaIn(d: ProbeDriver, above = 0, timeout = 8000): Promise<number> {
  await expect.poll(() => d.inboundBytes(), { timeout, intervals: [200] }).toBeGreaterThan(above);
  return d.inboundBytes();
}

test.describe('@telephony-bench', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    [bench, probeServer] = await Promise.all([startTelephony(), serveProbe()]);
  });

  test.afterAll(async () => {
    await Promise.all([bench?.stop(), probeServer?.stop()]);
  });

  test.afterEach(async ({}, info) => {
    if (info.status !== info.expectedStatus && bench) await info.attach('telephony-logs', { body: bench.logs(80) });
    await killAllSipp();
  });

  test('(a) sipp calls the probe: caller ID and dialed line arrive, media flows, sipp BYE ends it', async ({ browser }) => {
    const { context, p } = await probes(browser, 1);
    const agent = p[0]!;
    const me = user('agent');
    await agent.register(me, tb().wsUrl);
    await agent.answerNext();
    const sipp = await startSipp({
      scenario: 'uac_call',
      target: `127.0.0.1:${tb().udpPort}`,
      dir: tb().dir,
      service: me,
      callerId: '+79123456789',
      calledNumber: '4951234567',
      diversion: '4951234567',
      holdMs: 4000,
    });
    await agent.waitFor("state.call === 'Established'");
    const s = await agent.state();
    expect(s.incoming?.fromUser).toBe('+79123456789');
    expect(s.incoming?.calledNumber).toBe('4951234567');
    expect(s.incoming?.diversion).toContain('4951234567');
    await expectMediaIn(agent);
    const r = await sipp.result;
    expect(r.code, r.output).toBe(0);
    await agent.waitFor("state.call === 'Terminated'");
    await context.close();
  });

  test('(a2) caller ID variants, anonymous included, reach the probe', async ({ browser }) => {
    const { context, p } = await probes(browser, 1);
    const agent = p[0]!;
    const me = user('agent');
    await agent.register(me, tb().wsUrl);
    await agent.answerNext();
    const ids = ['89123456789', '79123456789', '9123456789', 'anonymous'] as const;
    for (const [i, callerId] of ids.entries()) {
      const r = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tb().udpPort}`, dir: tb().dir, service: me, callerId, holdMs: 300 });
      await agent.waitFor(`state.established === ${i + 1}`);
      const s = await agent.state();
      if (callerId === 'anonymous') expect(s.incoming?.fromUri).toBe('sip:anonymous@anonymous.invalid');
      else expect(s.incoming?.fromUser).toBe(callerId);
      const res = await r.result;
      expect(res.code, res.output).toBe(0);
    }
    await context.close();
  });

  test('(b) the probe calls a sipp callee, media flows, probe hangs up, sipp exits 0', async ({ browser }) => {
    const { context, p } = await probes(browser, 1);
    const agent = p[0]!;
    await agent.register(user('agent'), tb().wsUrl);
    const uas = await startSipp({ scenario: 'uas_answer', dir: tb().dir });
    await uas.ready;
    await agent.call(uas.user);
    await expectMediaIn(agent);
    await agent.hangup();
    const r = await uas.result;
    expect(r.code, r.output).toBe(0);
    await context.close();
  });

  test('(c) SIP.js <-> SIP.js: media both ways, hold/unhold by re-INVITE keeps audio', async ({ browser }) => {
    const { context, p } = await probes(browser, 2);
    const [a, b] = [p[0]!, p[1]!];
    const ua = user('a');
    const ub = user('b');
    await a.register(ua, tb().wsUrl);
    await b.register(ub, tb().wsUrl);
    await b.answerNext();
    await a.call(ub);
    await Promise.all([expectMediaIn(a), expectMediaIn(b)]);

    await a.hold(true);
    await new Promise((r) => setTimeout(r, 600));
    const aHeld = await a.inboundBytes();
    const bHeld = await b.inboundBytes();
    await new Promise((r) => setTimeout(r, 800));
    // A is on hold (sendonly): A still sends, B sends nothing back.
    expect((await a.inboundBytes()) - aHeld).toBeLessThan(500);
    expect(await b.inboundBytes()).toBeGreaterThan(bHeld);

    await a.hold(false);
    await Promise.all([expectMediaIn(a, aHeld + 1000), expectMediaIn(b, bHeld + 1000)]);
    await a.hangup();
    await b.waitFor("state.call === 'Terminated'");
    await context.close();
  });

  test('(d) blind transfer: A talks to B, REFERs B to C, B ends up talking to C', async ({ browser }) => {
    const { context, p } = await probes(browser, 3);
    const [a, b, c] = [p[0]!, p[1]!, p[2]!];
    const [ua, ub, uc] = [user('a'), user('b'), user('c')];
    await Promise.all([a.register(ua, tb().wsUrl), b.register(ub, tb().wsUrl), c.register(uc, tb().wsUrl)]);
    await b.answerNext();
    await c.answerNext();
    await a.call(ub);
    await expectMediaIn(b);
    await a.refer(uc);
    await a.hangup();
    await b.waitFor(`state.transferredTo === '${uc}' && state.call === 'Established'`);
    await c.waitFor("state.call === 'Established'");
    expect((await c.state()).incoming?.fromUser).toBe(ub);
    await Promise.all([expectMediaIn(b), expectMediaIn(c)]);
    await a.waitFor("state.call === 'Terminated'");
    await c.hangup();
    await b.waitFor("state.call === 'Terminated'");
    await context.close();
  });

  test('(e) Kamailio restart: the probe registers again within 5 s and still gets calls', async ({ browser }) => {
    const { context, p } = await probes(browser, 1);
    const agent = p[0]!;
    const me = user('agent');
    await agent.register(me, tb().wsUrl);
    await agent.answerNext();
    const pidBefore = tb().kamailioPid;
    const t0 = Date.now();
    await tb().restartKamailio();
    expect(tb().kamailioPid).not.toBe(pidBefore);
    await agent.waitFor('state.registrations >= 2 && state.registered', 5000);
    const reRegisterMs = Date.now() - t0;
    test.info().annotations.push({ type: 're-register', description: `${reRegisterMs} ms after restart began` });
    console.log(`re-registered ${reRegisterMs} ms after the Kamailio restart began`);
    expect(reRegisterMs).toBeLessThan(5000);

    const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${tb().udpPort}`, dir: tb().dir, service: me, callerId: 'anonymous', holdMs: 2000 });
    await agent.waitFor("state.call === 'Established'");
    expect((await agent.state()).incoming?.fromUri).toBe('sip:anonymous@anonymous.invalid');
    await expectMediaIn(agent);
    const r = await sipp.result;
    expect(r.code, r.output).toBe(0);
    await context.close();
  });
});
