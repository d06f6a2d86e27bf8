import { describe, expect, it } from 'vitest';
import { REPORTS } from '../../../core/reports.js';
import { createI18n } from '../../i18n/index.js';
import en from '../../i18n/en.json';
import ru from '../../i18n/ru.json';
import { cellText } from './format.js';
import { checkForm, requestOf, type ReportForm } from './store.js';

const EMPTY: ReportForm = { from: '', to: '', week: '', operatorId: '', city: '', pipelineId: '' };
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('reports form', () => {
  it('asks only for what the report uses', () => {
    const form = { ...EMPTY, from: '2025-03-01', to: '2025-03-31', city: 'Москва', operatorId: '0193c0de-0000-7000-8100-000000000001', week: '2025-03-05' };
    expect(requestOf('sales-by-region', form)).toEqual({ from: '2025-03-01', to: '2025-03-31', city: 'Москва', operatorId: form.operatorId });
    expect(requestOf('calls', form)).toEqual({ from: '2025-03-01', to: '2025-03-31', operatorId: form.operatorId });
    expect(requestOf('partner-weekly', form)).toEqual({ week: '2025-03-05' });
  });

  it('says what is wrong with the period before asking the server', () => {
    expect(checkForm('calls', { ...EMPTY, from: '2025-03-10', to: '2025-03-01' })).toEqual({ to: 'range.order' });
    expect(checkForm('calls', { ...EMPTY, from: '2024-01-01', to: '2025-03-01' })).toEqual({ to: 'range.too_long' });
    expect(checkForm('calls', { ...EMPTY, from: '2025-02-30' })).toEqual({ from: 'date' });
    expect(checkForm('calls', { ...EMPTY, from: '2025-03-01' })).toEqual({});
    // The period of another report does not stop the partner report.
    expect(checkForm('partner-weekly', { ...EMPTY, from: '2025-03-10', to: '2025-03-01' })).toEqual({});
  });
});

describe('report values on screen', () => {
  const t = createI18n('ru').t;
  const tEn = createI18n('en').t;
  const col = (key: string, kind: Parameters<typeof cellText>[2]['kind']) => ({ key, kind });

  it('money in roubles, codes as words, empty values as what they mean', () => {
    expect(plain(cellText(t, 'ru', col('salesKopecks', 'money'), 1_250_000))).toBe('12 500 ₽');
    expect(cellText(t, 'ru', col('role', 'role'), 'technician')).toBe('Мастер');
    expect(cellText(tEn, 'en', col('reason', 'reason'), 'out_of_stock')).toBe('Out of stock');
    expect(cellText(t, 'ru', col('operator', 'text'), null)).toBe('Не назначен');
    expect(cellText(tEn, 'en', col('city', 'text'), null)).toBe('Not given');
    expect(cellText(t, 'ru', col('avgMinutes', 'minutes'), 193.3)).toBe('193,3');
    expect(cellText(t, 'ru', col('day', 'date'), '2025-03-04')).toBe('04.03.2025');
  });

  it('every report column and reason has a header in both languages', () => {
    for (const [name, def] of Object.entries(REPORTS)) {
      for (const c of def.columns) {
        expect((ru.reports.columns as Record<string, Record<string, string>>)[name]?.[c.key], `ru ${name}.${c.key}`).toBeTruthy();
        expect((en.reports.columns as Record<string, Record<string, string>>)[name]?.[c.key], `en ${name}.${c.key}`).toBeTruthy();
      }
      for (const s of def.chart.series) expect((ru.reports.series as Record<string, string>)[s], `series ${s}`).toBeTruthy();
    }
  });
});
