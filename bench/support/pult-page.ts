// Shared by the softphone benches: the real stack (CRM server, browser-mode web host, the built
// renderer in Debian Chromium) plus the SIP bench, with the softphone set up through its
// settings screen like an administrator would.
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { startTelephony, type Telephony } from '../../e2e/telephony/bench.js';
import { buildRenderer, rendererIsStale } from '../../scripts/build.js';
import { freePort, startServer, startWebHost, type Started } from '../../scripts/proc.js';

export interface PultBench {
  dir: string;
  tel: Telephony;
  server: Started;
  host: Started;
  hostDataDir: string;
  browser: Browser;
  page: Page;
  sipUser: string;
  close(): Promise<void>;
}

export async function startPultBench(): Promise<PultBench> {
  if (rendererIsStale()) await buildRenderer();
  const dir = mkdtempSync(path.join(tmpdir(), 'pult-bench-phone-'));
  const hostDataDir = path.join(dir, 'host');
  const started: Started[] = [];
  const tel = await startTelephony();
  const server = await startServer({ port: await freePort(), dataDir: path.join(dir, 'server') });
  started.push(server);
  const host = await startWebHost({ port: await freePort(), dataDir: hostDataDir, serverUrl: server.url });
  started.push(host);
  const browser = await chromium.launch({ executablePath: process.env.PULT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ permissions: ['microphone'], locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`pageerror ${e.message}`));
  await page.goto(host.url);
  await page.getByTestId('login-login').fill('operator');
  await page.getByTestId('login-password').fill('demo');
  await page.getByTestId('login-submit').click();
  // The first screen is «Что делать сейчас»; the pop shows over whatever screen is open.
  await page.getByTestId('home').or(page.getByTestId('orders-list')).waitFor();
  const sipUser = String(100_000 + Math.floor(Math.random() * 899_999));
  await page.getByTestId('open-phone-settings').click();
  await page.getByTestId('ps-servers').fill(tel.wsUrl);
  await page.getByTestId('ps-sip-uri').fill(`sip:${sipUser}@127.0.0.1`);
  await page.getByTestId('ps-save').click();
  await page.getByTestId('ps-saved').waitFor();
  await page.getByTestId('phone-settings-close').click();
  await page.locator('[data-testid="phone-status"][data-state="registered"]').waitFor({ timeout: 15_000 });
  return {
    dir,
    tel,
    server,
    host,
    hostDataDir,
    browser,
    page,
    sipUser,
    async close() {
      await browser.close().catch(() => undefined);
      await Promise.all(started.map((s) => s.stop()));
      await tel.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
