// Leads and orders by channel and source: the company line a call came in on (called
// number), the web form (lead source) and its UTM tags. Orders are counted by arrival in the
// period; «sold» means the order has reached a success stage since (a cohort, so channels
// compare fairly). Incoming calls are counted per line in the same rows.
import { sql } from 'kysely';
import { Channel } from '../../../core/domain.js';
import type { ReportRow } from '../../../core/reports.js';
import { dayRangeSql, orderFilterSql, userFilterSql, type ReportContext } from '../context.js';

type Row = ReportRow<'channels'>;

export async function channels(ctx: ReportContext): Promise<{ rows: Row[]; totals: Row | null }> {
  const f = orderFilterSql(ctx);
  // Sold after arriving in the period: reached a success stage since the period's start
  // (the order's last success, kept on the order by migration 017).
  const sold = sql`o.last_success_at >= ${ctx.fromUtc}`;
  // Calls carry no pipeline: with a pipeline filter only orders are counted. Incoming calls per
  // line come from the daily rollup (call-rollup.ts), except with the city filter: that is the
  // customer's city now, which the rollup does not know, so those calls are read raw.
  const callsPart = ctx.filters.pipelineId
    ? sql``
    : ctx.filters.city
      ? sql`
      UNION ALL
      SELECT 'phone', c.called_number, NULL, NULL, NULL, count(*), 0, 0, 0::bigint
      FROM calls c JOIN customers cu ON cu.id = c.customer_id AND cu.city = ${ctx.filters.city}
      WHERE c.direction = 'incoming' AND c.started_at >= ${ctx.fromUtc} AND c.started_at < ${ctx.toUtc} ${userFilterSql(ctx, 'c.user_id')}
      GROUP BY c.called_number`
      : sql`
      UNION ALL
      SELECT 'phone', s.called_number, NULL, NULL, NULL, sum(s.calls), 0, 0, 0::bigint
      FROM call_stats_daily s
      WHERE s.direction = 'incoming' AND ${dayRangeSql(ctx)} ${userFilterSql(ctx, 's.user_id')}
      GROUP BY s.called_number`;
  const { rows } = await sql<{
    channel: string | null; source: string | null; utm_source: string | null; utm_medium: string | null; utm_campaign: string | null;
    is_total: number; calls: number; leads: number; sales: number; kop: number; conversion: number | null;
  }>`
    WITH facts (channel, source, utm_source, utm_medium, utm_campaign, calls, leads, sales, kop) AS (
      SELECT o.channel, coalesce(ls.name, o.called_number), s.utm ->> 'source', s.utm ->> 'medium', s.utm ->> 'campaign',
        0, count(*), count(*) FILTER (WHERE ${sold}), coalesce(sum(o.amount_kopecks) FILTER (WHERE ${sold}), 0)
      FROM orders o
      LEFT JOIN lead_submissions s ON s.order_id = o.id
      LEFT JOIN lead_sources ls ON ls.id = s.source_id
      WHERE o.created_at >= ${ctx.fromUtc} AND o.created_at < ${ctx.toUtc} ${f}
      GROUP BY 1, 2, 3, 4, 5
      ${callsPart}
    ), grouped AS (
      SELECT channel, source, utm_source, utm_medium, utm_campaign, GROUPING(channel) AS is_total,
        coalesce(sum(calls), 0)::int AS calls, coalesce(sum(leads), 0)::int AS leads, coalesce(sum(sales), 0)::int AS sales,
        coalesce(sum(kop), 0)::float8 AS kop
      FROM facts
      GROUP BY GROUPING SETS ((channel, source, utm_source, utm_medium, utm_campaign), ())
    )
    SELECT *, CASE WHEN leads > 0 THEN round(sales * 100.0 / leads, 1)::float8 END AS conversion
    FROM grouped
    ORDER BY is_total, leads DESC, calls DESC, channel, source NULLS LAST, utm_source NULLS LAST, utm_medium NULLS LAST, utm_campaign NULLS LAST`.execute(ctx.db);
  const toRow = (r: (typeof rows)[number], total: boolean): Row => {
    const channel = Channel.safeParse(r.channel);
    return {
      channel: total || !channel.success ? null : channel.data,
      source: total ? null : r.source,
      utmSource: total ? null : r.utm_source,
      utmMedium: total ? null : r.utm_medium,
      utmCampaign: total ? null : r.utm_campaign,
      incomingCalls: r.calls,
      leads: r.leads,
      sales: r.sales,
      salesKopecks: r.kop,
      conversionPercent: r.conversion,
    };
  };
  const total = rows.find((r) => Number(r.is_total) === 1);
  return { rows: rows.filter((r) => Number(r.is_total) !== 1).map((r) => toRow(r, false)), totals: total ? toRow(total, true) : null };
}
