// @orders: an order's visit time over the real stack — the operator sets it on the card (a bad
// value is explained and kept), the card counts down to the customer's next reminder, the server
// queues the reminders, and a second desktop sees the visit live.
import { API, LoginResponse } from '../core/http.js';
import { PullResponse } from '../core/sync.js';
import { expectAccessible } from './support/a11y.js';
import { expect, login, openLoggedOut, test } from './support/stack.js';

/** Tomorrow on the Moscow calendar: as the date field shows it (27.11.2026) and as ISO (2026-11-27). */
function tomorrowInMoscow(): { field: string; iso: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000));
  const [y, m, d] = iso.split('-');
  return { field: `${d}.${m}.${y}`, iso };
}

test.describe('@orders', () => {
  test('the operator sets a visit for tomorrow 14:00: the card shows it and the reminder countdown; another desktop sees it live', async ({ browser, stack, shot }) => {
    test.setTimeout(150_000);
    // Operators' computers are set to Russian: the date and time fields read 27.11.2026 and 14:00.
    const aCtx = await browser.newContext({ locale: 'ru-RU' });
    const bCtx = await browser.newContext({ locale: 'ru-RU' });
    const a = await aCtx.newPage();
    const b = await bCtx.newPage();
    await openLoggedOut(a, stack.appA);
    await login(a, stack.appA, 'operator');
    await openLoggedOut(b, stack.appB);
    await login(b, stack.appB, 'supervisor');

    const number = 'П-1001';
    const rowA = a.locator(`[data-testid="order-row"][data-order-number="${number}"]`);
    const rowB = b.locator(`[data-testid="order-row"][data-order-number="${number}"]`);
    await expect(rowB).toBeVisible();
    await expect(rowB.getByTestId('order-row-visit')).toHaveCount(0);

    await rowA.click();
    const card = a.getByTestId('order-appointment');
    await expect(card).toBeVisible();
    await expect(card.getByTestId('appointment-when')).toHaveText('Время визита не назначено.');

    // A date that does not exist: explained in Russian, what was typed stays.
    const { field, iso: day } = tomorrowInMoscow();
    await card.getByTestId('appointment-date').fill('31.02.2027');
    await card.getByTestId('appointment-time').fill('14:00');
    await card.getByTestId('appointment-save').click();
    await expect(card).toContainText('Такой даты нет. Напишите дату так: 27.11.2026');
    await expect(card.getByTestId('appointment-date')).toHaveValue('31.02.2027');
    await expect(card.getByTestId('appointment-date')).toHaveAttribute('aria-invalid', 'true');
    await expect(card.getByTestId('appointment-time')).toHaveValue('14:00');
    await shot(a, 'appointment-bad-input');
    // «Завтра» picks the day with one press.
    await card.getByTestId('appointment-day-tomorrow').click();
    await expect(card.getByTestId('appointment-date')).toHaveValue(field);
    // Enter in a field saves, as a keyboard-only operator expects.
    await card.getByTestId('appointment-time').press('Enter');
    await expect(card).toContainText('Время визита сохранено.');
    const when = card.getByTestId('appointment-when');
    await expect(when).toContainText('14:00');
    const at = await when.getAttribute('data-at');
    expect(at).toBe(new Date(`${day}T14:00:00+03:00`).toISOString());
    // The next reminder in words: 19:00 tonight, or 12:00 tomorrow when tonight's has passed.
    const reminder = card.getByTestId('appointment-reminder');
    await expect(reminder).toContainText(/^Напоминание клиенту через \d/);
    const reminderAt = await reminder.getAttribute('data-at');
    expect([new Date(`${day}T12:00:00+03:00`).toISOString(), new Date(new Date(`${day}T19:00:00+03:00`).getTime() - 86_400_000).toISOString()]).toContain(reminderAt);
    await expectAccessible(a, 'order card with a visit time');
    await card.scrollIntoViewIfNeeded();
    await shot(a, 'appointment-card');

    // The second desktop (a supervisor) sees the visit live in the list and on the card.
    await expect(rowB.getByTestId('order-row-visit')).toContainText('14:00', { timeout: 20_000 });
    await rowB.scrollIntoViewIfNeeded();
    await shot(b, 'appointment-row-live');
    await rowB.click();
    await expect(b.getByTestId('order-appointment').getByTestId('appointment-when')).toHaveAttribute('data-at', at ?? '');

    // The server has it, as every other client will pull it.
    const loginRes = await fetch(`${stack.serverUrl}${API.login}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'operator', password: 'demo' }) });
    const token = LoginResponse.parse(await loginRes.json()).token;
    const page = PullResponse.parse(await (await fetch(`${stack.serverUrl}${API.pull}?cursor=0&limit=10000`, { headers: { authorization: `Bearer ${token}` } })).json());
    const pulled = page.changes.find((c) => c.op === 'upsert' && c.entity === 'orders' && c.data.number === number);
    expect(pulled?.op === 'upsert' && pulled.entity === 'orders' ? pulled.data.appointmentAt : null).toBe(at);

    // «Убрать»: no visit, no reminders; the other desktop follows.
    await card.getByTestId('appointment-clear').click();
    await expect(card).toContainText('Время визита убрано.');
    await expect(card.getByTestId('appointment-when')).toHaveText('Время визита не назначено.');
    await expect(b.getByTestId('order-appointment').getByTestId('appointment-when')).toHaveText('Время визита не назначено.', { timeout: 20_000 });

    await aCtx.close();
    await bCtx.close();
  });
});
