// Cancellations by reason and by the role of whoever closed the order as failed.
import { sql } from 'kysely';
import { Role } from '../../../core/domain.js';
import type { ReportRow } from '../../../core/reports.js';
import { orderFilterSql, type ReportContext } from '../context.js';

type Row = ReportRow<'cancellations'>;

export async function cancellations(ctx: ReportContext): Promise<{ rows: Row[]; totals: Row | null }> {
  const { rows } = await sql<{ role: string | null; reason: string | null; is_total: number; n: number; kop: number; share: number | null }>`
    WITH grouped AS (
      SELECT h.role, h.reason, GROUPING(h.role) AS is_total, count(*)::int AS n, coalesce(sum(h.amount_kopecks), 0)::float8 AS kop
      FROM order_stage_history h
      WHERE h.changed_at >= ${ctx.fromUtc} AND h.changed_at < ${ctx.toUtc} AND h.to_kind = 'failure' ${orderFilterSql(ctx, 'h')}
      GROUP BY GROUPING SETS ((h.role, h.reason), ())
    )
    SELECT *, CASE WHEN t.total > 0 THEN round(n * 100.0 / t.total, 1)::float8 END AS share
    FROM grouped CROSS JOIN (SELECT n AS total FROM grouped WHERE is_total = 1) t
    ORDER BY is_total, n DESC, role NULLS LAST, reason NULLS LAST`.execute(ctx.db);
  const toRow = (r: (typeof rows)[number], total: boolean): Row => {
    const role = Role.safeParse(r.role);
    return {
      role: total || !role.success ? null : role.data,
      reason: total ? null : r.reason,
      cancellations: r.n,
      amountKopecks: r.kop,
      sharePercent: r.share,
    };
  };
  const total = rows.find((r) => Number(r.is_total) === 1);
  return { rows: rows.filter((r) => Number(r.is_total) !== 1).map((r) => toRow(r, false)), totals: total ? toRow(total, true) : null };
}
