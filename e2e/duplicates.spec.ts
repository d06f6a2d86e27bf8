// @supervisor @duplicates: «Дубли клиентов» over the demo data (an old-CRM copy of Михаил Иванов
// with the same email), through the real browser-mode bridge and CRM server: why the cards
// match, side by side with what differs, the card to keep, a confirmation that says what
// happens, the merge and its result; operators have no such section; accessibility checks.
import { DISPLAY_COMBOS, comboLabel, expectAccessible, setDisplay } from './support/a11y.js';
import { expect, login, openLoggedOut, test } from './support/stack.js';

const GROUP = '[data-testid="duplicate-group"][data-key="email:m.ivanov@yandex.ru"]';

test.describe('@supervisor @duplicates', () => {
  // Before the merge below: the screen with its group in every language, theme and zoom.
  for (const combo of DISPLAY_COMBOS) {
    test(`@a11y the duplicates screen passes the checks — ${comboLabel(combo)}`, async ({ browser, stack, shot }) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await openLoggedOut(page, stack.appA);
      await login(page, stack.appA, 'admin');
      await setDisplay(page, combo);
      await page.getByTestId('nav-duplicates').click();
      await expect(page.locator(GROUP)).toBeVisible();
      await expectAccessible(page, `duplicates ${comboLabel(combo)}`);
      await shot(page, `a11y-duplicates-${comboLabel(combo)}`);
      await page.locator(GROUP).getByTestId('merge-button').click();
      await expect(page.getByTestId('merge-confirm')).toBeVisible();
      await expectAccessible(page, `merge confirmation ${comboLabel(combo)}`);
      await shot(page, `a11y-duplicates-confirm-${comboLabel(combo)}`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('merge-confirm')).toBeHidden();
      await page.getByTestId('logout').click();
      await context.close();
    });
  }

  test('an operator has no duplicates section', async ({ page, stack }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'operator');
    await expect(page.getByTestId('nav-orders')).toBeVisible();
    await expect(page.getByTestId('nav-duplicates')).toHaveCount(0);
  });

  test('a supervisor compares two cards of one person, keeps the one with the orders and merges', async ({ page, stack, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'supervisor');
    await page.getByTestId('nav-duplicates').click();
    const group = page.locator(GROUP);
    await expect(group.getByRole('heading')).toHaveText('Одинаковая почта: m.ivanov@yandex.ru');
    const cards = group.getByTestId('duplicate-card');
    await expect(cards).toHaveCount(2);
    const original = cards.filter({ hasText: 'Оставить «Михаил Иванов»' });
    const copy = cards.filter({ hasText: 'Оставить «Иванов Михаил»' });
    // The card with the orders is chosen to stay; what differs is said in words.
    await expect(original.getByTestId('keep-radio')).toBeChecked();
    await expect(original.getByTestId('card-fate')).toHaveText('Эта карточка останется.');
    await expect(copy.getByTestId('card-fate')).toContainText('будет удалена');
    await expect(copy.getByTestId('card-calls')).toHaveText('1');
    await expect(copy.getByTestId('card-orders')).toHaveText('0');
    await expect(copy).toContainText('Телефон — отличается');
    await expect(copy).toContainText('Карточка из старой базы');
    await shot(page, 'duplicates');

    // Choosing the other card and back, by keyboard.
    await copy.getByTestId('keep-radio').check();
    await expect(copy.getByTestId('card-fate')).toHaveText('Эта карточка останется.');
    await original.getByTestId('keep-radio').check();

    // «Объединить…» asks first and says what will happen; «Отмена» changes nothing.
    await group.getByTestId('merge-button').click();
    const dialog = page.getByTestId('merge-confirm');
    await expect(dialog).toContainText('Все заказы (0), звонки (1) и перезвоны карточки «Иванов Михаил» перейдут в карточку «Михаил Иванов».');
    await expect(dialog).toContainText('Карточка «Иванов Михаил» будет удалена. Отменить это нельзя.');
    await shot(page, 'duplicates-confirm');
    await page.getByTestId('merge-confirm-no').click();
    await expect(dialog).toBeHidden();
    await expect(cards).toHaveCount(2);

    await group.getByTestId('merge-button').click();
    await page.getByTestId('merge-confirm-yes').click();
    await expect(page.getByTestId('merge-result')).toHaveText(
      'Готово: карточка «Иванов Михаил» объединена с «Михаил Иванов». Перенесено заказов: 0, звонков: 1, перезвонов: 0.',
    );
    await expect(page.getByTestId('merge-result')).toBeFocused();
    await expect(page.locator(GROUP)).toHaveCount(0);
    await shot(page, 'duplicates-merged');

    // The dropped card leaves the local cache too: search finds only the kept one, with the call.
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-input').fill('иванов михаил');
    await expect(page.getByTestId('search-result')).toHaveCount(1);
    await expect(page.getByTestId('search-result')).toContainText('Михаил Иванов');
    await page.getByTestId('search-result').click();
    await expect(page.getByTestId('customer-calls')).toContainText('Спрашивал про бойлер');
  });
});
