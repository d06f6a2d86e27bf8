// @orders @catalog: the catalog search from the local cache, through the real browser-mode
// bridge and CRM server with the demo catalog: results as you type, codes, the price in the
// order's city or the operator's choice, «нет в наличии» in words, arrows through the rows,
// «nothing found» in words, and the accessibility checks in every language, theme and zoom.
import { DISPLAY_COMBOS, comboLabel, expectAccessible, setDisplay } from './support/a11y.js';
import { expect, login, openLoggedOut, test } from './support/stack.js';

/** «12 490 ₽» with whatever spaces Intl puts between the groups. */
const roubles = (text: string) => new RegExp(text.replace(' ', '\\s'));

test.describe('@orders @catalog', () => {
  test('an operator finds products by the start of a word or by code, with price and stock', async ({ page, stack, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'operator', 'demo', { screen: 'home' });
    await page.getByTestId('nav-catalog').click();
    await expect(page.getByTestId('catalog')).toBeVisible();
    const input = page.getByTestId('catalog-input');
    await expect(input).toBeFocused();
    await expect(page.getByTestId('catalog-status')).toHaveText('Начните вводить название или код товара.');
    await shot(page, 'catalog-empty');

    // «смес» finds both mixers; the sold-out one says so in words.
    await input.pressSequentially('смес');
    const rows = page.getByTestId('catalog-result');
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('catalog-status')).toContainText('Найдено товаров: 2.');
    const grohe = page.locator('[data-testid="catalog-result"][data-sku="GROHE-33202"]');
    const hansgrohe = page.locator('[data-testid="catalog-result"][data-sku="HG-71400"]');
    await expect(grohe).toContainText('Смеситель для кухни Grohe Eurosmart');
    await expect(grohe).toContainText('Код: GROHE-33202');
    await expect(grohe.getByTestId('catalog-price')).toHaveText(/12\s490\s₽ общая цена/);
    await expect(grohe.getByTestId('catalog-stock')).toHaveText('В наличии: 14 шт.');
    await expect(hansgrohe.getByTestId('catalog-stock')).toHaveText('Нет в наличии');
    await shot(page, 'catalog-results');

    // The operator's choice of city: Petersburg has its own prices.
    await page.getByTestId('catalog-city').selectOption('Санкт-Петербург');
    await expect(grohe.getByTestId('catalog-price')).toHaveText(/11\s990\s₽ цена для города Санкт-Петербург/);
    await expect(hansgrohe.getByTestId('catalog-price')).toHaveText(roubles('15 400'));

    // Arrows walk the rows while the cursor stays in the field; a screen reader follows.
    await input.focus();
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
    await expect(input).toHaveAttribute('aria-activedescendant', (await rows.nth(0).getAttribute('id')) ?? 'missing');
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'false');
    await expect(input).toBeFocused();
    await shot(page, 'catalog-keyboard');
    await page.keyboard.press('ArrowUp');
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');

    // A code, or part of it.
    await input.fill('33202');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-sku', 'GROHE-33202');
    await input.fill('osram h7');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-sku', 'OSRAM-H7-NB');

    // Nothing found is said in words; what was typed stays.
    await input.fill('кран');
    await expect(page.getByTestId('catalog-status')).toHaveText('Ничего не нашли по запросу «кран». Проверьте название или код.');
    await expect(rows).toHaveCount(0);
    await expect(input).toHaveValue('кран');
    await shot(page, 'catalog-none');
    await input.fill('--');
    await expect(page.getByTestId('catalog-status')).toHaveText('Введите хотя бы одну букву или цифру.');
    // Escape clears the field.
    await input.fill('смес');
    await expect(rows).toHaveCount(2);
    await page.keyboard.press('Escape');
    await expect(input).toHaveValue('');
  });

  test('from an order card the catalog opens with the order’s city, and «Назад» returns to the order', async ({ page, stack, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'operator');
    // П-1003: Екатерина Смирнова, Санкт-Петербург.
    await page.getByTestId('order-row').filter({ hasText: 'П-1003' }).click();
    await expect(page.getByTestId('order-card')).toBeVisible();
    await shot(page, 'catalog-order-card-button');
    await page.getByTestId('order-catalog').click();
    await expect(page.getByTestId('catalog')).toBeVisible();
    await expect(page.getByTestId('catalog-city')).toHaveValue('Санкт-Петербург');
    await page.getByTestId('catalog-input').fill('водонагр');
    const row = page.locator('[data-testid="catalog-result"][data-sku="THERMEX-80"]');
    // No Petersburg price of its own: the general one, said so.
    await expect(row.getByTestId('catalog-price')).toHaveText(/21\s900\s₽ общая цена/);
    await page.getByTestId('catalog-input').fill('установ');
    await expect(page.locator('[data-testid="catalog-result"][data-sku="INSTALL-STD"]').getByTestId('catalog-price')).toHaveText(/2\s500\s₽ общая цена/);
    await shot(page, 'catalog-from-order');
    await page.getByTestId('catalog-back').click();
    await expect(page.getByTestId('order-card')).toBeVisible();
    await expect(page.getByRole('heading', { name: /П-1003/ })).toBeVisible();
  });

  for (const combo of DISPLAY_COMBOS) {
    test(`@a11y the catalog passes the checks — ${comboLabel(combo)}`, async ({ browser, stack, shot }) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await openLoggedOut(page, stack.appA);
      await login(page, stack.appA, 'operator', 'demo', { screen: 'home' });
      await setDisplay(page, combo);
      await page.getByTestId('nav-catalog').click();
      await page.getByTestId('catalog-input').fill('смес');
      await expect(page.getByTestId('catalog-result')).toHaveCount(2);
      await page.getByTestId('catalog-input').press('ArrowDown');
      await expect(page.getByTestId('catalog-result').first()).toHaveAttribute('aria-selected', 'true');
      await expectAccessible(page, `catalog ${comboLabel(combo)}`);
      await shot(page, `a11y-catalog-${comboLabel(combo)}`);
      await page.getByTestId('catalog-input').fill('кран');
      await expect(page.getByTestId('catalog-status')).toContainText(combo.language === 'ru' ? 'Ничего не нашли' : 'Nothing found');
      await expectAccessible(page, `catalog, nothing found ${comboLabel(combo)}`);
      await page.getByTestId('logout').click();
      await context.close();
    });
  }
});
