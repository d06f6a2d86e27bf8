// @a11y: every screen, in Russian and English, light and dark, at 100 % and 200 % zoom; high
// contrast in Russian at 200 % and English at 100 %.
import { comboLabel as label, DISPLAY_COMBOS, expectAccessible, setDisplay, type DisplayCombo } from './support/a11y.js';
import { expect, login, openLoggedOut, test } from './support/stack.js';

const COMBOS: DisplayCombo[] = [
  ...DISPLAY_COMBOS,
  // High contrast: both languages and both zooms, in two runs rather than four (CI time).
  { language: 'ru', theme: 'contrast', zoom: 200 },
  { language: 'en', theme: 'contrast', zoom: 100 },
];

test.describe('@a11y', () => {
  for (const combo of COMBOS) {
    test(`every screen passes the checks — ${label(combo)}`, async ({ browser, stack, shot }) => {
      // Eleven screens, each through axe: longer than the default minute on a busy machine.
      test.setTimeout(120_000);
      // A fresh browser profile per combination: preferences start from the defaults.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await openLoggedOut(page, stack.appA);
      await setDisplay(page, combo);

      await expectAccessible(page, `login ${label(combo)}`);
      await shot(page, `a11y-login-${label(combo)}`);

      await page.getByTestId('display-settings').click();
      await expectAccessible(page, `display settings ${label(combo)}`);
      await page.keyboard.press('Escape');

      await login(page, stack.appA, 'operator');
      await expectAccessible(page, `workspace ${label(combo)}`);
      await shot(page, `a11y-workspace-${label(combo)}`);

      await page.getByTestId('order-row').first().click();
      await expect(page.getByTestId('order-card')).toBeVisible();
      await expectAccessible(page, `order card ${label(combo)}`);
      await shot(page, `a11y-order-card-${label(combo)}`);

      // The reason picker of a failed close, over an order that may still be cancelled.
      await page.getByTestId('order-card').getByRole('button', { name: combo.language === 'ru' ? 'Назад к списку' : 'Back to the list' }).click();
      await page.getByTestId('order-row').filter({ hasText: /Новый|Новая|Недозвон|Заявка/ }).first().click();
      await page.locator('[data-testid="stage-button"][data-stage-id="cancelled"]').click();
      await expect(page.getByTestId('reason-picker')).toBeVisible();
      await expectAccessible(page, `reason picker ${label(combo)}`);
      await shot(page, `a11y-reason-picker-${label(combo)}`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('reason-picker')).toBeHidden();

      // The customer card, from the order card.
      await page.getByTestId('open-customer').click();
      await expect(page.getByTestId('customer-name')).toBeVisible();
      await expect(page.getByTestId('customer-calls').or(page.getByTestId('customer-card').getByText(/Звонков пока не было|No calls yet/))).toBeVisible();
      await expectAccessible(page, `customer card ${label(combo)}`);
      await shot(page, `a11y-customer-card-${label(combo)}`);

      // «Что делать сейчас» with its countdowns.
      await page.getByTestId('nav-home').click();
      await expect(page.getByTestId('todo-item').first()).toBeVisible();
      await expectAccessible(page, `home ${label(combo)}`);
      await shot(page, `a11y-home-${label(combo)}`);

      // «Найти клиента» with results.
      await page.getByTestId('nav-search').click();
      await page.getByTestId('search-input').fill('соколова');
      await expect(page.getByTestId('search-result').first()).toBeVisible();
      await expectAccessible(page, `customer search ${label(combo)}`);
      await shot(page, `a11y-search-${label(combo)}`);

      // «Клавиши», while choosing a key and after a refusal.
      await page.getByTestId('nav-shortcuts').click();
      await page.getByTestId('shortcut-change-answer').click();
      await page.keyboard.press('KeyK');
      await expect(page.getByTestId('shortcut-error')).toBeVisible();
      await expectAccessible(page, `shortcut settings ${label(combo)}`);
      await shot(page, `a11y-shortcuts-${label(combo)}`);
      await page.keyboard.press('Escape');

      await page.getByTestId('open-dialpad').click();
      await expect(page.getByTestId('dialpad')).toBeVisible();
      await expectAccessible(page, `dial pad ${label(combo)}`);
      await shot(page, `a11y-dialpad-${label(combo)}`);

      await page.getByTestId('open-phone-settings').click();
      await expect(page.getByTestId('phone-settings')).toBeVisible();
      await expectAccessible(page, `phone settings ${label(combo)}`);
      await shot(page, `a11y-phone-settings-${label(combo)}`);
      await page.getByTestId('phone-settings-close').click();
      await page.getByTestId('logout').click();
      await context.close();
    });
  }
});
