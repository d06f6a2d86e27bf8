// Runs one report: resolves the period in the site's time zone, runs its SQL, and returns the
// result in the core shape (parsed, so the server never sends what the schema does not allow).
import { z } from 'zod';
import { PultError } from '../../core/errors.js';
import {
  PARTNER_WEEKLY, PartnerWeeklyResult, TableReportResult, previousWeek, rangeProblem, resolveRange, weekOf,
  type ReportFilters, type ReportRange, type TableReportName,
} from '../../core/reports.js';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { workingHours } from '../robots/robots.js';
import { ensureCallRollupZone } from './call-rollup.js';
import { siteToday, utcBounds, type ReportContext } from './context.js';
import { cancellations } from './queries/cancellations.js';
import { callbacks, callsByDay, handlingTime } from './queries/calls.js';
import { channels } from './queries/channels.js';
import { partnerWeekly } from './queries/partner-weekly.js';
import { installsByTechnician, salesByOperator, salesByRegion } from './queries/sales.js';
import { betweenOperations, stageTime } from './queries/stages.js';

type Figures = { rows: unknown[]; totals: unknown };

/** The result must fit its schema; if it does not, that is our bug (a 500), not the caller's (a 400). */
function checked<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`report result does not fit its schema: ${z.prettifyError(parsed.error).slice(0, 500)}`);
  return parsed.data;
}

const QUERIES: Record<TableReportName, (ctx: ReportContext) => Promise<Figures>> = {
  'sales-by-operator': salesByOperator,
  'installs-by-technician': installsByTechnician,
  'sales-by-region': salesByRegion,
  channels,
  cancellations,
  'stage-time': stageTime,
  'between-operations': betweenOperations,
  calls: callsByDay,
  'handling-time': handlingTime,
  callbacks,
};

/** The reports that read the daily call rollup. */
const CALL_REPORTS = new Set<TableReportName>(['calls', 'handling-time', 'channels']);

/**
 * Reports run read-only with settings for one big aggregate: no JIT (compiling costs more than a
 * sub-second query gains), enough memory to hash and sort the period without spilling to disk,
 * and random reads priced as on SSD/cached data, so a period's orders are fetched by key rather
 * than by hashing the whole orders table.
 */
function inReportTransaction<T>(db: Db, run: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // set_config(…, true) is SET LOCAL; one statement, one round trip.
    await sql`SELECT set_config('transaction_read_only', 'on', true), set_config('jit', 'off', true),
      set_config('work_mem', '32MB', true), set_config('random_page_cost', '1.1', true)`.execute(trx);
    return run(trx);
  });
}

async function context(db: Db, range: ReportRange, filters: ReportContext['filters'], now: Date, timeZone: string): Promise<ReportContext> {
  const problem = rangeProblem(range);
  if (problem) {
    throw new PultError('validation', problem === 'range.order' ? 'The period ends before it starts' : 'The period is longer than a year', { to: problem });
  }
  return { db, range, ...utcBounds(range, timeZone), timeZone, filters, now };
}

function appliedFilters(filters: ReportFilters): ReportContext['filters'] {
  const out: ReportContext['filters'] = {};
  if (filters.operatorId) out.operatorId = filters.operatorId;
  if (filters.city) out.city = filters.city;
  if (filters.pipelineId) out.pipelineId = filters.pipelineId;
  return out;
}

export async function runTableReport(db: Db, name: TableReportName, filters: ReportFilters, now = new Date()): Promise<TableReportResult> {
  const { timeZone } = await workingHours(db);
  const range = resolveRange(filters, siteToday(now, timeZone));
  const applied = appliedFilters(filters);
  const ctx = await context(db, range, applied, now, timeZone);
  // Outside the read-only transaction: a changed site zone means rewriting the rollup.
  if (CALL_REPORTS.has(name)) await ensureCallRollupZone(db, timeZone);
  const figures = await inReportTransaction(db, (trx) => QUERIES[name]({ ...ctx, db: trx }));
  return checked(TableReportResult, { report: name, range, filters: applied, timeZone, generatedAt: now.toISOString(), ...figures });
}

/** The partner report for the week containing `week` (default: last full week). */
export async function runPartnerWeekly(db: Db, week: string | undefined, now = new Date()): Promise<PartnerWeeklyResult> {
  const { timeZone } = await workingHours(db);
  const range = week ? weekOf(week) : previousWeek(siteToday(now, timeZone));
  const ctx = await context(db, range, {}, now, timeZone);
  const settings = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['company.name', 'dealer.code']).execute();
  const setting = (key: string) => settings.find((s) => s.key === key)?.value ?? '';
  const figures = await inReportTransaction(db, (trx) => partnerWeekly({ ...ctx, db: trx }));
  return checked(PartnerWeeklyResult, {
    report: PARTNER_WEEKLY, range, timeZone, generatedAt: now.toISOString(),
    dealer: { name: setting('company.name'), code: setting('dealer.code') }, ...figures,
  });
}
