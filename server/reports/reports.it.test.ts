// Every report over the fixed data set (fixture.ts) against figures worked out by hand, on
// PGlite and PostgreSQL; exports read back; only supervisors and admins get reports.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHANNEL_NAMES_RU, PARTNER_WEEKLY_LAYOUT, PartnerWeeklyResult, REPORTS, ROLE_NAMES_RU, ReportName, ReportOptions,
  TABLE_REPORT_NAMES, TableReportResult, reasonNameRu, type ReportColumn, type TableReportName,
} from '../../core/reports.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { ELENA, FIXTURE_DEALER, FIXTURE_RANGE, FIXTURE_WEEK, IRINA, LINE_1, LINE_2, OLGA, PAVEL, SERGEY, seedReportFixture } from './fixture.js';

const MARCH = `from=${FIXTURE_RANGE.from}&to=${FIXTURE_RANGE.to}`;

describe.each(DB_KINDS)('reports on %s', (kind) => {
  const h = useServer(kind);
  let token = '';
  beforeAll(async () => {
    await seedReportFixture(h.db);
    token = await h.login('supervisor');
  });

  async function report<N extends TableReportName>(name: N, query = MARCH): Promise<Extract<TableReportResult, { report: N }>> {
    const res = await h.get(`/api/reports/${name}?${query}`, token);
    expect(res.statusCode, res.body).toBe(200);
    const parsed = TableReportResult.parse(res.json());
    expect(parsed.report).toBe(name);
    return parsed as Extract<TableReportResult, { report: N }>;
  }

  it('sales per operator: new orders, sales and cancellations in March (Moscow days)', async () => {
    const r = await report('sales-by-operator');
    expect(r.range).toEqual(FIXTURE_RANGE);
    expect(r.timeZone).toBe('Europe/Moscow');
    expect(r.rows).toEqual([
      { operatorId: IRINA.id, operator: 'Ирина Петрова', leads: 3, sales: 2, salesKopecks: 1_500_000, averageKopecks: 750_000, cancellations: 0 },
      { operatorId: OLGA.id, operator: 'Ольга Смирнова', leads: 3, sales: 1, salesKopecks: 1_200_000, averageKopecks: 1_200_000, cancellations: 3 },
      { operatorId: null, operator: null, leads: 2, sales: 2, salesKopecks: 550_000, averageKopecks: 275_000, cancellations: 0 },
    ]);
    expect(r.totals).toEqual({ operatorId: null, operator: null, leads: 8, sales: 5, salesKopecks: 3_250_000, averageKopecks: 650_000, cancellations: 3 });
  });

  it('sales per operator with filters: one operator, one city, one pipeline', async () => {
    const olga = await report('sales-by-operator', `${MARCH}&operatorId=${OLGA.id}`);
    expect(olga.filters).toEqual({ operatorId: OLGA.id });
    expect(olga.rows).toEqual([
      { operatorId: OLGA.id, operator: 'Ольга Смирнова', leads: 3, sales: 1, salesKopecks: 1_200_000, averageKopecks: 1_200_000, cancellations: 3 },
    ]);
    const moscow = await report('sales-by-operator', `${MARCH}&city=${encodeURIComponent('Москва')}`);
    expect(moscow.rows.map((x) => [x.operator, x.leads, x.sales, x.salesKopecks, x.cancellations])).toEqual([
      ['Ирина Петрова', 2, 2, 1_500_000, 0],
      ['Ольга Смирнова', 1, 1, 1_200_000, 1],
    ]);
    const store = await report('sales-by-operator', `${MARCH}&pipelineId=store`);
    expect(store.rows.map((x) => [x.operator, x.leads, x.sales, x.cancellations])).toEqual([['Ольга Смирнова', 1, 0, 1]]);
  });

  it('installs per technician: completed orders with their technician and time from order to done', async () => {
    const r = await report('installs-by-technician');
    expect(r.rows).toEqual([
      // O1 27.5 h, O2 27 h 10 min, O6 244 h → 99.6 h on average
      { technicianId: SERGEY.id, technician: 'Сергей Кузнецов', district: 'Северный', installs: 3, installsKopecks: 2_700_000, averageHours: 99.6 },
      { technicianId: PAVEL.id, technician: 'Павел Орлов', district: 'Южный', installs: 1, installsKopecks: 150_000, averageHours: 24 },
    ]);
    expect(r.totals).toMatchObject({ installs: 4, installsKopecks: 2_850_000, averageHours: 80.7 });
  });

  it('sales by region (city)', async () => {
    const r = await report('sales-by-region');
    expect(r.rows).toEqual([
      { city: 'Москва', leads: 3, sales: 3, salesKopecks: 2_700_000, averageKopecks: 900_000, cancellations: 1 },
      { city: 'Самара', leads: 2, sales: 2, salesKopecks: 550_000, averageKopecks: 275_000, cancellations: 0 },
      { city: 'Казань', leads: 2, sales: 0, salesKopecks: 0, averageKopecks: null, cancellations: 2 },
      { city: 'Тверь', leads: 1, sales: 0, salesKopecks: 0, averageKopecks: null, cancellations: 0 },
    ]);
    expect(r.totals).toEqual({ city: null, leads: 8, sales: 5, salesKopecks: 3_250_000, averageKopecks: 650_000, cancellations: 3 });
  });

  it('leads and orders by channel and source: called number, web form, UTM', async () => {
    const r = await report('channels');
    const row = (channel: string, source: string | null, utm: [string, string, string] | null, calls: number, leads: number, sales: number, kop: number, conv: number | null) => ({
      channel, source, utmSource: utm?.[0] ?? null, utmMedium: utm?.[1] ?? null, utmCampaign: utm?.[2] ?? null,
      incomingCalls: calls, leads, sales, salesKopecks: kop, conversionPercent: conv,
    });
    expect(r.rows).toEqual([
      row('web', 'Субдилер «Восток»', null, 0, 2, 2, 550_000, 100),
      row('phone', LINE_1, null, 2, 1, 1, 1_000_000, 100),
      row('phone', LINE_2, null, 2, 1, 0, 0, 0),
      row('email', null, null, 0, 1, 0, 0, 0),
      row('missed_call', null, null, 0, 1, 0, 0, 0),
      row('web', 'Форма на сайте', ['google', 'cpc', 'spring'], 0, 1, 0, 0, 0),
      row('web', 'Форма на сайте', ['yandex', 'cpc', 'spring'], 0, 1, 1, 500_000, 100),
      row('phone', null, null, 1, 0, 0, 0, null),
    ]);
    expect(r.totals).toMatchObject({ incomingCalls: 5, leads: 8, sales: 4, salesKopecks: 2_050_000, conversionPercent: 50 });
    // A pipeline filter leaves calls out (they have no pipeline).
    const store = await report('channels', `${MARCH}&pipelineId=store`);
    expect(store.rows).toEqual([row('email', null, null, 0, 1, 0, 0, 0)]);
  });

  it('cancellations by reason and by the role that cancelled', async () => {
    const r = await report('cancellations');
    expect(r.rows).toEqual([
      { role: 'admin', reason: 'out_of_stock', cancellations: 1, amountKopecks: 800_000, sharePercent: 33.3 },
      { role: 'operator', reason: 'customer_refused', cancellations: 1, amountKopecks: 600_000, sharePercent: 33.3 },
      { role: 'operator', reason: 'too_expensive', cancellations: 1, amountKopecks: 250_000, sharePercent: 33.3 },
    ]);
    expect(r.totals).toEqual({ role: null, reason: null, cancellations: 3, amountKopecks: 1_650_000, sharePercent: 100 });
  });

  it('time spent in each stage (stays that ended in March)', async () => {
    const r = await report('stage-time');
    const row = (pipelineId: string, pipeline: string, stageId: string, stage: string, exits: number, avg: number, median: number, p90: number) =>
      ({ pipelineId, pipeline, stageId, stage, exits, avgMinutes: avg, medianMinutes: median, p90Minutes: p90 });
    const D = 'Доставка и установка';
    expect(r.rows).toEqual([
      // new: 30, 10, 20, 40, 540, 1440, 1440
      row('delivery', D, 'new', 'Новый', 7, 502.9, 40, 1440),
      row('delivery', D, 'no_answer', 'Недозвон', 1, 120, 120, 120),
      // confirmed: 1440, 1320, 1440, 14340 (O6 sat there since February)
      row('delivery', D, 'confirmed', 'Подтверждён', 4, 4635, 1440, 10470),
      row('delivery', D, 'in_work', 'Принят в работу', 3, 200, 180, 228),
      row('store', 'Интернет-магазин', 'new', 'Новая', 1, 30, 30, 30),
      row('store', 'Интернет-магазин', 'reserved', 'Резерв', 1, 1440, 1440, 1440),
    ]);
    expect(r.totals).toBeNull();
    const olga = await report('stage-time', `${MARCH}&operatorId=${OLGA.id}&pipelineId=delivery`);
    expect(olga.rows.map((x) => [x.stageId, x.exits, x.avgMinutes, x.medianMinutes, x.p90Minutes])).toEqual([
      ['new', 2, 30, 30, 38],
      ['confirmed', 2, 7890, 7890, 13050],
      ['in_work', 1, 240, 240, 240],
    ]);
  });

  it('time between operations (stage A → stage B)', async () => {
    const r = await report('between-operations');
    expect(r.rows.map((x) => [x.pipelineId, x.fromStageId, x.toStageId, x.transitions, x.avgMinutes, x.medianMinutes])).toEqual([
      ['delivery', 'new', 'no_answer', 1, 10, 10],
      ['delivery', 'new', 'confirmed', 3, 203.3, 40],
      ['delivery', 'new', 'done', 2, 1440, 1440],
      ['delivery', 'new', 'cancelled', 1, 20, 20],
      ['delivery', 'no_answer', 'confirmed', 1, 120, 120],
      ['delivery', 'confirmed', 'in_work', 3, 5700, 1440],
      ['delivery', 'confirmed', 'cancelled', 1, 1440, 1440],
      ['delivery', 'in_work', 'done', 3, 200, 180],
      ['store', 'new', 'reserved', 1, 30, 30],
      ['store', 'reserved', 'cancelled', 1, 1440, 1440],
    ]);
    expect(r.rows[1]).toMatchObject({ fromStage: 'Новый', toStage: 'Подтверждён', pipeline: 'Доставка и установка' });
  });

  it('answered and missed calls per Moscow day', async () => {
    const r = await report('calls');
    expect(r.rows).toEqual([
      { day: '2025-03-03', incoming: 1, answered: 1, missed: 0, missedPercent: 0, outgoing: 1, outgoingAnswered: 1 },
      { day: '2025-03-04', incoming: 3, answered: 1, missed: 2, missedPercent: 66.7, outgoing: 1, outgoingAnswered: 0 },
      { day: '2025-03-10', incoming: 1, answered: 1, missed: 0, missedPercent: 0, outgoing: 0, outgoingAnswered: 0 },
    ]);
    expect(r.totals).toEqual({ day: null, incoming: 5, answered: 3, missed: 2, missedPercent: 40, outgoing: 2, outgoingAnswered: 1 });
    const olga = await report('calls', `${MARCH}&operatorId=${OLGA.id}`);
    expect(olga.rows).toEqual([{ day: '2025-03-04', incoming: 2, answered: 1, missed: 1, missedPercent: 50, outgoing: 1, outgoingAnswered: 0 }]);
  });

  it('average handling time: talk time and time from arrival to the first operation', async () => {
    const r = await report('handling-time');
    expect(r.rows).toEqual([
      // calls 120 + 60 + 90 s; first operations after 30, 10 and 540 min
      { userId: IRINA.id, user: 'Ирина Петрова', answeredCalls: 3, talkMinutes: 4.5, avgTalkSeconds: 90, firstOperations: 3, avgFirstOperationMinutes: 193.3 },
      { userId: OLGA.id, user: 'Ольга Смирнова', answeredCalls: 1, talkMinutes: 5, avgTalkSeconds: 300, firstOperations: 3, avgFirstOperationMinutes: 30 },
      { userId: ELENA.id, user: 'Елена Морозова', answeredCalls: 0, talkMinutes: 0, avgTalkSeconds: null, firstOperations: 2, avgFirstOperationMinutes: 1440 },
    ]);
    expect(r.totals).toEqual({ userId: null, user: null, answeredCalls: 4, talkMinutes: 9.5, avgTalkSeconds: 142.5, firstOperations: 8, avgFirstOperationMinutes: 443.8 });
  });

  it('callback response time per assignee', async () => {
    const r = await report('callbacks');
    expect(r.rows).toEqual([
      { assigneeId: IRINA.id, assignee: 'Ирина Петрова', callbacks: 2, done: 2, doneInTime: 1, inTimePercent: 50, avgResponseMinutes: 5.8, medianResponseMinutes: 5.8, overdueOpen: 0 },
      { assigneeId: OLGA.id, assignee: 'Ольга Смирнова', callbacks: 2, done: 1, doneInTime: 0, inTimePercent: 0, avgResponseMinutes: 3, medianResponseMinutes: 3, overdueOpen: 1 },
      { assigneeId: null, assignee: null, callbacks: 1, done: 1, doneInTime: 1, inTimePercent: 100, avgResponseMinutes: 1, medianResponseMinutes: 1, overdueOpen: 0 },
    ]);
    expect(r.totals).toEqual({ assigneeId: null, assignee: null, callbacks: 5, done: 4, doneInTime: 2, inTimePercent: 40, avgResponseMinutes: 3.9, medianResponseMinutes: 2.3, overdueOpen: 1 });
  });

  it('the weekly partner report: each account with its purchases, retail apart from sub-dealers', async () => {
    const res = await h.get(`/api/reports/partner-weekly?week=${FIXTURE_WEEK}`, token);
    expect(res.statusCode, res.body).toBe(200);
    const r = PartnerWeeklyResult.parse(res.json());
    expect(r.range).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(r.dealer).toEqual(FIXTURE_DEALER);
    expect(r.rows).toEqual([
      { saleType: 'retail', seller: null, partnerNumber: 'P-1001', customerName: 'Анна Ковалёва', phone: '+79161000001', email: 'anna@example.ru', orders: 2, amountKopecks: 1_500_000 },
      { saleType: 'subdealer', seller: 'Субдилер «Восток»', partnerNumber: null, customerName: 'Борис Носов', phone: '+79161000005', email: null, orders: 1, amountKopecks: 400_000 },
      { saleType: 'subdealer', seller: 'Субдилер «Восток»', partnerNumber: 'P-2002', customerName: 'Вера Лебедева', phone: '+79161000006', email: 'vera@example.ru', orders: 1, amountKopecks: 150_000 },
    ]);
    expect(r.totals).toEqual({ retailOrders: 2, retailKopecks: 1_500_000, subdealerOrders: 2, subdealerKopecks: 550_000, orders: 4, amountKopecks: 2_050_000 });
    expect(r.missingPartnerNumbers).toBe(1);
    // O6 was completed on Sunday 2 March, the week before.
    const before = PartnerWeeklyResult.parse((await h.get('/api/reports/partner-weekly?week=2025-03-02', token)).json());
    expect(before.range).toEqual({ from: '2025-02-24', to: '2025-03-02' });
    expect(before.rows.map((x) => [x.customerName, x.amountKopecks])).toEqual([['Игорь Белов', 1_200_000]]);
  });

  it('the partner report as XLSX keeps the head office layout', async () => {
    const res = await h.get(`/api/reports/partner-weekly?week=${FIXTURE_WEEK}&format=xlsx`, token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('partner-weekly_2025-03-03_2025-03-09.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(PARTNER_WEEKLY_LAYOUT.sheetName);
    if (!sheet) throw new Error('no partner sheet');
    const cell = (ref: string) => sheet.getCell(ref).value;
    expect(cell('A1')).toBe(PARTNER_WEEKLY_LAYOUT.title);
    expect([cell('A2'), cell('B2')]).toEqual(['Дилер:', FIXTURE_DEALER.name]);
    expect([cell('A3'), cell('B3')]).toEqual(['Код дилера:', FIXTURE_DEALER.code]);
    expect([cell('A4'), cell('B4')]).toEqual(['Период:', '03.03.2025 – 09.03.2025']);
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1, 10).map((v) => v ?? '');
    expect(values(7)).toEqual([...PARTNER_WEEKLY_LAYOUT.headers]);
    expect(values(8)).toEqual([1, 'P-1001', 'Анна Ковалёва', '+79161000001', 'anna@example.ru', 'Розница', 'Дилер', 2, 15_000]);
    expect(values(9)).toEqual([2, '', 'Борис Носов', '+79161000005', '', 'Субдилер', 'Субдилер «Восток»', 1, 4_000]);
    expect(values(10)).toEqual([3, 'P-2002', 'Вера Лебедева', '+79161000006', 'vera@example.ru', 'Субдилер', 'Субдилер «Восток»', 1, 1_500]);
    expect(values(11)).toEqual(['', '', 'Итого розница', '', '', '', '', 2, 15_000]);
    expect(values(12)).toEqual(['', '', 'Итого субдилеры', '', '', '', '', 2, 5_500]);
    expect(values(13)).toEqual(['', '', 'Всего за неделю', '', '', '', '', 4, 20_500]);
  });

  /** What a cell of the export must hold for a JSON value, written out independently of the exporter. */
  function expectedCell(column: ReportColumn, value: unknown): string | number {
    if (value === null) return column.empty ?? '';
    if (column.kind === 'money') return (value as number) / 100;
    if (column.kind === 'role') return ROLE_NAMES_RU[value as keyof typeof ROLE_NAMES_RU];
    if (column.kind === 'channel') return CHANNEL_NAMES_RU[value as keyof typeof CHANNEL_NAMES_RU];
    if (column.kind === 'reason') return reasonNameRu(value as string);
    if (column.kind === 'date') return (value as string).split('-').reverse().join('.');
    return value as string | number;
  }

  it.each(TABLE_REPORT_NAMES)('%s exported as XLSX reads back equal to the JSON table', async (name) => {
    const json = await report(name);
    const res = await h.get(`/api/reports/${name}?${MARCH}&format=xlsx`, token);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Отчёт');
    if (!sheet) throw new Error('no report sheet');
    const columns = REPORTS[name].columns;
    const read = (row: number) => columns.map((_, i) => sheet.getRow(row).getCell(i + 1).value ?? '');
    expect(read(1)).toEqual(columns.map((c) => c.header));
    const rows = json.rows as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((row, i) => expect(read(2 + i), `row ${i + 1}`).toEqual(columns.map((c) => expectedCell(c, row[c.key]))));
    const totals = json.totals as Record<string, unknown> | null;
    // Counted before reading past the table (exceljs creates the rows it is asked for).
    expect(sheet.rowCount).toBe(1 + rows.length + (totals ? 1 : 0));
    if (totals) {
      expect(read(2 + rows.length)).toEqual(columns.map((c, i) => (i === 0 ? 'Итого' : totals[c.key] === null ? '' : expectedCell(c, totals[c.key]))));
    }
    const params = book.getWorksheet('Параметры');
    expect(params?.getRow(2).getCell(2).value).toBe('01.03.2025 – 31.03.2025');
  });

  it('CSV for Russian Excel: BOM, semicolons, decimal comma, Russian headers', async () => {
    const res = await h.get(`/api/reports/handling-time?${MARCH}&format=csv`, token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('handling-time_2025-03-01_2025-03-31.csv');
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(REPORTS['handling-time'].columns.map((c) => c.header).join(';'));
    expect(lines[1]).toBe('Ирина Петрова;3;4,5;90;3;193,3');
    expect(lines[3]).toBe('Елена Морозова;0;0;;2;1440');
    expect(lines[4]).toBe('Итого;4;9,5;142,5;8;443,8');
  });

  it('bad parameters get a 400 that names the field; an unknown report is a 404', async () => {
    const cases: Array<[string, string, string]> = [
      ['sales-by-operator?from=2025-13-01', 'from', 'date'],
      ['sales-by-operator?from=2025-02-30', 'from', 'date'],
      ['sales-by-operator?from=2025-03-10&to=2025-03-01', 'to', 'range.order'],
      ['sales-by-operator?from=2024-01-01&to=2025-03-01', 'to', 'range.too_long'],
      ['calls?operatorId=nobody', 'operatorId', 'invalid_format'],
      ['calls?format=pdf', 'format', 'invalid_value'],
    ];
    for (const [url, field, code] of cases) {
      const res = await h.get(`/api/reports/${url}`, token);
      expect(res.statusCode, url).toBe(400);
      const body = res.json() as { code: string; message: string; fields: Record<string, string> };
      expect(body.code).toBe('validation');
      expect(body.fields[field], url).toBe(code);
      expect(body.message).toContain(field);
    }
    const unknown = await h.get('/api/reports/salaries', token);
    expect(unknown.statusCode).toBe(404);
    expect((unknown.json() as { message: string }).message).toContain('sales-by-operator');
    // Empty filter fields from a form mean "not set".
    const blank = await h.get(`/api/reports/calls?${MARCH}&operatorId=&city=&pipelineId=`, token);
    expect(blank.statusCode).toBe(200);
  });

  it('without dates a report covers the last 30 days up to today', async () => {
    const res = await h.get('/api/reports/calls', token);
    const r = TableReportResult.parse(res.json());
    const days = (Date.parse(r.range.to) - Date.parse(r.range.from)) / 86_400_000 + 1;
    expect(days).toBe(30);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    expect(r.range.to).toBe(today);
    // Only the demo seed's calls (the last 12 hours), none of the fixture's March 2025 ones.
    expect(r.totals).toMatchObject({ incoming: 5, answered: 4, missed: 1, outgoing: 3, outgoingAnswered: 1 });
  });

  it('the options for the filters', async () => {
    const res = await h.get('/api/reports', token);
    expect(res.statusCode).toBe(200);
    const o = ReportOptions.parse(res.json());
    expect(o.reports).toEqual(ReportName.options);
    expect(o.operators.map((u) => u.name)).toEqual(expect.arrayContaining(['Ирина Петрова', 'Ольга Смирнова', 'Павел Орлов']));
    expect(o.operators.some((u) => u.role === 'supervisor')).toBe(false);
    expect(o.cities).toEqual(expect.arrayContaining(['Москва', 'Казань', 'Самара', 'Тверь']));
    expect(o.pipelines.map((p) => p.id).sort()).toEqual(['delivery', 'service', 'store']);
  });

  it('an admin may see reports; operators and technicians get 403 on every report, and nobody without a session', async () => {
    const admin = await h.login('admin');
    expect((await h.get(`/api/reports/sales-by-operator?${MARCH}`, admin)).statusCode).toBe(200);
    for (const login of ['operator', 'tech'] as const) {
      const t = await h.login(login);
      for (const name of ReportName.options) {
        for (const format of ['json', 'csv', 'xlsx']) {
          const res = await h.get(`/api/reports/${name}?${MARCH}&format=${format}`, t);
          expect(res.statusCode, `${login} ${name} ${format}`).toBe(403);
          const body = res.json() as { code: string; message: string };
          expect(body.code).toBe('forbidden');
          expect(body.message).toContain('supervisors and administrators');
        }
      }
      expect((await h.get('/api/reports', t)).statusCode).toBe(403);
    }
    expect((await h.get('/api/reports/calls')).statusCode).toBe(401);
  });
});
