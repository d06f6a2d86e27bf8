// @orders: a web-form lead travels the delivery pipeline through real parts — the lead endpoint,
// assignment, the live channel, claims, the SLA deadline, the notification outbox sending to a
// real SMTP server on loopback, and role rules in the UI and over the API.
import type { Page } from '@playwright/test';
import { ApiErrorBody } from '../core/errors.js';
import { API, LoginResponse } from '../core/http.js';
import { LEAD_KEY_HEADER, LEADS_PATH, LeadResponse } from '../core/leads.js';
import { PullResponse } from '../core/sync.js';
import type { Order } from '../core/domain.js';
import { expectAccessible } from './support/a11y.js';
import { expect, login, openLoggedOut, test, type MailStack } from './support/stack.js';

const DEMO_LEAD_KEY = 'demo-landing-key-0001';
const IRINA = 'Ирина Петрова';

async function apiLogin(stack: MailStack, login: string): Promise<string> {
  const res = await fetch(`${stack.serverUrl}${API.login}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'demo' }) });
  return LoginResponse.parse(await res.json()).token;
}

async function serverOrder(stack: MailStack, token: string, id: string): Promise<Order> {
  const res = await fetch(`${stack.serverUrl}${API.pull}?cursor=0&limit=10000`, { headers: { authorization: `Bearer ${token}` } });
  const found = PullResponse.parse(await res.json()).changes.find((c) => c.op === 'upsert' && c.entity === 'orders' && c.data.id === id);
  if (!found || found.op !== 'upsert' || found.entity !== 'orders') throw new Error(`order ${id} not on the server`);
  return found.data;
}

async function postLead(stack: MailStack, body: object): Promise<LeadResponse> {
  const res = await fetch(`${stack.serverUrl}${LEADS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [LEAD_KEY_HEADER]: DEMO_LEAD_KEY },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return LeadResponse.parse(await res.json());
}

async function changeStageOverApi(stack: MailStack, token: string, id: string, body: object) {
  const res = await fetch(`${stack.serverUrl}${API.orders}/${id}/stage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const row = (page: Page, number: string) => page.locator(`[data-testid="order-row"][data-order-number="${number}"]`);
const rowItem = (page: Page, number: string) => page.locator('li', { has: row(page, number) });
const stageButtons = (page: Page) => page.getByTestId('stage-button');

test.describe('@orders', () => {
  test('a web-form lead: assigned, counted down, claimed, refused without a reason, confirmed with an email, worked by the technician', async ({ browser, mailStack, shot }) => {
    test.setTimeout(180_000);
    const operatorCtx = await browser.newContext();
    const otherCtx = await browser.newContext();
    const a = await operatorCtx.newPage();
    const b = await otherCtx.newPage();

    // Ирина is at work (logged in), so the lead is hers.
    await openLoggedOut(a, mailStack.appA);
    await login(a, mailStack.appA, 'operator');
    const lead = await postLead(mailStack, {
      name: 'Пётр Васильев',
      phone: '8 (916) 555-44-33',
      email: 'petr.vasiliev@example.ru',
      city: 'Москва',
      district: 'Северный',
      address: 'ул. Лесная, д. 7, кв. 3',
      items: [{ sku: 'GROHE-33202', qty: 1 }, { sku: 'INSTALL-STD', qty: 1 }],
      submissionId: `e2e-orders-${Date.now()}`,
    });
    const operatorToken = await apiLogin(mailStack, 'operator');
    const created = await serverOrder(mailStack, operatorToken, lead.orderId);
    expect(created.operatorId).toBe(lead.operatorId);
    expect(created.slaDueAt).toBeTruthy();

    // It appears on her screen by itself (live channel), with the robot's countdown.
    const leadRow = row(a, lead.orderNumber);
    await expect(leadRow).toBeVisible();
    await expect(leadRow).toContainText('Пётр Васильев');
    const sla = leadRow.getByTestId('sla');
    await expect(sla).toHaveAttribute('data-due', created.slaDueAt ?? '');
    await expect(sla).toHaveText(/^Осталось (меньше минуты|\d+ (мин|ч|дн))/);
    await expectAccessible(a, 'orders list with an SLA countdown');
    await shot(a, 'orders-1-lead-arrived');

    // The supervisor watches every order; Ирина opens the lead and takes its claim.
    await openLoggedOut(b, mailStack.appB);
    await login(b, mailStack.appB, 'supervisor');
    await expect(row(b, lead.orderNumber)).toBeVisible();
    await expect(rowItem(b, lead.orderNumber).getByTestId('order-row-claim')).toHaveCount(0);
    await leadRow.click();
    await expect(a.getByTestId('order-card')).toBeVisible();
    await expect(a.getByTestId('sla')).toHaveText(/^Осталось .*\((до|срок был) \d\d:\d\d\)$/);
    await expect(a.getByTestId('order-claim')).toHaveCount(0); // her own claim is not a warning to her
    // …and every other client shows who is calling, live.
    const claimBadge = rowItem(b, lead.orderNumber).getByTestId('order-row-claim');
    await expect(claimBadge).toHaveText(`Звонит ${IRINA}`);
    await expectAccessible(b, 'orders list with a claim');
    await shot(b, 'orders-2-claim-on-another-screen');
    await row(b, lead.orderNumber).click();
    await expect(b.getByTestId('order-claim')).toContainText(`Звонит ${IRINA}`);
    await expectAccessible(b, 'order card with a claim');
    await shot(b, 'orders-3-claimed-card');
    await b.getByRole('button', { name: 'Назад к списку' }).click();

    // A failed close cannot skip its reason: the picker is modal, Escape and «Не отменять» keep the order.
    await expect(stageButtons(a)).toHaveText(['Недозвон', 'Подтверждён', 'Отменён']);
    await a.locator('[data-testid="stage-button"][data-stage-id="cancelled"]').click();
    const picker = a.getByTestId('reason-picker');
    await expect(picker).toBeVisible();
    await expect(picker.getByRole('heading')).toHaveText(`Почему отменяется заказ № ${lead.orderNumber}?`);
    await expect(picker.getByTestId('reason-button')).toHaveText(['Клиент передумал', 'Дорого', 'Купил в другом месте', 'Не дозвонились за 3 дня', 'Дубль заказа']);
    await expectAccessible(a, 'reason picker');
    await shot(a, 'orders-4-reason-picker');
    // The card behind it takes no clicks while the question is open.
    await expect(a.locator('[data-testid="stage-button"][data-stage-id="confirmed"]').click({ trial: true, timeout: 1_500 })).rejects.toThrow();
    await a.keyboard.press('Escape');
    await expect(picker).toBeHidden();
    await a.locator('[data-testid="stage-button"][data-stage-id="cancelled"]').click();
    await picker.getByTestId('reason-cancel').click();
    await expect(picker).toBeHidden();
    await expect(a.getByTestId('order-stage')).toHaveText('Новый');
    expect((await serverOrder(mailStack, operatorToken, lead.orderId)).stageId).toBe('new');

    // Through the API the same rule answers with a code and a message.
    const refused = await changeStageOverApi(mailStack, operatorToken, lead.orderId, { toStageId: 'cancelled' });
    expect(refused.status).toBe(422);
    expect(ApiErrorBody.parse(refused.body)).toMatchObject({ code: 'reason.required', message: expect.stringContaining('needs a reason') });
    const wrongReason = await changeStageOverApi(mailStack, operatorToken, lead.orderId, { toStageId: 'cancelled', reason: 'door_not_opened' });
    expect(wrongReason.status).toBe(422);
    expect(ApiErrorBody.parse(wrongReason.body).code).toBe('reason.not_allowed');
    expect((await serverOrder(mailStack, operatorToken, lead.orderId)).stageId).toBe('new');

    // «Подтверждён»: the customer's email arrives at the loopback SMTP server with the right text.
    await a.locator('[data-testid="stage-button"][data-stage-id="confirmed"]').click();
    await expect(a.getByTestId('order-stage')).toHaveText('Подтверждён');
    const mail = await mailStack.mailbox.waitFor('petr.vasiliev@example.ru');
    expect(mail.subject).toBe(`Заказ № ${lead.orderNumber} подтверждён`);
    const text = mail.text.replace(/\s+/g, ' ');
    expect(text).toContain('Здравствуйте, Пётр Васильев!');
    expect(text).toContain(`Ваш заказ № ${lead.orderNumber} подтверждён: Смеситель для кухни Grohe Eurosmart; Установка сантехники (стандарт).`);
    expect(text).toContain('Сумма: 15 490 ₽.');
    expect(text).toContain('Адрес: ул. Лесная, д. 7, кв. 3.');
    expect(text).toContain('+7 800 555-35-35');
    expect(mail.from).toBe('orders@pult.test');
    await shot(a, 'orders-5-confirmed');

    // Closing the card lets the claim go: the supervisor's screen clears by itself.
    await a.getByRole('button', { name: 'Назад к списку' }).click();
    await expect(claimBadge).toHaveCount(0);

    // The technician of «Северный» got it, and may only move it through his own stages.
    await b.getByTestId('logout').click();
    await login(b, mailStack.appB, 'tech');
    const techRow = row(b, lead.orderNumber);
    await expect(techRow).toBeVisible();
    await techRow.click();
    await expect(b.getByTestId('order-stage')).toHaveText('Подтверждён');
    await expect(stageButtons(b)).toHaveText(['Принят в работу', 'Перенос заказа']);
    await expectAccessible(b, 'technician order card');
    await shot(b, 'orders-6-technician-card');
    const techToken = await apiLogin(mailStack, 'tech');
    for (const toStageId of ['cancelled', 'done', 'new']) {
      const r = await changeStageOverApi(mailStack, techToken, lead.orderId, { toStageId, reason: 'door_not_opened' });
      expect(r.status, toStageId).toBe(403);
      expect(ApiErrorBody.parse(r.body).code).toBe('transition.forbidden');
    }
    await b.locator('[data-testid="stage-button"][data-stage-id="in_work"]').click();
    await expect(b.getByTestId('order-stage')).toHaveText('Принят в работу');
    await expect(stageButtons(b)).toHaveText(['Перенос заказа', 'Выполнен']);
    await b.locator('[data-testid="stage-button"][data-stage-id="done"]').click();
    await expect(b.getByTestId('order-stage')).toHaveText('Выполнен');
    await expect(stageButtons(b)).toHaveCount(0);
    await expect(b.getByText('Сейчас вы не можете перевести этот заказ на другой этап.')).toBeVisible();
    await expect.poll(async () => (await serverOrder(mailStack, techToken, lead.orderId)).stageId).toBe('done');
    await shot(b, 'orders-7-technician-done');

    await operatorCtx.close();
    await otherCtx.close();
  });

  test('a failed close with a reason: stored on the order, shown on the card, countdown gone', async ({ browser, mailStack, shot }) => {
    const ctx = await browser.newContext();
    const a = await ctx.newPage();
    await openLoggedOut(a, mailStack.appA);
    await login(a, mailStack.appA, 'operator');
    const lead = await postLead(mailStack, { name: 'Галина Орлова', phone: '+7 916 555-66-77', items: [{ sku: 'THERMEX-80' }], submissionId: `e2e-cancel-${Date.now()}` });
    await row(a, lead.orderNumber).click();
    await expect(a.getByTestId('sla')).toBeVisible();
    await a.locator('[data-testid="stage-button"][data-stage-id="cancelled"]').click();
    await a.getByTestId('reason-picker').locator('[data-reason="too_expensive"]').click();
    await expect(a.getByTestId('order-stage')).toHaveText('Отменён');
    await expect(a.getByTestId('order-failure-reason')).toHaveText('Дорого');
    await expect(a.getByTestId('sla')).toHaveCount(0);
    const token = await apiLogin(mailStack, 'operator');
    await expect.poll(async () => (await serverOrder(mailStack, token, lead.orderId)).failureReason).toBe('too_expensive');
    expect((await serverOrder(mailStack, token, lead.orderId)).slaDueAt).toBeNull();
    await expectAccessible(a, 'cancelled order card');
    await a.evaluate(() => window.scrollTo(0, 0)); // the stored reason is near the top of the card
    await shot(a, 'orders-8-cancelled-with-reason');
    await ctx.close();
  });
});
