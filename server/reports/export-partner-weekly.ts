// The weekly partner report in the head office's fixed layout (core PARTNER_WEEKLY_LAYOUT):
// a title block (dealer, code, week), the header on row 7, one line per customer account and
// sale type, then the three total lines. The head office imports it by position, so the
// layout never moves.
import ExcelJS from 'exceljs';
import { PARTNER_WEEKLY_LAYOUT as L, type PartnerWeeklyResult } from '../../core/reports.js';
import { toCsv } from './export-table.js';

export const PARTNER_HEADER_ROW = 7;

const formatDay = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** One report line as the template's cells (amounts in roubles). */
export function partnerLines(result: PartnerWeeklyResult): Array<Array<string | number>> {
  return result.rows.map((r, i) => [
    i + 1,
    r.partnerNumber ?? '',
    r.customerName,
    r.phone,
    r.email ?? '',
    L.saleTypes[r.saleType],
    r.seller ?? L.ownSeller,
    r.orders,
    r.amountKopecks / 100,
  ]);
}

export function partnerTotals(result: PartnerWeeklyResult): Array<Array<string | number>> {
  const t = result.totals;
  const line = (label: string, orders: number, kopecks: number) => ['', '', label, '', '', '', '', orders, kopecks / 100];
  return [
    line(L.totals.retail, t.retailOrders, t.retailKopecks),
    line(L.totals.subdealer, t.subdealerOrders, t.subdealerKopecks),
    line(L.totals.all, t.orders, t.amountKopecks),
  ];
}

export function partnerCsv(result: PartnerWeeklyResult): Buffer {
  return toCsv([[...L.headers], ...partnerLines(result), ...partnerTotals(result)]);
}

export async function partnerXlsx(result: PartnerWeeklyResult): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Пульт';
  book.created = new Date(result.generatedAt);
  const sheet = book.addWorksheet(L.sheetName, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.getCell('A1').value = L.title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells('A1:I1');
  const info: Array<[string, string]> = [
    ['Дилер:', result.dealer.name],
    ['Код дилера:', result.dealer.code],
    ['Период:', `${formatDay(result.range.from)} – ${formatDay(result.range.to)}`],
    ['Сформирован:', new Date(result.generatedAt).toLocaleString('ru-RU', { timeZone: result.timeZone })],
  ];
  info.forEach(([label, value], i) => {
    const row = sheet.getRow(2 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
    sheet.mergeCells(2 + i, 2, 2 + i, 5);
  });
  const header = sheet.getRow(PARTNER_HEADER_ROW);
  header.values = [...L.headers];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  let r = PARTNER_HEADER_ROW + 1;
  for (const line of partnerLines(result)) {
    const row = sheet.getRow(r++);
    row.values = line;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
    // An account without a partner number cannot be credited: the head office must see it.
    if (line[1] === '') row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  }
  for (const line of partnerTotals(result)) {
    const row = sheet.getRow(r++);
    row.values = line;
    row.font = { bold: true };
  }
  const widths = [7, 18, 34, 16, 28, 12, 30, 10, 16];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.getColumn(8).numFmt = '0';
  sheet.getColumn(9).numFmt = '#,##0.00';
  sheet.views = [{ state: 'frozen', ySplit: PARTNER_HEADER_ROW }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
