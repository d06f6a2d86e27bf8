// @skeleton: the walking skeleton end to end — browser mode, real server, real local cache.
import { z } from 'zod';
import { LoginResponse, PullResponse } from '../core/index.js';
import { expect, login, openLoggedOut, test } from './support/stack.js';
import type { Page } from '@playwright/test';

/** Reads an order straight from the server's sync API, as an admin-side check. */
async function serverOrder(serverUrl: string, number: string) {
  const loginRes = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'supervisor', password: 'demo' }),
  });
  const { token } = LoginResponse.parse(await loginRes.json());
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${serverUrl}/api/sync/pull?cursor=${cursor}&limit=500`, { headers: { authorization: `Bearer ${token}` } });
    const page = PullResponse.parse(await res.json());
    for (const c of page.changes) if (c.op === 'upsert' && c.entity === 'orders' && c.data.number === number) return c.data;
    if (!page.hasMore) return null;
    cursor = page.cursor;
  }
}

test.describe('@skeleton', () => {
  test('bad input at login shows a clear Russian message and keeps what was typed', async ({ page, stack, shot }) => {
    await openLoggedOut(page, stack.appA);
    const url = page.getByTestId('login-server-url');
    const loginField = page.getByTestId('login-login');
    const password = page.getByTestId('login-password');
    const submit = page.getByTestId('login-submit');

    // Empty login.
    await loginField.fill('');
    await password.fill('demo');
    await submit.click();
    // Field problems are shown beside the field they concern.
    await expect(page.getByText('Введите логин.')).toBeVisible();
    await expect(loginField).toHaveAttribute('aria-invalid', 'true');

    // Wrong password: the message, and nothing typed is lost.
    await loginField.fill('operator');
    await password.fill('неверный');
    await submit.click();
    await expect(page.getByText('Неверный логин или пароль')).toBeVisible();
    await expect(loginField).toHaveValue('operator');
    await expect(password).toHaveValue('неверный');
    await shot(page, 'login-error');

    // Malformed server URL.
    const goodUrl = await url.inputValue();
    await url.fill('htp:/сервер');
    await password.fill('demo');
    await submit.click();
    await expect(page.getByText('Адрес сервера указан неверно')).toBeVisible();
    await expect(url).toHaveValue('htp:/сервер');

    // Server down.
    await url.fill(`http://127.0.0.1:${stack.deadPort}`);
    await submit.click();
    await expect(page.getByText('Сервер не отвечает')).toBeVisible();

    // And after all that, the app still works.
    await url.fill(goodUrl);
    await submit.click();
    // The operator's first screen: «Что делать сейчас».
    await expect(page.getByTestId('home')).toBeVisible();
    await page.getByTestId('logout').click();
    await expect(submit).toBeVisible();
    await shot(page, 'login');
  });

  test('operator changes a stage; the server and another user see it', async ({ page, browser, stack, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'operator');
    await expect(page.getByTestId('user-name')).toContainText('Ирина');
    const rows = page.getByTestId('order-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(6);
    await shot(page, 'workspace');

    // A second desktop: the supervisor, watching all orders.
    const ctxB = await browser.newContext();
    const pageB = await ctxB.newPage();
    await openLoggedOut(pageB, stack.appB);
    await login(pageB, stack.appB, 'supervisor');

    // Open an order that is still new and confirm it.
    const row = rows.filter({ hasText: 'Новый' }).first();
    const number = z.string().parse(await row.getAttribute('data-order-number'));
    await row.click();
    const card = page.getByTestId('order-card');
    await expect(card).toBeVisible();
    await expect(page.getByTestId('order-stage')).toContainText('Новый');
    await shot(page, 'order-card');
    await card.locator('[data-testid="stage-button"][data-stage-id="confirmed"]').click();
    await expect(page.getByTestId('order-stage')).toContainText('Подтверждён');
    await expect(page.getByTestId('sync-status')).toContainText('Данные актуальны', { timeout: 15_000 });

    // The server has it.
    await expect.poll(async () => (await serverOrder(stack.serverUrl, number))?.stageId, { timeout: 15_000 }).toBe('confirmed');

    // The supervisor's screen shows it without reloading.
    const rowB = pageB.locator(`[data-testid="order-row"][data-order-number="${number}"]`);
    await expect(rowB).toContainText('Подтверждён', { timeout: 15_000 });
    await shot(pageB, 'workspace-supervisor');
    await ctxB.close();
  });
});
