// Pull: every change after the cursor, across all synced tables, in version order.
// Runs in one REPEATABLE READ snapshot: the per-table queries must agree, otherwise a row
// committed between two of them could fall behind the returned cursor and be skipped.
// Scoping: every logged-in user sees every entity for now; per-role scoping (a technician
// sees only their district's orders and customers) is a later refinement.
//
// A page is cut at a version, not at a row count per table: one merged index scan finds the
// `limit`-th version after the cursor, then each table reads only its rows up to that version.
// A first sync of a million rows therefore reads each row once.
import { sql } from 'kysely';
import type { Change, PullResponse, SyncEntity, Tombstone } from '../../core/sync.js';
import type { Db, Tx } from '../db/database.js';
import { toCall, toCallback, toClaim, toCustomer, toOffer, toOrder, toOrderNote, toPipeline, toUser } from '../db/mappers.js';
import { currentVersion } from '../db/versions.js';

type Item = Change | Tombstone;

const TABLES = ['users', 'pipelines', 'offers', 'customers', 'orders', 'order_notes', 'calls', 'callbacks', 'claims', 'tombstones'] as const;

/** The highest version among the first `take` versions after `cursor`, or null when none. */
async function pageEnd(trx: Tx, cursor: number, take: number): Promise<{ end: number; rows: number } | null> {
  const parts = TABLES.map((t) => sql`(SELECT version AS v FROM ${sql.table(t)} WHERE version > ${cursor} ORDER BY version LIMIT ${take})`);
  const r = await sql<{ v: number | null; n: number }>`SELECT max(v) AS v, count(*) AS n FROM (SELECT v FROM (${sql.join(parts, sql` UNION ALL `)}) u ORDER BY v LIMIT ${take}) s`.execute(trx);
  const row = r.rows[0];
  if (!row || row.v === null) return null;
  return { end: Number(row.v), rows: Number(row.n) };
}

async function changesBetween(trx: Tx, from: number, to: number): Promise<Item[]> {
  const [users, pipelines, offers, customers, orders, notes, calls, callbacks, claims, tombstones] = await Promise.all([
    trx.selectFrom('users').select(['id', 'login', 'display_name', 'role', 'district', 'version']).where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('pipelines').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('offers').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('customers').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('orders').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('order_notes').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('calls').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('callbacks').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('claims').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
    trx.selectFrom('tombstones').selectAll().where('version', '>', from).where('version', '<=', to).execute(),
  ]);
  const v = (n: number) => Number(n);
  const items: Item[] = [];
  for (const r of users) items.push({ entity: 'users', op: 'upsert', version: v(r.version), data: toUser(r) });
  for (const r of pipelines) items.push({ entity: 'pipelines', op: 'upsert', version: v(r.version), data: toPipeline(r) });
  for (const r of offers) items.push({ entity: 'offers', op: 'upsert', version: v(r.version), data: toOffer(r) });
  for (const r of customers) items.push({ entity: 'customers', op: 'upsert', version: v(r.version), data: toCustomer(r) });
  for (const r of orders) items.push({ entity: 'orders', op: 'upsert', version: v(r.version), data: toOrder(r) });
  for (const r of notes) items.push({ entity: 'order_notes', op: 'upsert', version: v(r.version), data: toOrderNote(r) });
  for (const r of calls) items.push({ entity: 'calls', op: 'upsert', version: v(r.version), data: toCall(r) });
  for (const r of callbacks) items.push({ entity: 'callbacks', op: 'upsert', version: v(r.version), data: toCallback(r) });
  for (const r of claims) items.push({ entity: 'claims', op: 'upsert', version: v(r.version), data: toClaim(r) });
  for (const r of tombstones) items.push({ entity: r.entity as SyncEntity, op: 'delete', version: v(r.version), id: r.id });
  return items.sort((a, b) => a.version - b.version);
}

/** About how many rows a sync from scratch carries (for the client's progress bar). */
async function estimateTotal(trx: Tx): Promise<number> {
  const parts = TABLES.filter((t) => t !== 'tombstones').map((t) => sql`(SELECT count(*) FROM ${sql.table(t)})`);
  const r = await sql<{ n: number }>`SELECT (${sql.join(parts, sql` + `)}) AS n`.execute(trx);
  return Number(r.rows[0]?.n ?? 0);
}

export async function pullChanges(db: Db, cursor: number, limit: number): Promise<PullResponse> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const counter = await trx.selectFrom('sync_counter').select(['value', 'tombstone_horizon']).executeTakeFirstOrThrow();
      const latest = Number(counter.value);
      // Deletes below the horizon were forgotten: this client cannot tell what is gone.
      if (cursor > 0 && cursor < Number(counter.tombstone_horizon)) return { cursor, hasMore: false, changes: [], resync: true };
      // Up to date (the common case: a live 'hello', a periodic check): nothing to read.
      if (cursor >= latest) return { cursor, hasMore: false, changes: [] };
      const total = cursor === 0 ? { total: await estimateTotal(trx) } : {};
      const end = await pageEnd(trx, cursor, limit);
      // On the last page jump to the counter: versions reserved by rows that were later
      // rewritten no longer exist, and the client need not ask for them again.
      if (!end) return { cursor: Math.max(cursor, latest), hasMore: false, changes: [], ...total };
      const changes = await changesBetween(trx, cursor, end.end);
      const hasMore = end.rows >= limit && end.end < latest;
      return { cursor: hasMore ? end.end : Math.max(end.end, latest), hasMore, changes, ...total };
    });
}

/**
 * Forgets tombstones older than `days` and raises the horizon to the newest forgotten one.
 * Run at start and daily; the setting must exceed the longest offline period a client may have.
 */
export async function purgeTombstones(db: Db, days: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('tombstones').where('deleted_at', '<', before).returning('version').execute();
    if (gone.length === 0) return 0;
    const top = Math.max(...gone.map((g) => Number(g.version)));
    await trx.updateTable('sync_counter').set({ tombstone_horizon: sql`greatest(tombstone_horizon, ${top})` }).execute();
    return gone.length;
  });
}
