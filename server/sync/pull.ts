// Pull: every change after the cursor, across all synced tables, in version order.
// Runs in one REPEATABLE READ snapshot: the per-table queries must agree, otherwise a row
// committed between two of them could fall behind the returned cursor and be skipped.
// Scoping: every logged-in user sees every entity for now; per-role scoping (a technician
// sees only their district's orders and customers) is a later refinement.
import type { Change, PullResponse, SyncEntity, Tombstone } from '../../core/sync.js';
import type { Db, Tx } from '../db/database.js';
import { toCall, toCallback, toCustomer, toOrder, toPipeline, toUser } from '../db/mappers.js';
import { currentVersion } from '../db/versions.js';

type Item = Change | Tombstone;

async function changesAfter(trx: Tx, cursor: number, take: number): Promise<Item[]> {
  const [users, pipelines, customers, orders, calls, callbacks, tombstones] = await Promise.all([
    trx.selectFrom('users').select(['id', 'login', 'display_name', 'role', 'district', 'version'])
      .where('version', '>', cursor).orderBy('version').limit(take).execute(),
    trx.selectFrom('pipelines').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
    trx.selectFrom('customers').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
    trx.selectFrom('orders').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
    trx.selectFrom('calls').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
    trx.selectFrom('callbacks').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
    trx.selectFrom('tombstones').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
  ]);
  const v = (n: number) => Number(n);
  return [
    ...users.map((r): Item => ({ entity: 'users', op: 'upsert', version: v(r.version), data: toUser(r) })),
    ...pipelines.map((r): Item => ({ entity: 'pipelines', op: 'upsert', version: v(r.version), data: toPipeline(r) })),
    ...customers.map((r): Item => ({ entity: 'customers', op: 'upsert', version: v(r.version), data: toCustomer(r) })),
    ...orders.map((r): Item => ({ entity: 'orders', op: 'upsert', version: v(r.version), data: toOrder(r) })),
    ...calls.map((r): Item => ({ entity: 'calls', op: 'upsert', version: v(r.version), data: toCall(r) })),
    ...callbacks.map((r): Item => ({ entity: 'callbacks', op: 'upsert', version: v(r.version), data: toCallback(r) })),
    ...tombstones.map((r): Item => ({ entity: r.entity as SyncEntity, op: 'delete', version: v(r.version), id: r.id })),
  ];
}

export async function pullChanges(db: Db, cursor: number, limit: number): Promise<PullResponse> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // limit + 1 per table tells exactly whether another page exists.
      const all = (await changesAfter(trx, cursor, limit + 1)).sort((a, b) => a.version - b.version);
      const changes = all.slice(0, limit);
      const hasMore = all.length > limit;
      const last = changes.at(-1);
      // On the last page jump to the counter: versions reserved by rows that were later
      // rewritten no longer exist, and the client need not ask for them again.
      const next = hasMore ? (last?.version ?? cursor) : Math.max(cursor, await currentVersion(trx));
      return { cursor: next, hasMore, changes };
    });
}
