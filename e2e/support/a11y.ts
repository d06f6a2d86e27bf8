/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The checks every screen must pass (issue «A UI older staff can use»): no axe violations for
// WCAG 2.2 A/AA, no visible text under 18 px, no click target under 44 × 44 px, and no sideways
// scrolling (at 200 % zoom too).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export interface ScreenProblems {
  smallText: string[];
  smallTargets: string[];
  horizontalScroll: boolean;
}

export async function screenProblems(page: Page): Promise<ScreenProblems> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}[${(el.textContent ?? '').trim().slice(0, 30)}]`;
    const smallText: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim() || !visible(el)) continue;
      // Computed font-size is before CSS zoom, i.e. the size at 100 %.
      if (parseFloat(getComputedStyle(el).fontSize) < 18) smallText.push(`${describe(el)} ${getComputedStyle(el).fontSize}`);
    }
    const zoom = parseFloat(getComputedStyle(document.documentElement).zoom || '1') || 1;
    const smallTargets: string[] = [];
    const interactive = document.querySelectorAll('a[href], button, input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])');
    for (const el of interactive) {
      if (!visible(el)) continue;
      // A radio or checkbox inside its label is clicked through the whole label.
      const target = (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) || el;
      const r = target.getBoundingClientRect();
      if (r.width / zoom < 44 - 0.5 || r.height / zoom < 44 - 0.5) smallTargets.push(`${describe(target)} ${Math.round(r.width / zoom)}×${Math.round(r.height / zoom)}`);
    }
    const horizontalScroll = document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;
    return { smallText, smallTargets, horizontalScroll };
  });
}

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const violations = axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  expect(violations, `${screen}: axe violations`).toEqual([]);
  const problems = await screenProblems(page);
  expect(problems.smallText, `${screen}: text under 18 px`).toEqual([]);
  expect(problems.smallTargets, `${screen}: click targets under 44 × 44 px`).toEqual([]);
  expect(problems.horizontalScroll, `${screen}: scrolls sideways`).toBe(false);
}

export type DisplayCombo = { language: 'ru' | 'en'; theme: 'light' | 'dark' | 'contrast'; zoom: 100 | 200 };

/** Every language × theme (light, dark) × zoom the screens are checked in. */
export const DISPLAY_COMBOS: DisplayCombo[] = (['ru', 'en'] as const).flatMap((language) =>
  (['light', 'dark'] as const).flatMap((theme) => ([100, 200] as const).map((zoom) => ({ language, theme, zoom }))),
);
export const comboLabel = (c: DisplayCombo) => `${c.language}-${c.theme}-${c.zoom}`;

/** Sets the display preferences the way a person does: through «Настройки экрана» and Ctrl+= for zoom. */
export async function setDisplay(page: Page, c: DisplayCombo): Promise<void> {
  await page.getByTestId('display-settings').click();
  await page.getByTestId(`language-${c.language}`).check();
  await page.getByTestId(`theme-${c.theme}`).check();
  await page.getByTestId('display-settings-close').click();
  await page.keyboard.press('Control+0');
  for (let z = 100; z < c.zoom; z += 10) await page.keyboard.press('Control+=');
  await expect(page.locator('html')).toHaveAttribute('lang', c.language);
  await expect(page.locator('html')).toHaveAttribute('data-theme', c.theme);
}
