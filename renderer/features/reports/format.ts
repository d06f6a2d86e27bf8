// How a report value reads on screen, in the user's language: money in roubles, codes as
// words, an empty value as what it means («Не назначен»), numbers with at most one decimal.
import type { TFunction } from 'i18next';
import type { ColumnKind, ReportColumn } from '../../../core/reports.js';
import { formatRoubles } from '../../format/money.js';

/** What an empty value of a column means, by the column's key. */
const NONE: Record<string, string> = {
  operator: 'reports.none.unassigned',
  assignee: 'reports.none.unassigned',
  city: 'reports.none.unknown',
  district: 'reports.none.unknown',
  role: 'reports.none.system',
  reason: 'reports.none.noReason',
};

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string): Intl.NumberFormat {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 });
    numberFormats.set(lang, f);
  }
  return f;
}

export function formatDay(isoDate: string, lang: string): string {
  const [y, m, d] = isoDate.split('-');
  return lang === 'en' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
}

export function cellText(t: TFunction, lang: string, column: Pick<ReportColumn, 'key' | 'kind'>, value: unknown): string {
  if (value === null || value === undefined || value === '') return t(NONE[column.key] ?? 'reports.none.dash');
  const kind: ColumnKind = column.kind;
  switch (kind) {
    case 'money':
      return formatRoubles(Number(value));
    case 'int':
    case 'percent':
    case 'minutes':
    case 'hours':
    case 'seconds':
      return numberFormat(lang).format(Number(value));
    case 'date':
      return formatDay(String(value), lang);
    case 'role':
      return t(`roles.${String(value)}`);
    case 'channel':
      return t(`channels.${String(value)}`);
    case 'reason':
      return t(`reasons.codes.${String(value)}`, { defaultValue: String(value) });
    case 'text':
      return String(value);
  }
}

export const isNumeric = (kind: ColumnKind): boolean => ['money', 'int', 'percent', 'minutes', 'hours', 'seconds'].includes(kind);
