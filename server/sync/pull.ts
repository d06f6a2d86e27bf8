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
import { PullResponse } from '../../core/sync.js';
import type { Db, Tx } from '../db/database.js';
import { changesJsonBetween } from './wire-json.js';

/** A pull page with its changes still as the JSON array text the database built. */
export interface PullPageJson {
  head: Omit<PullResponse, 'changes'>;
  changes: string;
}

const TABLES = ['users', 'pipelines', 'offers', 'customers', 'orders', 'order_notes', 'calls', 'callbacks', 'claims', 'tombstones'] as const;

/** The highest version among the first `take` versions after `cursor`, or null when none. */
async function pageEnd(trx: Tx, cursor: number, take: number): Promise<{ end: number; rows: number } | null> {
  const parts = TABLES.map((t) => sql`(SELECT version AS v FROM ${sql.table(t)} WHERE version > ${cursor} ORDER BY version LIMIT ${take})`);
  const r = await sql<{ v: number | null; n: number }>`SELECT max(v) AS v, count(*) AS n FROM (SELECT v FROM (${sql.join(parts, sql` UNION ALL `)}) u ORDER BY v LIMIT ${take}) s`.execute(trx);
  const row = r.rows[0];
  if (!row || row.v === null) return null;
  return { end: Number(row.v), rows: Number(row.n) };
}

/** About how many rows a sync from scratch carries (for the client's progress bar). */
async function estimateTotal(trx: Tx): Promise<number> {
  const parts = TABLES.filter((t) => t !== 'tombstones').map((t) => sql`(SELECT count(*) FROM ${sql.table(t)})`);
  const r = await sql<{ n: number }>`SELECT (${sql.join(parts, sql` + `)}) AS n`.execute(trx);
  return Number(r.rows[0]?.n ?? 0);
}

export interface PullOptions {
  /** The request continues a pull run (see PullRequest.continued): no horizon check. */
  continued?: boolean;
}

export async function pullPageJson(db: Db, cursor: number, limit: number, opts: PullOptions = {}): Promise<PullPageJson> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx): Promise<PullPageJson> => {
      const counter = await trx.selectFrom('sync_counter').select(['value', 'tombstone_horizon']).executeTakeFirstOrThrow();
      const latest = Number(counter.value);
      // Deletes below the horizon were forgotten: a client whose cache is that old cannot tell
      // what is gone. Pages of a run in progress were read minutes ago, long after any purged
      // delete (purges keep weeks), so only a run's first request is checked.
      if (!opts.continued && cursor > 0 && cursor < Number(counter.tombstone_horizon)) return { head: { cursor, hasMore: false, resync: true }, changes: '[]' };
      // Up to date (the common case: a live 'hello', a periodic check): nothing to read.
      if (cursor >= latest) return { head: { cursor, hasMore: false }, changes: '[]' };
      const total = cursor === 0 ? { total: await estimateTotal(trx) } : {};
      const end = await pageEnd(trx, cursor, limit);
      // On the last page jump to the counter: versions reserved by rows that were later
      // rewritten no longer exist, and the client need not ask for them again.
      if (!end) return { head: { cursor: Math.max(cursor, latest), hasMore: false, ...total }, changes: '[]' };
      const body = (await changesJsonBetween(cursor, end.end).execute(trx)).rows[0]?.body ?? '[]';
      const hasMore = end.rows >= limit && end.end < latest;
      return { head: { cursor: hasMore ? end.end : Math.max(end.end, latest), hasMore, ...total }, changes: body };
    });
}

/** The page as the HTTP body: the head's fields, then the changes text spliced in unparsed. */
export function pullPageBody(page: PullPageJson): string {
  return `${JSON.stringify(page.head).slice(0, -1)},"changes":${page.changes}}`;
}

/** The same page as objects (the live feed, tests), checked against the wire schema. */
export async function pullChanges(db: Db, cursor: number, limit: number, opts: PullOptions = {}): Promise<PullResponse> {
  return PullResponse.parse(JSON.parse(pullPageBody(await pullPageJson(db, cursor, limit, opts))));
}

/**
 * Forgets tombstones older than `days` and raises the horizon to the newest forgotten one; a
 * client whose cursor is below it is told to rebuild (`resync`). Runs at start and daily
 * (tombstone-purge.ts); `days` must exceed the longest offline period a client may have.
 */
export async function purgeTombstones(db: Db, days: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000);
  return db.transaction().execute(async (trx) => {
    // Counted in the database: a year of deletes can be more rows than a JS argument list holds.
    const r = await sql<{ n: number; top: number | null }>`WITH gone AS (DELETE FROM tombstones WHERE deleted_at < ${before} RETURNING version)
      SELECT count(*)::int AS n, max(version) AS top FROM gone`.execute(trx);
    const { n = 0, top = null } = r.rows[0] ?? {};
    if (n === 0 || top === null) return 0;
    await trx.updateTable('sync_counter').set({ tombstone_horizon: sql`greatest(tombstone_horizon, ${Number(top)})` }).execute();
    return Number(n);
  });
}
