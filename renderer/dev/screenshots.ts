// Screenshots of the built renderer with a fake window.pult, at 1280×800 and at "200 % zoom"
// (a 640×400 viewport). Run: npx vite build --config renderer/vite.config.ts && npx tsx renderer/dev/screenshots.ts
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { installFakePult } from './fakePult.js';

const dist = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
const out = fileURLToPath(new URL('../../e2e/artifacts/renderer-dev/', import.meta.url));
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(dist, path === '/' ? 'index.html' : path);
  if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Problems a reviewer should see: sideways scroll, small targets, small text. */
async function audit(page: Page, name: string): Promise<void> {
  const report = await page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('button, input, a[href], [tabindex]:not([tabindex="-1"])')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.width < 48 || r.height < 48)) problems.push(`small target ${el.tagName} "${el.textContent?.trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (own && size < 18) problems.push(`small text ${size}px "${el.textContent?.trim().slice(0, 30)}"`);
    }
    return problems;
  });
  console.log(name, report.length ? report : 'ok');
}

async function shoot(width: number, height: number, tag: string, sync: 'idle' | 'offline'): Promise<void> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  // tsx keeps function names through a `__name` helper the page does not have: define it.
  await page.addInitScript({ content: `var __name = (f) => f; (${installFakePult.toString()})(${JSON.stringify({ sync })});` });
  await page.goto(base);
  await page.getByTestId('login-login').fill('galina');
  await page.getByTestId('login-password').fill('wrong');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').getByText('Неверный').waitFor();
  await audit(page, `${tag} login`);
  await page.screenshot({ path: `${out}${tag}-1-login-error.png`, fullPage: true });

  await page.getByTestId('login-password').fill('secret');
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('order-row').first().waitFor();
  await audit(page, `${tag} workspace`);
  await page.screenshot({ path: `${out}${tag}-2-workspace-${sync}.png`, fullPage: true });

  await page.getByTestId('order-row').first().focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('stage-button').first().waitFor();
  await audit(page, `${tag} card`);
  await page.screenshot({ path: `${out}${tag}-3-order-card.png`, fullPage: true });

  await page.locator('[data-testid="stage-button"][data-stage-id="cancelled"]').click();
  await page.getByTestId('reason-picker').waitFor();
  await audit(page, `${tag} reason picker`);
  await page.screenshot({ path: `${out}${tag}-4-reason-picker.png`, fullPage: true });
  await page.getByTestId('reason-cancel').click();

  await page.locator('[data-testid="stage-button"][data-stage-id="confirmed"]').click();
  await page.getByTestId('order-stage').getByText('Подтверждён').waitFor();
  await page.screenshot({ path: `${out}${tag}-5-order-card-changed.png`, fullPage: true });
  await page.getByRole('button', { name: 'Назад к списку' }).click();
  await page.getByTestId('orders-list').waitFor();
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-order-number'));
  console.log(tag, 'focus back on row', focused);
  await page.close();
}

try {
  await shoot(1280, 800, '1280', 'idle');
  await shoot(640, 400, 'zoom200', 'offline');
} finally {
  await browser.close();
  server.close();
}
console.log('screenshots in', out);
