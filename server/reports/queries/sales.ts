// Sales per operator and per region (city): new orders in the period, orders that reached a
// success stage in the period (with their amounts) and orders closed as failed in the period.
// Installs per technician: orders completed in the period that have a technician.
import { sql, type RawBuilder } from 'kysely';
import type { ReportRow } from '../../../core/reports.js';
import { lastInPeriod, orderFilterSql, type ReportContext } from '../context.js';

interface SalesFacts {
  k: string | null;
  is_total: number;
  leads: number;
  sales: number;
  kop: number;
  avg: number | null;
  canc: number;
  name: string | null;
}

/**
 * `leadKey` groups orders (alias o) by arrival; `closedKey` groups closing changes (alias c) by
 * what the order was at the time of the change (operator, city, amount on the history row).
 */
async function salesBy(ctx: ReportContext, leadKey: RawBuilder<unknown>, closedKey: RawBuilder<unknown>, names: boolean): Promise<SalesFacts[]> {
  const { rows } = await sql<SalesFacts>`
    WITH facts AS (
      SELECT ${leadKey} AS k, count(*) AS leads, 0 AS sales, 0::bigint AS kop, 0 AS canc
      FROM orders o
      WHERE o.created_at >= ${ctx.fromUtc} AND o.created_at < ${ctx.toUtc} ${orderFilterSql(ctx, 'o')}
      GROUP BY 1
      UNION ALL
      SELECT ${closedKey}, 0, count(*) FILTER (WHERE c.to_kind = 'success'),
        coalesce(sum(c.amount_kopecks) FILTER (WHERE c.to_kind = 'success'), 0), count(*) FILTER (WHERE c.to_kind = 'failure')
      FROM (
        -- An order counts once per outcome in a period, as it was at its last such change.
        SELECT h.to_kind, h.operator_id, h.city, h.amount_kopecks
        FROM order_stage_history h
        WHERE h.changed_at >= ${ctx.fromUtc} AND h.changed_at < ${ctx.toUtc} AND h.to_kind <> 'open' ${lastInPeriod(ctx)} ${orderFilterSql(ctx, 'h')}
      ) c
      GROUP BY 1
    ), grouped AS (
      SELECT k, GROUPING(k) AS is_total, coalesce(sum(leads), 0)::int AS leads, coalesce(sum(sales), 0)::int AS sales,
        coalesce(sum(kop), 0)::float8 AS kop, coalesce(sum(canc), 0)::int AS canc
      FROM facts GROUP BY GROUPING SETS ((k), ())
    )
    SELECT g.k, g.is_total, g.leads, g.sales, g.kop, g.canc,
      CASE WHEN g.sales > 0 THEN round(g.kop::numeric / g.sales)::float8 END AS avg,
      ${names ? sql`u.display_name` : sql`NULL::text`} AS name
    FROM grouped g ${names ? sql`LEFT JOIN users u ON u.id::text = g.k` : sql``}
    ORDER BY g.is_total, g.kop DESC, g.leads DESC, name, g.k`.execute(ctx.db);
  return rows;
}

type Split<R> = { rows: R[]; totals: R | null };

function split<R>(facts: SalesFacts[], toRow: (f: SalesFacts, total: boolean) => R): Split<R> {
  const total = facts.find((f) => Number(f.is_total) === 1);
  return { rows: facts.filter((f) => Number(f.is_total) !== 1).map((f) => toRow(f, false)), totals: total ? toRow(total, true) : null };
}

export async function salesByOperator(ctx: ReportContext): Promise<Split<ReportRow<'sales-by-operator'>>> {
  const facts = await salesBy(ctx, sql`o.operator_id::text`, sql`c.operator_id::text`, true);
  return split(facts, (f, total) => ({
    operatorId: total ? null : f.k,
    operator: total ? null : f.name,
    leads: f.leads,
    sales: f.sales,
    salesKopecks: f.kop,
    averageKopecks: f.avg,
    cancellations: f.canc,
  }));
}

export async function salesByRegion(ctx: ReportContext): Promise<Split<ReportRow<'sales-by-region'>>> {
  const facts = await salesBy(ctx, sql`nullif(btrim(o.city), '')`, sql`nullif(btrim(c.city), '')`, false);
  return split(facts, (f, total) => ({
    city: total ? null : f.k,
    leads: f.leads,
    sales: f.sales,
    salesKopecks: f.kop,
    averageKopecks: f.avg,
    cancellations: f.canc,
  }));
}

export async function installsByTechnician(ctx: ReportContext): Promise<Split<ReportRow<'installs-by-technician'>>> {
  const f = orderFilterSql(ctx);
  const { rows } = await sql<{ k: string | null; is_total: number; installs: number; kop: number; hours: number | null; name: string | null; district: string | null }>`
    WITH done AS (
      -- An order counts once, as it was at its last completion in the period.
      SELECT h.technician_id, h.amount_kopecks, h.changed_at - h.order_created_at AS took
      FROM order_stage_history h
      WHERE h.changed_at >= ${ctx.fromUtc} AND h.changed_at < ${ctx.toUtc} AND h.to_kind = 'success' AND h.technician_id IS NOT NULL
        ${lastInPeriod(ctx)} ${orderFilterSql(ctx, 'h')}
    ), grouped AS (
      SELECT technician_id AS k, GROUPING(technician_id) AS is_total, count(*)::int AS installs,
        coalesce(sum(amount_kopecks), 0)::float8 AS kop, avg(date_part('epoch', took) / 3600) AS hours
      FROM done GROUP BY GROUPING SETS ((technician_id), ())
    )
    SELECT g.k, g.is_total, g.installs, g.kop, round(g.hours::numeric, 1)::float8 AS hours, u.display_name AS name, u.district
    FROM grouped g LEFT JOIN users u ON u.id = g.k
    ORDER BY g.is_total, g.installs DESC, g.kop DESC, name`.execute(ctx.db);
  const toRow = (r: (typeof rows)[number], total: boolean): ReportRow<'installs-by-technician'> => ({
    technicianId: total ? null : r.k,
    technician: total ? null : r.name,
    district: total ? null : r.district,
    installs: r.installs,
    installsKopecks: r.kop,
    averageHours: r.hours,
  });
  const total = rows.find((r) => Number(r.is_total) === 1);
  return { rows: rows.filter((r) => Number(r.is_total) !== 1).map((r) => toRow(r, false)), totals: total ? toRow(total, true) : null };
}
