// GET /api/reports — what the filters offer; GET /api/reports/:name — one report as JSON,
// `?format=csv` or `?format=xlsx`. Supervisors and admins only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { PultError } from '../../core/errors.js';
import {
  CSV_MIME, PARTNER_WEEKLY, REPORTS_PATH, ReportName, ReportQuery, TableReportName, XLSX_MIME, canSeeReports, reportFileName,
  type ReportOptions, type ReportRange,
} from '../../core/reports.js';
import { authenticateToken, bearerToken } from '../auth/sessions.js';
import type { Db } from '../db/database.js';
import { workingHours } from '../robots/robots.js';
import { siteToday } from './context.js';
import { partnerCsv, partnerXlsx } from './export-partner-weekly.js';
import { tableCsv, tableXlsx, type FilterLabels } from './export-table.js';
import { runPartnerWeekly, runTableReport } from './run.js';

async function requireReportRole(db: Db, request: FastifyRequest): Promise<void> {
  const auth = await authenticateToken(db, bearerToken(request.headers.authorization));
  if (!canSeeReports(auth.user.role)) {
    request.log.info({ userId: auth.user.id, role: auth.user.role }, 'reports refused');
    throw new PultError('forbidden', `Reports are for supervisors and administrators; your role is ${auth.user.role}`);
  }
}

/** Field → problem code; a range problem keeps its own code (range.order, range.too_long). */
function parseQuery(query: unknown): ReportQuery {
  const parsed = ReportQuery.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues as z.core.$ZodIssue[]) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.code === 'custom' ? issue.message : issue.code;
  }
  const first = Object.keys(fields)[0] ?? '_';
  throw new PultError('validation', `Invalid report parameter: ${first}`, fields);
}

async function filterLabels(db: Db, q: ReportQuery): Promise<FilterLabels> {
  const labels: FilterLabels = {};
  if (q.operatorId) labels.operator = (await db.selectFrom('users').select('display_name').where('id', '=', q.operatorId).executeTakeFirst())?.display_name ?? q.operatorId;
  if (q.city) labels.city = q.city;
  if (q.pipelineId) labels.pipeline = (await db.selectFrom('pipelines').select('name').where('id', '=', q.pipelineId).executeTakeFirst())?.name ?? q.pipelineId;
  return labels;
}

function sendFile(reply: FastifyReply, name: ReportName, range: ReportRange, format: 'csv' | 'xlsx', body: Buffer): FastifyReply {
  return reply
    .header('content-type', format === 'csv' ? CSV_MIME : XLSX_MIME)
    .header('content-disposition', `attachment; filename="${reportFileName(name, range, format)}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export function registerReportRoutes(app: FastifyInstance, db: Db): void {
  app.get(REPORTS_PATH, async (request): Promise<ReportOptions> => {
    await requireReportRole(db, request);
    const [users, cities, pipelines, hours] = await Promise.all([
      db.selectFrom('users').select(['id', 'display_name', 'role']).where('active', '=', true).where('role', 'in', ['operator', 'technician']).orderBy('display_name').execute(),
      db.selectFrom('orders').select('city').distinct().where('city', 'is not', null).orderBy('city').limit(500).execute(),
      db.selectFrom('pipelines').select(['id', 'name']).orderBy('name').execute(),
      workingHours(db),
    ]);
    return {
      reports: ReportName.options,
      operators: users.map((u) => ({ id: u.id, name: u.display_name, role: u.role })),
      cities: cities.map((c) => c.city).filter((c): c is string => typeof c === 'string' && c.trim() !== ''),
      pipelines,
      timeZone: hours.timeZone,
      today: siteToday(new Date(), hours.timeZone),
    };
  });

  app.get<{ Params: { name: string } }>(`${REPORTS_PATH}/:name`, async (request, reply) => {
    await requireReportRole(db, request);
    const name = ReportName.safeParse(request.params.name);
    if (!name.success) throw new PultError('not_found', `No report ${request.params.name.slice(0, 64)}; reports: ${ReportName.options.join(', ')}`);
    const q = parseQuery(request.query);
    const started = performance.now();
    if (name.data === PARTNER_WEEKLY) {
      const result = await runPartnerWeekly(db, q.week ?? q.from);
      request.log.info({ report: name.data, rows: result.rows.length, ms: Math.round(performance.now() - started) }, 'report');
      if (q.format === 'json') return result;
      return sendFile(reply, name.data, result.range, q.format, q.format === 'csv' ? partnerCsv(result) : await partnerXlsx(result));
    }
    const result = await runTableReport(db, TableReportName.parse(name.data), q);
    request.log.info({ report: name.data, rows: result.rows.length, ms: Math.round(performance.now() - started) }, 'report');
    if (q.format === 'json') return result;
    const body = q.format === 'csv' ? tableCsv(result) : await tableXlsx(result, await filterLabels(db, q));
    return sendFile(reply, name.data, result.range, q.format, body);
  });
}
