// Telephony reports: answered and missed calls per day, average handling time per employee
// (talk time of answered calls, and time from an order's arrival to its first operation), and
// how fast callbacks were made.
import { sql } from 'kysely';
import type { ReportRow } from '../../../core/reports.js';
import { dayRangeSql, userFilterSql, type ReportContext } from '../context.js';

type Split<R> = { rows: R[]; totals: R | null };
const splitTotal = <T extends { is_total: number }, R>(rows: T[], toRow: (r: T, total: boolean) => R): Split<R> => {
  const total = rows.find((r) => Number(r.is_total) === 1);
  return { rows: rows.filter((r) => Number(r.is_total) !== 1).map((r) => toRow(r, false)), totals: total ? toRow(total, true) : null };
};

export async function callsByDay(ctx: ReportContext): Promise<Split<ReportRow<'calls'>>> {
  // Unanswered incoming calls (missed, declined, failed) are what the customer experiences as missed.
  // Read from the daily rollup (call-rollup.ts), whose days are the site's: only days with calls.
  const { rows } = await sql<{ day: string | null; is_total: number; incoming: number; answered: number; missed: number; missed_pct: number | null; outgoing: number; outgoing_answered: number }>`
    WITH grouped AS (
      SELECT s.day, GROUPING(s.day) AS is_total,
        coalesce(sum(s.calls) FILTER (WHERE s.direction = 'incoming'), 0)::int AS incoming,
        coalesce(sum(s.calls) FILTER (WHERE s.direction = 'incoming' AND s.outcome = 'answered'), 0)::int AS answered,
        coalesce(sum(s.calls) FILTER (WHERE s.direction = 'incoming' AND s.outcome <> 'answered'), 0)::int AS missed,
        coalesce(sum(s.calls) FILTER (WHERE s.direction = 'outgoing'), 0)::int AS outgoing,
        coalesce(sum(s.calls) FILTER (WHERE s.direction = 'outgoing' AND s.outcome = 'answered'), 0)::int AS outgoing_answered
      FROM call_stats_daily s
      WHERE ${dayRangeSql(ctx)} ${userFilterSql(ctx, 's.user_id')}
      GROUP BY GROUPING SETS ((s.day), ())
    )
    SELECT day::text AS day, is_total, incoming, answered, missed, outgoing, outgoing_answered,
      CASE WHEN incoming > 0 THEN round(missed * 100.0 / incoming, 1)::float8 END AS missed_pct
    FROM grouped ORDER BY is_total, grouped.day`.execute(ctx.db);
  return splitTotal(rows, (r, total) => ({
    day: total ? null : r.day,
    incoming: r.incoming,
    answered: r.answered,
    missed: r.missed,
    missedPercent: r.missed_pct,
    outgoing: r.outgoing,
    outgoingAnswered: r.outgoing_answered,
  }));
}

export async function handlingTime(ctx: ReportContext): Promise<Split<ReportRow<'handling-time'>>> {
  const { rows } = await sql<{ k: string | null; is_total: number; answered: number; talk_min: number; avg_talk: number | null; first_ops: number; avg_first: number | null; name: string | null }>`
    WITH facts (k, answered, talk_sec, first_ops, first_min) AS (
      -- Answered calls and their talk time from the daily rollup (call-rollup.ts).
      SELECT s.user_id, sum(s.calls), sum(s.duration_sec), 0, 0::float8
      FROM call_stats_daily s
      WHERE ${dayRangeSql(ctx)} AND s.outcome = 'answered' AND s.user_id IS NOT NULL
        ${userFilterSql(ctx, 's.user_id')}
      GROUP BY s.user_id
      UNION ALL
      SELECT h.user_id, 0, 0, count(*), sum(h.stay_minutes)::float8
      FROM order_stage_history h
      WHERE h.changed_at >= ${ctx.fromUtc} AND h.changed_at < ${ctx.toUtc} AND h.transition_no = 1 AND h.user_id IS NOT NULL
        ${userFilterSql(ctx, 'h.user_id')}
      GROUP BY h.user_id
    ), grouped AS (
      SELECT k, GROUPING(k) AS is_total, coalesce(sum(answered), 0)::int AS answered, coalesce(sum(talk_sec), 0) AS talk_sec,
        coalesce(sum(first_ops), 0)::int AS first_ops, coalesce(sum(first_min), 0) AS first_min
      FROM facts GROUP BY GROUPING SETS ((k), ())
    )
    SELECT g.k, g.is_total, g.answered, g.first_ops, round(g.talk_sec / 60.0, 1)::float8 AS talk_min,
      CASE WHEN g.answered > 0 THEN round(g.talk_sec::numeric / g.answered, 1)::float8 END AS avg_talk,
      CASE WHEN g.first_ops > 0 THEN round((g.first_min / g.first_ops)::numeric, 1)::float8 END AS avg_first,
      u.display_name AS name
    FROM grouped g LEFT JOIN users u ON u.id = g.k
    ORDER BY g.is_total, g.answered DESC, g.first_ops DESC, name`.execute(ctx.db);
  return splitTotal(rows, (r, total) => ({
    userId: total ? null : r.k,
    user: total ? null : r.name,
    answeredCalls: r.answered,
    talkMinutes: r.talk_min,
    avgTalkSeconds: r.avg_talk,
    firstOperations: r.first_ops,
    avgFirstOperationMinutes: r.avg_first,
  }));
}

/**
 * Minutes from raising a callback to doing it (null while not done: greatest() would turn that
 * into 0); a client clock behind the server's counts as 0.
 */
const RESPONSE_MINUTES = sql`CASE WHEN b.done_at IS NOT NULL THEN greatest(date_part('epoch', b.done_at - b.created_at) / 60, 0) END`;

export async function callbacks(ctx: ReportContext): Promise<Split<ReportRow<'callbacks'>>> {
  const { rows } = await sql<{
    k: string | null; is_total: number; n: number; done: number; in_time: number; in_time_pct: number | null; avg: number | null; median: number | null; overdue: number; name: string | null;
  }>`
    WITH grouped AS (
      SELECT b.assignee_id AS k, GROUPING(b.assignee_id) AS is_total, count(*)::int AS n, count(b.done_at)::int AS done,
        count(*) FILTER (WHERE b.done_at <= b.due_at)::int AS in_time,
        avg(${RESPONSE_MINUTES}) AS avg,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${RESPONSE_MINUTES}) AS median,
        count(*) FILTER (WHERE b.done_at IS NULL AND b.due_at < ${ctx.now})::int AS overdue
      FROM callbacks b
      WHERE b.created_at >= ${ctx.fromUtc} AND b.created_at < ${ctx.toUtc} ${userFilterSql(ctx, 'b.assignee_id')}
      GROUP BY GROUPING SETS ((b.assignee_id), ())
    )
    SELECT g.k, g.is_total, g.n, g.done, g.in_time, g.overdue,
      CASE WHEN g.n > 0 THEN round(g.in_time * 100.0 / g.n, 1)::float8 END AS in_time_pct,
      round(g.avg::numeric, 1)::float8 AS avg, round(g.median::numeric, 1)::float8 AS median, u.display_name AS name
    FROM grouped g LEFT JOIN users u ON u.id = g.k
    ORDER BY g.is_total, g.n DESC, name NULLS LAST`.execute(ctx.db);
  return splitTotal(rows, (r, total) => ({
    assigneeId: total ? null : r.k,
    assignee: total ? null : r.name,
    callbacks: r.n,
    done: r.done,
    doneInTime: r.in_time,
    inTimePercent: r.in_time_pct,
    avgResponseMinutes: r.avg,
    medianResponseMinutes: r.median,
    overdueOpen: r.overdue,
  }));
}
