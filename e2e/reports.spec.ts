// @supervisor @reports: the reports screen over the demo data, through the real browser-mode
// bridge and CRM server: chart and table per report, a wrong period said in words with the
// input kept, XLSX and CSV downloads that match the table, no reports for an operator, and the
// accessibility checks in every language, theme and zoom.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { ReportName } from '../core/reports.js';
import { DISPLAY_COMBOS, comboLabel, expectAccessible, setDisplay } from './support/a11y.js';
import { expect, login, openLoggedOut, test } from './support/stack.js';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

test.describe('@supervisor @reports', () => {
  test('a supervisor sees each report as a chart and a table and downloads what the table shows', async ({ page, stack, shot }) => {
    await openLoggedOut(page, stack.appA);
    await login(page, stack.appA, 'supervisor');
    await page.getByTestId('nav-reports').click();
    await expect(page.getByTestId('reports-screen')).toBeVisible();

    // The default report: sales per operator over the last 30 days of the demo data.
    const table = page.getByTestId('report-table');
    await expect(table).toBeVisible();
    await expect(page.getByTestId('report-chart').locator('svg')).toBeVisible();
    await expect(table.locator('tbody th').filter({ hasText: 'Ирина Петрова' })).toBeVisible();
    await expect(page.getByTestId('report-totals')).toContainText('Итого');
    await shot(page, 'reports-sales-by-operator');
    await page.getByTestId('report-chart').scrollIntoViewIfNeeded();
    await shot(page, 'reports-sales-by-operator-chart');
    await page.getByTestId('report-totals').scrollIntoViewIfNeeded();
    await shot(page, 'reports-sales-by-operator-table');

    // Every report answers with a table (or says there is nothing in the period).
    for (const name of ReportName.options) {
      await page.getByTestId('report-select').selectOption(name);
      await expect(page.getByTestId('report-period')).toBeVisible();
      await expect(table.or(page.getByTestId('report-empty'))).toBeVisible();
      await expect(page.getByTestId('report-error')).toHaveCount(0);
    }

    // Calls per day, then its XLSX: the same days and figures as the table on screen.
    await page.getByTestId('report-select').selectOption('calls');
    await expect(table).toBeVisible();
    await page.getByTestId('report-chart').scrollIntoViewIfNeeded();
    await shot(page, 'reports-calls');
    const screenRows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^calls_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    await expect(page.getByTestId('report-downloaded')).toBeVisible();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Отчёт');
    if (!sheet) throw new Error('no report sheet');
    expect(sheet.getRow(1).getCell(1).value).toBe('День');
    const fileRows = screenRows.map((_, i) => (sheet.getRow(2 + i).values as unknown[]).slice(1).map((v) => String(v ?? '')));
    expect(fileRows).toEqual(screenRows.map((r) => r.map((c) => (c === '—' ? '' : c.replace(/\s/g, '').replace(',', '.')))));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toContain('День;Входящих;Отвечено;Пропущено');

    // A period that ends before it starts is refused in words; what was typed stays.
    await page.getByTestId('report-from').fill('2025-03-10');
    await page.getByTestId('report-to').fill('2025-03-01');
    await page.getByTestId('report-show').click();
    await expect(page.getByText('Дата «по» раньше даты «с». Исправьте период.')).toBeVisible();
    await expect(page.getByTestId('report-from')).toHaveValue('2025-03-10');
    await expect(page.getByTestId('report-to')).toHaveValue('2025-03-01');
    await shot(page, 'reports-bad-period');

    // The weekly partner report for this week, in the head office's columns.
    await page.getByTestId('report-select').selectOption('partner-weekly');
    await page.getByTestId('report-week').fill(today());
    await page.getByTestId('report-show').click();
    await expect(page.getByTestId('partner-dealer')).toBeVisible();
    await expect(table.locator('thead th').first()).toHaveText('№');
    await table.scrollIntoViewIfNeeded();
    await shot(page, 'reports-partner-weekly');
    await page.getByTestId('nav-orders').click();
    await expect(page.getByTestId('orders-list')).toBeVisible();
  });

  test('an operator and a technician have no reports section', async ({ page, stack }) => {
    for (const user of ['operator', 'tech']) {
      await openLoggedOut(page, stack.appA);
      await login(page, stack.appA, user);
      await expect(page.getByTestId('nav-orders')).toBeVisible();
      await expect(page.getByTestId('nav-reports')).toHaveCount(0);
    }
  });

  for (const combo of DISPLAY_COMBOS) {
    test(`@a11y the reports screen passes the checks — ${comboLabel(combo)}`, async ({ browser, stack, shot }) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await openLoggedOut(page, stack.appA);
      await login(page, stack.appA, 'admin');
      await setDisplay(page, combo);
      await page.getByTestId('nav-reports').click();
      await expect(page.getByTestId('report-table')).toBeVisible();
      await expect(page.getByTestId('report-chart').locator('svg')).toBeVisible();
      await expectAccessible(page, `reports ${comboLabel(combo)}`);
      await shot(page, `a11y-reports-${comboLabel(combo)}`);
      await page.getByTestId('report-chart').scrollIntoViewIfNeeded();
      await shot(page, `a11y-reports-chart-${comboLabel(combo)}`);
      await page.getByTestId('report-select').selectOption('partner-weekly');
      await page.getByTestId('report-week').fill(today());
      await page.getByTestId('report-show').click();
      await expect(page.getByTestId('partner-dealer')).toBeVisible();
      await expectAccessible(page, `partner report ${comboLabel(combo)}`);
      await page.getByTestId('report-table').scrollIntoViewIfNeeded();
      await shot(page, `a11y-reports-partner-${comboLabel(combo)}`);
      await page.getByTestId('logout').click();
      await context.close();
    });
  }
});
