// Time spent in each stage, and between consecutive operations (stage A → stage B), over the
// stage changes made in the period. A stay is measured when it ends: changed_at minus the
// moment the order had entered the stage (stored on the history row).
import { sql } from 'kysely';
import type { ReportRow } from '../../../core/reports.js';
import { orderFilterSql, type ReportContext } from '../context.js';

/** Stage names and positions from the pipelines' definitions. */
const STAGES = sql`(
  SELECT p.id AS pipeline_id, s.value ->> 'id' AS stage_id, s.value ->> 'name' AS stage, s.ordinality AS pos
  FROM pipelines p CROSS JOIN LATERAL jsonb_array_elements(p.definition -> 'stages') WITH ORDINALITY AS s
)`;

type GroupKey = 'stage_key' | 'move_key';

/**
 * Stage changes in the period, as (key, minutes); the filters apply to the order as it was at the
 * change. The key (a hash of the pipeline and stage ids, see migration 017) groups without text
 * comparisons, and its index gives each group's stays in order, so a whole year's medians need
 * no sort.
 */
function stays(ctx: ReportContext, key: GroupKey) {
  return sql`
    SELECT ${sql.ref(`h.${key}`)} AS k, h.stay_minutes AS minutes
    FROM order_stage_history h
    WHERE h.changed_at >= ${ctx.fromUtc} AND h.changed_at < ${ctx.toUtc} ${orderFilterSql(ctx, 'h')}`;
}

/** The ids behind a group's key: one history row of the key, by its index. */
function idsOf(key: GroupKey) {
  return sql`LEFT JOIN LATERAL (
      SELECT x.pipeline_id, x.from_stage_id, x.to_stage_id FROM order_stage_history x WHERE ${sql.ref(`x.${key}`)} = g.k LIMIT 1
    ) ids ON true`;
}

export async function stageTime(ctx: ReportContext): Promise<{ rows: ReportRow<'stage-time'>[]; totals: null }> {
  const { rows } = await sql<{ pipeline_id: string; pipeline: string | null; stage_id: string; stage: string | null; exits: number; avg: number; median: number; p90: number }>`
    WITH stays AS (${stays(ctx, 'stage_key')}),
    grouped AS (
      SELECT k, count(*)::int AS exits, avg(minutes) AS avg,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90
      FROM stays GROUP BY k
    )
    SELECT ids.pipeline_id, p.name AS pipeline, ids.from_stage_id AS stage_id, st.stage, g.exits,
      round(g.avg::numeric, 1)::float8 AS avg, round(g.median::numeric, 1)::float8 AS median, round(g.p90::numeric, 1)::float8 AS p90
    FROM grouped g
    ${idsOf('stage_key')}
    LEFT JOIN pipelines p ON p.id = ids.pipeline_id
    LEFT JOIN ${STAGES} st ON st.pipeline_id = ids.pipeline_id AND st.stage_id = ids.from_stage_id
    ORDER BY p.name NULLS LAST, ids.pipeline_id, st.pos NULLS LAST, ids.from_stage_id`.execute(ctx.db);
  return {
    rows: rows.map((r) => ({
      pipelineId: r.pipeline_id, pipeline: r.pipeline ?? r.pipeline_id, stageId: r.stage_id, stage: r.stage ?? r.stage_id,
      exits: r.exits, avgMinutes: r.avg, medianMinutes: r.median, p90Minutes: r.p90,
    })),
    totals: null,
  };
}

export async function betweenOperations(ctx: ReportContext): Promise<{ rows: ReportRow<'between-operations'>[]; totals: null }> {
  const { rows } = await sql<{
    pipeline_id: string; pipeline: string | null; from_id: string; from_name: string | null; to_id: string; to_name: string | null; n: number; avg: number; median: number;
  }>`
    WITH stays AS (${stays(ctx, 'move_key')}),
    grouped AS (
      SELECT k, count(*)::int AS n, avg(minutes) AS avg, percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median
      FROM stays GROUP BY k
    )
    SELECT ids.pipeline_id, p.name AS pipeline, ids.from_stage_id AS from_id, fs.stage AS from_name, ids.to_stage_id AS to_id, ts.stage AS to_name, g.n,
      round(g.avg::numeric, 1)::float8 AS avg, round(g.median::numeric, 1)::float8 AS median
    FROM grouped g
    ${idsOf('move_key')}
    LEFT JOIN pipelines p ON p.id = ids.pipeline_id
    LEFT JOIN ${STAGES} fs ON fs.pipeline_id = ids.pipeline_id AND fs.stage_id = ids.from_stage_id
    LEFT JOIN ${STAGES} ts ON ts.pipeline_id = ids.pipeline_id AND ts.stage_id = ids.to_stage_id
    ORDER BY p.name NULLS LAST, ids.pipeline_id, fs.pos NULLS LAST, ts.pos NULLS LAST, ids.from_stage_id, ids.to_stage_id`.execute(ctx.db);
  return {
    rows: rows.map((r) => ({
      pipelineId: r.pipeline_id, pipeline: r.pipeline ?? r.pipeline_id,
      fromStageId: r.from_id, fromStage: r.from_name ?? r.from_id, toStageId: r.to_id, toStage: r.to_name ?? r.to_id,
      transitions: r.n, avgMinutes: r.avg, medianMinutes: r.median,
    })),
    totals: null,
  };
}
