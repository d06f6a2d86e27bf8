// The weekly partner report for the head office (seed 003): every customer account (name,
// phone, email, partner number) with the sum of its purchases completed in the week, the
// dealer's own retail sales apart from each sub-dealer's (sales their panels recorded).
import { sql } from 'kysely';
import type { PartnerWeeklyResult, PartnerWeeklyRow } from '../../../core/reports.js';
import { lastInPeriod, type ReportContext } from '../context.js';

interface Facts {
  subdealer: boolean | null;
  seller: string | null;
  partner_number: string | null;
  customer_id: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  level: number;
  orders: number;
  kop: number;
}

export async function partnerWeekly(ctx: ReportContext): Promise<Pick<PartnerWeeklyResult, 'rows' | 'totals' | 'missingPartnerNumbers'>> {
  // level: 0 = a customer line, 1 = a sale type's total, 3 = the week's total.
  const { rows } = await sql<Facts>`
    WITH sold AS (
      -- The amount the order was sold for (its last completion in the week).
      SELECT h.order_id, h.amount_kopecks FROM order_stage_history h
      WHERE h.changed_at >= ${ctx.fromUtc} AND h.changed_at < ${ctx.toUtc} AND h.to_kind = 'success' ${lastInPeriod(ctx)}
    ), lines AS (
      SELECT coalesce(ls.subdealer, false) AS subdealer, CASE WHEN ls.subdealer THEN ls.name END AS seller,
        cu.id AS customer_id, cu.partner_number, cu.name, cu.phone, cu.email, s.amount_kopecks
      FROM sold s
      JOIN orders o ON o.id = s.order_id
      JOIN customers cu ON cu.id = o.customer_id
      LEFT JOIN lead_submissions sub ON sub.order_id = o.id
      LEFT JOIN lead_sources ls ON ls.id = sub.source_id
    )
    SELECT subdealer, seller, partner_number, customer_id, name, phone, email,
      GROUPING(subdealer, customer_id) AS level, count(*)::int AS orders, coalesce(sum(amount_kopecks), 0)::float8 AS kop
    FROM lines
    GROUP BY GROUPING SETS ((subdealer, seller, customer_id, partner_number, name, phone, email), (subdealer), ())
    ORDER BY level, subdealer, seller NULLS FIRST, name, phone, customer_id`.execute(ctx.db);

  const lines: PartnerWeeklyRow[] = rows
    .filter((r) => Number(r.level) === 0)
    .map((r) => ({
      saleType: r.subdealer ? 'subdealer' : 'retail',
      seller: r.seller,
      partnerNumber: r.partner_number,
      customerName: r.name ?? '',
      phone: r.phone ?? '',
      email: r.email,
      orders: r.orders,
      amountKopecks: r.kop,
    }));
  const typeTotal = (subdealer: boolean) => rows.find((r) => Number(r.level) === 1 && Boolean(r.subdealer) === subdealer);
  const all = rows.find((r) => Number(r.level) === 3);
  return {
    rows: lines,
    totals: {
      retailOrders: typeTotal(false)?.orders ?? 0,
      retailKopecks: typeTotal(false)?.kop ?? 0,
      subdealerOrders: typeTotal(true)?.orders ?? 0,
      subdealerKopecks: typeTotal(true)?.kop ?? 0,
      orders: all?.orders ?? 0,
      amountKopecks: all?.kop ?? 0,
    },
    missingPartnerNumbers: lines.filter((l) => !l.partnerNumber).length,
  };
}
