// What every report query gets: the period as UTC bounds of the site's calendar days, the
// filters, and SQL fragments for the filters that apply to orders.
import { sql, type RawBuilder } from 'kysely';
import { fromWallTime, toWallTime } from '../../core/calendar.js';
import type { ReportFilters, ReportRange } from '../../core/reports.js';
import type { Db } from '../db/database.js';

export interface ReportContext {
  db: Db;
  range: ReportRange;
  /** Start of the first day, inclusive. */
  fromUtc: Date;
  /** Start of the day after the last one, exclusive. */
  toUtc: Date;
  timeZone: string;
  filters: Pick<ReportFilters, 'operatorId' | 'city' | 'pipelineId'>;
  /** The moment the report is made ("overdue" is judged against it). */
  now: Date;
}

function midnight(isoDate: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return fromWallTime({ year: y ?? 1970, month: m ?? 1, day: d ?? 1, hour: 0, minute: 0 }, timeZone);
}

export function dayAfter(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The UTC instants that bound the site's calendar days of a period. */
export function utcBounds(range: ReportRange, timeZone: string): { fromUtc: Date; toUtc: Date } {
  return { fromUtc: midnight(range.from, timeZone), toUtc: midnight(dayAfter(range.to), timeZone) };
}

/** Today's date on the site's wall clock. */
export function siteToday(now: Date, timeZone: string): string {
  const w = toWallTime(now, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** `AND …` conditions for the operator, city and pipeline filters on an alias of orders or of the stage history (same column names). */
export function orderFilterSql(ctx: ReportContext, alias = 'o'): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (ctx.filters.operatorId) parts.push(sql`AND ${sql.ref(`${alias}.operator_id`)} = ${ctx.filters.operatorId}`);
  if (ctx.filters.city) parts.push(sql`AND ${sql.ref(`${alias}.city`)} = ${ctx.filters.city}`);
  if (ctx.filters.pipelineId) parts.push(sql`AND ${sql.ref(`${alias}.pipeline_id`)} = ${ctx.filters.pipelineId}`);
  return parts.length ? sql.join(parts, sql` `) : sql``;
}

/**
 * `AND …` keeping, of an order's closing changes (alias h), the last of each kind in the period:
 * the order did not close the same way again before the period's end (migration 017).
 */
export const lastInPeriod = (ctx: ReportContext): RawBuilder<unknown> =>
  sql`AND (h.next_same_kind_at IS NULL OR h.next_same_kind_at >= ${ctx.toUtc})`;

/** `AND column = operator` when the operator filter is set (calls, callbacks, history). */
export function userFilterSql(ctx: ReportContext, column: string): RawBuilder<unknown> {
  return ctx.filters.operatorId ? sql`AND ${sql.ref(column)} = ${ctx.filters.operatorId}` : sql``;
}

/** The period's days on the daily call rollup (call_stats_daily, alias s), which counts in the site's zone. */
export function dayRangeSql(ctx: ReportContext, alias = 's'): RawBuilder<unknown> {
  return sql`${sql.ref(`${alias}.day`)} BETWEEN ${ctx.range.from}::date AND ${ctx.range.to}::date`;
}

/** Rounds a numeric SQL expression to `digits` decimals and returns it as a JS number. */
export const rounded = (expr: RawBuilder<unknown>, digits = 1): RawBuilder<number | null> =>
  sql<number | null>`round((${expr})::numeric, ${sql.lit(digits)})::float8`;
