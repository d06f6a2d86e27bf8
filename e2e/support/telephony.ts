// Softphone e2e fixtures: the real SIP bench (Kamailio + rtpengine, sipp on demand) and the
// bench's bare SIP.js probe as a second phone, on top of the app stack (server + two web hosts).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { killAllSipp, startTelephony, type Telephony } from '../telephony/bench.js';
import { ProbeDriver } from '../telephony/probe/driver.js';
import { serveProbe, type ProbeServer } from '../telephony/probe/serve.js';
import { expect, login, openLoggedOut, test as stackTest } from './stack.js';
import { useTone } from './tones.js';

export const test = stackTest.extend<{ sipUser: (name: string) => string }, { tel: Telephony; probeServer: ProbeServer }>({
  tel: [
    async ({}, use) => {
      const tel = await startTelephony();
      try {
        await use(tel);
      } finally {
        await killAllSipp();
        await tel.stop();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  probeServer: [
    async ({}, use) => {
      const s = await serveProbe();
      try {
        await use(s);
      } finally {
        await s.stop();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  // Fresh numeric SIP users per test (dialable as internal extensions, 6 digits): a closed
  // page's registration stays in Kamailio's location table until it expires.
  sipUser: async ({}, use) => {
    await use((name) => {
      const n = 100_000 + Math.floor(Math.random() * 899_999);
      return name.startsWith('secure-') ? `${name}${n}` : String(n);
    });
  },
});

export { expect };

/** Call in the spec's afterEach: attach bench logs on failure, stop sipp left waiting. */
export async function afterSoftphoneTest(tel: Telephony, failed: boolean, attach: (body: string) => Promise<void>): Promise<void> {
  if (failed) await attach(tel.logs(120));
  await killAllSipp();
}

/** A logged-in Pult window with the microphone allowed (or not); `tone`: the microphone is that sine (tones.ts). */
export async function pultPage(
  browser: Browser,
  appUrl: string,
  user: string,
  opts: { microphone?: boolean; trustSelfSignedPbx?: boolean; screen?: 'home' | 'orders'; tone?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // The bench's wss:// listener has a self-signed certificate; a real PBX has a proper one.
  const context = await browser.newContext({ permissions: opts.microphone === false ? [] : ['microphone'], ignoreHTTPSErrors: opts.trustSelfSignedPbx ?? false });
  if (opts.tone !== undefined) await useTone(context, opts.tone);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`[pult ${user}] pageerror ${e.message}`));
  await openLoggedOut(page, appUrl);
  await login(page, appUrl, user, 'demo', opts.screen ? { screen: opts.screen } : {});
  return { context, page };
}

/** Sets the softphone up through «Настройки телефона», like an administrator would. */
export async function configurePhone(
  page: Page,
  opts: { servers: string[]; user: string; password?: string; waitFor?: 'registered' | 'none' },
): Promise<void> {
  await page.getByTestId('open-phone-settings').click();
  await page.getByTestId('ps-servers').fill(opts.servers.join('\n'));
  await page.getByTestId('ps-sip-uri').fill(`sip:${opts.user}@127.0.0.1`);
  await page.getByTestId('ps-password').fill(opts.password ?? '');
  await page.getByTestId('ps-display-name').fill(`Оператор ${opts.user}`);
  await page.getByTestId('ps-save').click();
  await expect(page.getByTestId('ps-saved')).toBeVisible();
  await page.getByTestId('phone-settings-close').click();
  if ((opts.waitFor ?? 'registered') === 'registered') {
    await expect(page.getByTestId('phone-status')).toHaveAttribute('data-state', 'registered', { timeout: 10_000 });
  }
}

/** getStats audio byte counters of a call in the Pult page. */
export async function pultMedia(page: Page, callId: string): Promise<{ inbound: number; outbound: number }> {
  return page.evaluate(
    (id) => (globalThis as unknown as { __pultSoftphone: { mediaBytes(id: string): Promise<{ inbound: number; outbound: number }> } }).__pultSoftphone.mediaBytes(id),
    callId,
  );
}

/** The id of the call shown in the in-call panel (the first one, or the one in `state`). */
export async function liveCallId(page: Page, state?: string): Promise<string> {
  const sel = state ? `[data-testid="in-call"][data-state="${state}"]` : '[data-testid="in-call"]';
  const el = page.locator(sel).first();
  await expect(el).toBeVisible({ timeout: 15_000 });
  const id = await el.getAttribute('data-call-id');
  if (!id) throw new Error('no call id');
  return id;
}

/** Polls until the Pult call receives (and sends) audio: inbound-rtp and outbound-rtp bytes grow past `above`. */
export async function expectPultMedia(page: Page, callId: string, above = { inbound: 0, outbound: 0 }): Promise<{ inbound: number; outbound: number }> {
  await expect.poll(async () => (await pultMedia(page, callId)).inbound, { timeout: 10_000, intervals: [200] }).toBeGreaterThan(above.inbound);
  await expect.poll(async () => (await pultMedia(page, callId)).outbound, { timeout: 10_000, intervals: [200] }).toBeGreaterThan(above.outbound);
  return pultMedia(page, callId);
}

export async function openProbe(browser: Browser, probeServer: ProbeServer, name = 'probe'): Promise<{ context: BrowserContext; probe: ProbeDriver }> {
  const context = await browser.newContext({ permissions: ['microphone'] });
  return { context, probe: await ProbeDriver.open(context, probeServer.url, name) };
}

export async function expectProbeMedia(probe: ProbeDriver, above = 0): Promise<number> {
  await expect.poll(() => probe.inboundBytes(), { timeout: 10_000, intervals: [200] }).toBeGreaterThan(above);
  return probe.inboundBytes();
}
