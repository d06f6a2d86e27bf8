// @home: «Что делать сейчас», the customer card and «Найти клиента» over the real stack (CRM
// server with demo data → sync → local cache → the app in Chromium).
import { expect, login, openLoggedOut, test } from './support/stack.js';

test.describe('@home', () => {
  test('the operator starts at one list sorted by urgency, opens a callback and an order, and finds a customer', async ({ page, stack, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'operator', 'demo', { screen: 'home' });
    const home = page.getByTestId('home');
    await expect(home).toBeVisible();
    await expect(page.getByTestId('nav-home')).toHaveAttribute('aria-current', 'page');
    const items = home.getByTestId('todo-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(4);

    // Most urgent first: deadlines never go down the list, and items without one come last.
    const dues = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-due-at') ?? ''));
    const dated = dues.filter((d) => d !== '');
    expect(dated).toEqual([...dated].sort((a, b) => Date.parse(a) - Date.parse(b)));
    expect(dues.slice(dated.length).every((d) => d === '')).toBe(true);
    // Demo orders arrived hours ago: the top one is overdue, said in words.
    const first = items.first().getByTestId('countdown');
    await expect(first).toHaveAttribute('data-urgency', 'overdue');
    await expect(first).toContainText('Просрочено на');
    // The operator's callbacks are there, with their reason.
    const callback = items.filter({ has: page.locator('[data-kind="callback"]') }).or(home.locator('[data-testid="todo-item"][data-kind="callback"]')).first();
    await expect(callback).toContainText('Перезвонить');
    await shot(page, 'home');

    // A callback opens the customer card: name, partner number, phone to call, orders, calls.
    const callbackId = await callback.getAttribute('data-todo-id');
    await callback.click();
    const card = page.getByTestId('customer-card');
    await expect(card).toBeVisible();
    await expect(card.getByTestId('customer-name')).toBeFocused();
    await expect(card.getByTestId('call-phone')).toBeVisible();
    await expect(card.getByTestId('customer-callbacks')).toContainText('Причина');
    await shot(page, 'customer-card');
    // Back: the same item has the keyboard again.
    await card.getByTestId('customer-back').click();
    await expect(home.locator(`[data-todo-id="${callbackId}"]`)).toBeFocused();

    // A new order opens the order card with its next steps; from there, the customer card and back.
    const order = home.locator('[data-testid="todo-item"][data-kind="new_order"]').first();
    await order.click();
    const orderCard = page.getByTestId('order-card');
    await expect(orderCard).toBeVisible();
    await expect(orderCard.locator('[data-testid="stage-button"][data-stage-id="confirmed"]')).toBeVisible();
    const customerName = (await orderCard.getByTestId('open-customer').getAttribute('aria-label'))?.replace(/^.*: /, '') ?? '';
    await orderCard.getByTestId('open-customer').click();
    await expect(card.getByTestId('customer-name')).toHaveText(customerName);
    await expect(card.getByTestId('customer-open-order').first()).toBeVisible();
    await card.getByTestId('customer-back').click();
    await expect(orderCard).toBeVisible();
    await orderCard.getByRole('button', { name: 'Назад' }).click();
    await expect(home).toBeVisible();

    // «Найти клиента»: by part of the name in any case, and by phone written the Russian way.
    await page.getByTestId('nav-search').click();
    const input = page.getByTestId('search-input');
    await expect(input).toBeFocused();
    await input.fill('91');
    await expect(page.getByTestId('search-status')).toHaveText('Введите хотя бы 3 цифры телефона или 2 буквы имени.');
    await input.fill('соколова');
    await expect(page.getByTestId('search-result').first()).toContainText('Анна Соколова');
    await shot(page, 'customer-search');
    await input.fill('8 000 000');
    await expect(page.getByTestId('search-status')).toHaveText('Никого не нашли по запросу «8 000 000». Проверьте номер или имя.');
    await input.fill('соколова');
    await page.getByTestId('search-result').first().click();
    await expect(card.getByTestId('customer-name')).toHaveText('Анна Соколова');
    await expect(card.getByTestId('customer-call').first()).toBeVisible();
  });
});

test.describe('@home keys', () => {
  test('shortcuts work from anywhere, are shown on the buttons, can be changed with clear refusals, and stay per user', async ({ page, stack, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'operator', 'demo', { screen: 'home' });
    await expect(page.getByTestId('home')).toBeVisible();
    await expect(page.getByTestId('nav-search')).toContainText('F3');
    await expect(page.getByTestId('next-callback')).toContainText('Следующий перезвон');
    await expect(page.getByTestId('next-callback')).toHaveAttribute('aria-keyshortcuts', 'F9');

    // F9: the most urgent callback's customer, with the keyboard on the phone button.
    await page.keyboard.press('F9');
    await expect(page.getByTestId('customer-card')).toBeVisible();
    await expect(page.getByTestId('customer-card').getByTestId('call-phone')).toBeFocused();
    // F3 from anywhere: «Найти клиента», cursor in the field (and not the browser's own search).
    await page.keyboard.press('F3');
    await expect(page.getByTestId('search-input')).toBeFocused();

    // «Клавиши»: change one, with plain refusals for keys that cannot be taken.
    await page.getByTestId('nav-shortcuts').click();
    const settings = page.getByTestId('shortcut-settings');
    await expect(settings).toBeVisible();
    await expect(settings.getByTestId('shortcut-key-answer')).toHaveText('F2');
    const change = settings.getByTestId('shortcut-change-searchCustomer');
    await change.click();
    await expect(change).toHaveText('Отменить');
    await expect(settings.getByTestId('shortcut-searchCustomer')).toContainText('Нажмите на клавиатуре новую клавишу для «Найти клиента».');
    await page.keyboard.press('F4');
    await expect(settings.getByTestId('shortcut-error')).toHaveText(
      'Клавиша F4 уже занята: «Положить трубку (или отклонить звонок)». Выберите другую клавишу или сначала поменяйте клавишу для «Положить трубку (или отклонить звонок)».',
    );
    await page.keyboard.press('KeyK');
    await expect(settings.getByTestId('shortcut-error')).toContainText('Клавишу K нельзя: она нужна, чтобы печатать текст.');
    await page.keyboard.press('Control+Equal');
    await expect(settings.getByTestId('shortcut-error')).toContainText('Ctrl+= меняет размер текста');
    // The refused zoom key did not zoom either.
    expect(await page.evaluate(() => document.documentElement.style.zoom)).toBe('1');
    await page.keyboard.press('F5');
    await expect(settings.getByTestId('shortcut-error')).toContainText('F5 уже занята самой программой');
    await expect(settings.getByTestId('shortcut-key-searchCustomer')).toHaveText('F3');
    await shot(page, 'shortcuts-refused');
    await page.keyboard.press('Control+Shift+KeyF');
    await expect(settings.getByTestId('shortcut-saved')).toHaveText('Готово: «Найти клиента» — клавиша Ctrl+Shift+F.');
    await expect(settings.getByTestId('shortcut-key-searchCustomer')).toHaveText('Ctrl+Shift+F');
    await expect(change).toBeFocused();
    await expect(page.getByTestId('nav-search')).toContainText('Ctrl+Shift+F');
    await shot(page, 'shortcuts');

    // Esc cancels a change without touching the key.
    await settings.getByTestId('shortcut-change-answer').click();
    await page.keyboard.press('Escape');
    await expect(settings.getByTestId('shortcut-change-answer')).toHaveText('Изменить');
    await expect(settings.getByTestId('shortcut-key-answer')).toHaveText('F2');

    // The new key works; the old one no longer does.
    await page.getByTestId('nav-home').click();
    await page.keyboard.press('F3');
    await expect(page.getByTestId('home')).toBeVisible();
    await page.keyboard.press('Control+Shift+KeyF');
    await expect(page.getByTestId('search-input')).toBeFocused();

    // Remembered for this operator after a reload; another operator has the defaults.
    await page.reload();
    await expect(page.getByTestId('nav-search')).toContainText('Ctrl+Shift+F');
    await page.getByTestId('logout').click();
    await login(page, stack.appA, 'operator2', 'demo', { screen: 'home' });
    await expect(page.getByTestId('nav-search')).toContainText('F3');
    await page.getByTestId('logout').click();
    await login(page, stack.appA, 'operator', 'demo', { screen: 'home' });
    await page.getByTestId('nav-shortcuts').click();
    await page.getByTestId('shortcuts-reset').click();
    await expect(page.getByTestId('shortcut-key-searchCustomer')).toHaveText('F3');
  });
});
