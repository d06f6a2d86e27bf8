// A table report as CSV (for Russian Excel: UTF-8 with BOM, ';' between fields, decimal comma)
// and as XLSX (the table on the first sheet as it is on screen, the parameters on the second).
import ExcelJS from 'exceljs';
import { REPORTS, TOTAL_LABEL_RU, exportCell, type ReportColumn, type TableReportResult } from '../../core/reports.js';

/** The report's filters in words, for the parameters sheet. */
export interface FilterLabels {
  operator?: string;
  city?: string;
  pipeline?: string;
}

/** Rows of export cells, header first, the totals row last. */
export function exportTable(result: TableReportResult): { columns: ReportColumn[]; header: string[]; body: Array<Array<string | number>>; totals: Array<string | number> | null } {
  const { columns } = REPORTS[result.report];
  const rows = result.rows as Array<Record<string, unknown>>;
  const body = rows.map((row) => columns.map((c) => exportCell(c, row[c.key])));
  const totalsRow = result.totals as Record<string, unknown> | null;
  const totals = totalsRow
    ? columns.map((c, i) => {
        if (i === 0) return TOTAL_LABEL_RU;
        const v = totalsRow[c.key];
        // Label columns of the totals row stay empty rather than saying «Не назначен».
        return v === null || v === undefined ? '' : exportCell(c, v);
      })
    : null;
  return { columns, header: columns.map((c) => c.header), body, totals };
}

const csvNumber = (n: number): string => String(n).replace('.', ',');
function csvField(v: string | number): string {
  const s = typeof v === 'number' ? csvNumber(v) : v;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(lines: Array<Array<string | number>>): Buffer {
  const text = lines.map((l) => l.map(csvField).join(';')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export function tableCsv(result: TableReportResult): Buffer {
  const t = exportTable(result);
  return toCsv([t.header, ...t.body, ...(t.totals ? [t.totals] : [])]);
}

const NUMBER_FORMATS: Partial<Record<ReportColumn['kind'], string>> = {
  money: '#,##0.00',
  percent: '0.0',
  minutes: '0.0',
  hours: '0.0',
  seconds: '0.0',
  int: '0',
};

const formatDay = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export async function tableXlsx(result: TableReportResult, labels: FilterLabels = {}): Promise<Buffer> {
  const t = exportTable(result);
  const def = REPORTS[result.report];
  const book = new ExcelJS.Workbook();
  book.creator = 'Пульт';
  book.created = new Date(result.generatedAt);
  const sheet = book.addWorksheet('Отчёт', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(t.header).font = { bold: true };
  for (const line of t.body) sheet.addRow(line);
  if (t.totals) sheet.addRow(t.totals).font = { bold: true };
  t.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.min(48, Math.max(12, c.header.length + 2, ...t.body.map((l) => String(l[i] ?? '').length + 2)));
    const fmt = NUMBER_FORMATS[c.kind];
    if (fmt) col.numFmt = fmt;
  });
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };

  const params = book.addWorksheet('Параметры');
  params.addRows([
    ['Отчёт', def.title],
    ['Период', `${formatDay(result.range.from)} – ${formatDay(result.range.to)}`],
    ['Оператор', labels.operator ?? 'Все'],
    ['Город', labels.city ?? 'Все'],
    ['Воронка', labels.pipeline ?? 'Все'],
    ['Часовой пояс', result.timeZone],
    ['Сформирован', new Date(result.generatedAt).toLocaleString('ru-RU', { timeZone: result.timeZone })],
  ]);
  params.getColumn(1).font = { bold: true };
  params.getColumn(1).width = 16;
  params.getColumn(2).width = 48;
  return Buffer.from(await book.xlsx.writeBuffer());
}
