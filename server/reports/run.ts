// Runs one report: resolves the period in the site's time zone, runs its SQL, and returns the
// result in the core shape (parsed, so the server never sends what the schema does not allow).
import { PultError } from '../../core/errors.js';
import {
  PARTNER_WEEKLY, PartnerWeeklyResult, TableReportResult, previousWeek, rangeProblem, resolveRange, weekOf,
  type ReportFilters, type ReportRange, type TableReportName,
} from '../../core/reports.js';
import type { Db } from '../db/database.js';
import { workingHours } from '../robots/robots.js';
import { siteToday, utcBounds, type ReportContext } from './context.js';
import { cancellations } from './queries/cancellations.js';
import { callbacks, callsByDay, handlingTime } from './queries/calls.js';
import { channels } from './queries/channels.js';
import { partnerWeekly } from './queries/partner-weekly.js';
import { installsByTechnician, salesByOperator, salesByRegion } from './queries/sales.js';
import { betweenOperations, stageTime } from './queries/stages.js';

type Figures = { rows: unknown[]; totals: unknown };

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
  const figures = await QUERIES[name](ctx);
  return TableReportResult.parse({ report: name, range, filters: applied, timeZone, generatedAt: now.toISOString(), ...figures });
}

/** The partner report for the week containing `week` (default: last full week). */
export async function runPartnerWeekly(db: Db, week: string | undefined, now = new Date()): Promise<PartnerWeeklyResult> {
  const { timeZone } = await workingHours(db);
  const range = week ? weekOf(week) : previousWeek(siteToday(now, timeZone));
  const ctx = await context(db, range, {}, now, timeZone);
  const settings = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['company.name', 'dealer.code']).execute();
  const setting = (key: string) => settings.find((s) => s.key === key)?.value ?? '';
  const figures = await partnerWeekly(ctx);
  return PartnerWeeklyResult.parse({
    report: PARTNER_WEEKLY, range, timeZone, generatedAt: now.toISOString(),
    dealer: { name: setting('company.name'), code: setting('dealer.code') }, ...figures,
  });
}
