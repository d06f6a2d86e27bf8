// The pull's wire objects built by the database as JSON text: a first sync reads a million
// rows, and turning each into JS objects (driver) and back into JSON (HTTP reply) cost more
// than the queries. Each expression must produce exactly what server/db/mappers.ts produces
// for the same row (wire-json.it.test.ts compares them); the client parses every page with
// the core schemas either way.
import { sql, type RawBuilder } from 'kysely';
import type { SyncEntity } from '../../core/sync.js';

/** timestamptz → the ISO form Date#toISOString gives ("2026-01-31T09:05:00.123Z"). */
const iso = (column: string) => `to_char(r.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Per entity: the select list of its `data` over the row `r`, named and ordered as in the core
 * schema. row_to_json over a lateral subselect: half the database time of json_build_object,
 * which looks up every argument's type on every row.
 */
const DATA: Record<SyncEntity, string> = {
  users: `r.id, r.login, r.display_name AS "displayName", r.role, r.district`,
  pipelines: `r.id, r.name, r.definition->'stages' AS stages, r.definition->'transitions' AS transitions, ${iso('updated_at')} AS "updatedAt"`,
  offers: `r.id, r.sku, r.name, r.prices, r.stock, ${iso('updated_at')} AS "updatedAt"`,
  customers: `r.id, r.name, r.phone, r.phone_raw AS "phoneRaw", r.email, r.city, r.partner_number AS "partnerNumber", r.notes,
    ${iso('updated_at')} AS "updatedAt", r.referrer_id AS "referrerId", r.bonus_points AS "bonusPoints"`,
  orders: `r.id, r.number, r.customer_id AS "customerId", r.pipeline_id AS "pipelineId", r.stage_id AS "stageId",
    r.operator_id AS "operatorId", r.technician_id AS "technicianId", r.title, r.amount_kopecks AS "amountKopecks", r.city,
    r.district, r.address, r.channel, r.notes, r.failure_reason AS "failureReason", ${iso('sla_due_at')} AS "slaDueAt",
    ${iso('appointment_at')} AS "appointmentAt", r.version,
    ${iso('created_at')} AS "createdAt", ${iso('updated_at')} AS "updatedAt"`,
  order_notes: `r.id, r.order_id AS "orderId", r.author_id AS "authorId", r.text, ${iso('created_at')} AS "createdAt"`,
  calls: `r.id, r.direction, r.outcome, r.phone, r.customer_id AS "customerId", r.order_id AS "orderId", r.user_id AS "userId",
    ${iso('started_at')} AS "startedAt", r.duration_sec AS "durationSec", r.note`,
  callbacks: `r.id, r.phone, r.customer_id AS "customerId", r.assignee_id AS "assigneeId", ${iso('due_at')} AS "dueAt",
    ${iso('done_at')} AS "doneAt", r.reason`,
  claims: `r.entity, r.entity_id AS "entityId", r.user_id AS "userId", ${iso('expires_at')} AS "expiresAt"`,
};

const ENTITIES = Object.keys(DATA) as SyncEntity[];

/** `(v, j)` rows: every change with version in (from, to], as wire JSON text. */
function changeRows(from: number, to: number): RawBuilder<unknown> {
  const upserts = ENTITIES.map(
    (e) => sql`SELECT r.version AS v, ${sql.lit(`{"entity":"${e}","op":"upsert","version":`)} || r.version || ',"data":' || row_to_json(d)::text || '}' AS j
      FROM ${sql.table(e)} r CROSS JOIN LATERAL (SELECT ${sql.raw(DATA[e])}) d WHERE r.version > ${from} AND r.version <= ${to}`,
  );
  const deletes = sql`SELECT r.version AS v, row_to_json(d)::text AS j
    FROM tombstones r CROSS JOIN LATERAL (SELECT r.entity, 'delete' AS op, r.version, r.id) d WHERE r.version > ${from} AND r.version <= ${to}`;
  return sql.join([...upserts, deletes], sql` UNION ALL `);
}

/** The JSON array text of every change with version in (from, to], in version order. */
export function changesJsonBetween(from: number, to: number): RawBuilder<{ body: string }> {
  return sql<{ body: string }>`SELECT '[' || coalesce(string_agg(j, ',' ORDER BY v), '') || ']' AS body FROM (${changeRows(from, to)}) c`;
}

/** One entity's wire `data` for the given ids (claims: entity ids), to compare with the mappers in tests. */
export function entityDataJson(entity: SyncEntity, ids: readonly string[]): RawBuilder<{ id: string; data: string }> {
  const id = sql.raw(entity === 'claims' ? 'r.entity_id::text' : 'r.id::text');
  return sql<{ id: string; data: string }>`SELECT ${id} AS id, row_to_json(d)::text AS data
    FROM ${sql.table(entity)} r CROSS JOIN LATERAL (SELECT ${sql.raw(DATA[entity])}) d WHERE ${id} IN (${sql.join(ids)})`;
}
