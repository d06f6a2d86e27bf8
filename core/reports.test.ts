import { describe, expect, it } from 'vitest';
import {
  REPORTS, ReportQuery, TABLE_REPORT_NAMES, exportCell, previousWeek, rangeProblem, resolveRange, weekOf, canSeeReports,
} from './reports.js';

describe('report periods', () => {
  it('defaults to the 30 days up to today; a lone `to` or `from` anchors the 30 days', () => {
    expect(resolveRange({}, '2025-03-31')).toEqual({ from: '2025-03-02', to: '2025-03-31' });
    expect(resolveRange({ to: '2025-03-10' }, '2025-06-01')).toEqual({ from: '2025-02-09', to: '2025-03-10' });
    expect(resolveRange({ from: '2025-01-01' }, '2025-03-31')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(resolveRange({ from: '2025-05-01' }, '2025-03-31')).toEqual({ from: '2025-05-01', to: '2025-05-01' });
  });

  it('a period must run forwards and last at most a year (a leap year included)', () => {
    expect(rangeProblem({ from: '2025-03-02', to: '2025-03-01' })).toBe('range.order');
    expect(rangeProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeNull(); // 366 days
    expect(rangeProblem({ from: '2024-01-01', to: '2025-01-01' })).toBe('range.too_long');
    expect(rangeProblem({ from: '2025-03-01', to: '2025-03-01' })).toBeNull();
  });

  it('weeks run Monday to Sunday; the default partner week is the last full one', () => {
    expect(weekOf('2025-03-05')).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(weekOf('2025-03-03')).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(weekOf('2025-03-09')).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(previousWeek('2025-03-10')).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(previousWeek('2025-03-09')).toEqual({ from: '2025-02-24', to: '2025-03-02' });
  });
});

describe('report query', () => {
  it('treats empty form fields as not set and defaults the format to JSON', () => {
    expect(ReportQuery.parse({ from: '', to: ' ', operatorId: '', city: '', pipelineId: '' })).toEqual({ format: 'json' });
    expect(ReportQuery.parse({ city: ' Москва ', format: 'xlsx' })).toEqual({ city: 'Москва', format: 'xlsx' });
  });

  it('names the bad field', () => {
    const bad = (q: Record<string, string>) => ReportQuery.safeParse(q).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(bad({ from: '2025-02-29' })).toEqual([['from', 'date']]);
    expect(bad({ from: '01.03.2025' })?.[0]?.[0]).toBe('from');
    expect(bad({ from: '2025-03-10', to: '2025-03-01' })).toEqual([['to', 'range.order']]);
    expect(ReportQuery.safeParse({ operatorId: 'x' }).success).toBe(false);
    expect(ReportQuery.safeParse({ format: 'pdf' }).success).toBe(false);
  });
});

describe('report definitions', () => {
  it('every report has Russian headers, a chart over its own columns, and known filters', () => {
    for (const name of TABLE_REPORT_NAMES) {
      const def = REPORTS[name];
      expect(def.name).toBe(name);
      const keys = def.columns.map((c) => c.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const c of def.columns) expect(c.header).toMatch(/[А-Яа-яЁё]|utm_/);
      expect(keys).toContain(def.chart.category);
      for (const s of def.chart.series) expect(keys).toContain(s);
    }
  });

  it('export cells: roubles from kopecks, Russian names for codes, the empty label for null', () => {
    const col = (kind: Parameters<typeof exportCell>[0]['kind'], empty?: string) => ({ key: 'k', kind, header: 'h', ...(empty ? { empty } : {}) });
    expect(exportCell(col('money'), 1_250_050)).toBe(12_500.5);
    expect(exportCell(col('role'), 'technician')).toBe('Мастер');
    expect(exportCell(col('channel'), 'missed_call')).toBe('Пропущенный звонок');
    expect(exportCell(col('reason'), 'out_of_stock')).toBe('Нет на складе');
    expect(exportCell(col('date'), '2025-03-04')).toBe('04.03.2025');
    expect(exportCell(col('text', 'Не назначен'), null)).toBe('Не назначен');
    expect(exportCell(col('percent'), null)).toBe('');
  });

  it('only supervisors and admins see reports', () => {
    expect(canSeeReports('supervisor')).toBe(true);
    expect(canSeeReports('admin')).toBe(true);
    expect(canSeeReports('operator')).toBe(false);
    expect(canSeeReports('technician')).toBe(false);
  });
});
