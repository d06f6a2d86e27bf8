// Playwright fixtures: each worker gets a real CRM server (fresh embedded PGlite with demo data)
// and two browser-mode app instances ("desktops") A and B talking to it.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startServer, startWebHost, ROOT, type Started } from '../../scripts/proc.js';
import { startSwitchableProxy } from '../../scripts/proxy.js';
import { startMailbox, type Mailbox } from '../../server/test/mailbox.js';

export interface Stack {
  serverUrl: string;
  /** Browser-mode URLs (with the per-run token) of two app instances. */
  appA: string;
  appB: string;
  /** A port nothing listens on, for "server down" checks. */
  deadPort: number;
}

/** Two apps where A reaches the server through a port the test can block (@offline). */
export interface CutStack {
  serverUrl: string;
  appA: string;
  appB: string;
  /** Cuts (false) or restores (true) app A's connection to the server. */
  setOnlineA(online: boolean): void;
}

/** A stack whose server sends customer email to a loopback SMTP server the test reads (@orders). */
export interface MailStack extends Stack {
  mailbox: Mailbox;
}

export const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');

/** Starts a server (with `env`) and two web hosts A and B talking to it; `stop` undoes it all. */
export async function startStack(env: NodeJS.ProcessEnv = {}): Promise<Stack & { stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pult-e2e-'));
  const started: Started[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const server = await startServer({ port: await freePort(), dataDir: path.join(dir, 'server'), env });
    started.push(server);
    const [a, b] = await Promise.all([
      startWebHost({ port: await freePort(), dataDir: path.join(dir, 'a'), serverUrl: server.url }),
      startWebHost({ port: await freePort(), dataDir: path.join(dir, 'b'), serverUrl: server.url }),
    ]);
    started.push(a, b);
    return { serverUrl: server.url, appA: a.url, appB: b.url, deadPort: await freePort(), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export const test = base.extend<{ shot: (page: Page, name: string) => Promise<void> }, { stack: Stack; cutStack: CutStack; mailStack: MailStack }>({
  cutStack: [
    async ({}, use) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'pult-e2e-cut-'));
      const started: Started[] = [];
      const proxy: { close(): void }[] = [];
      try {
        const server = await startServer({ port: await freePort(), dataDir: path.join(dir, 'server') });
        started.push(server);
        const cut = await startSwitchableProxy(Number(new URL(server.url).port));
        proxy.push(cut);
        const [a, b] = await Promise.all([
          startWebHost({ port: await freePort(), dataDir: path.join(dir, 'a'), serverUrl: `http://127.0.0.1:${cut.port}` }),
          startWebHost({ port: await freePort(), dataDir: path.join(dir, 'b'), serverUrl: server.url }),
        ]);
        started.push(a, b);
        await use({ serverUrl: server.url, appA: a.url, appB: b.url, setOnlineA: (on) => cut.set(on) });
      } finally {
        proxy.forEach((p) => p.close());
        await Promise.all(started.map((s) => s.stop()));
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  stack: [
    async ({}, use) => {
      const { stop, ...stack } = await startStack();
      try {
        await use(stack);
      } finally {
        await stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  mailStack: [
    async ({}, use) => {
      const mailbox = await startMailbox();
      try {
        const { stop, ...stack } = await startStack({
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(mailbox.port),
          SMTP_SECURE: 'false',
          SMTP_FROM: 'Унитаз-Дешево.РФ <orders@pult.test>',
        });
        try {
          await use({ ...stack, mailbox });
        } finally {
          await stop();
        }
      } finally {
        await mailbox.close();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  shot: async ({}, use) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await use(async (page, name) => {
      // What the operator sees in the window, not the whole scrolled page.
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    });
  },
});

export { expect };

/**
 * Logs in through the real login form. The first screen is «Что делать сейчас» (supervisors:
 * all orders); most specs work on the order list, so this goes on to «Мои заказы» unless
 * `screen: 'home'` asks to stay.
 */
export async function login(page: Page, appUrl: string, user: string, password = 'demo', opts: { screen?: 'home' | 'orders' } = {}): Promise<void> {
  await page.goto(appUrl);
  await page.getByTestId('login-login').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('nav-orders')).toBeVisible();
  if ((opts.screen ?? 'orders') === 'orders') {
    await page.getByTestId('nav-orders').click();
    await expect(page.getByTestId('orders-list')).toBeVisible();
  } else {
    await expect(page.getByTestId('home').or(page.getByTestId('orders-list'))).toBeVisible();
  }
}

/** Opens an app instance at its login form, logging out whoever is still signed in there. */
export async function openLoggedOut(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  const logout = page.getByTestId('logout');
  const form = page.getByTestId('login-submit');
  await expect(logout.or(form)).toBeVisible();
  if (await logout.isVisible()) await logout.click();
  await expect(form).toBeVisible();
}
