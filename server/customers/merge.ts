// Duplicate customers (the same phone, or the same email) and their merge: one person keeps one
// card with all their orders, calls, callbacks and points; the other card becomes a tombstone so
// every client drops it on the next pull.
import { sql } from 'kysely';
import { splitDuplicateKey, type DuplicateCard, type DuplicateGroup } from '../../core/duplicates.js';
import { PultError } from '../../core/errors.js';
import type { Db, Tx } from '../db/database.js';
import { toCustomer } from '../db/mappers.js';
import { reserveVersions } from '../db/versions.js';

/** The groups with their cards side by side: who, and how many orders and calls hang on each. */
export async function findDuplicates(db: Db, limit = 200): Promise<DuplicateGroup[]> {
  const rows = await sql<{ key: string; ids: string[] }>`
    SELECT key, array_agg(id ORDER BY updated_at DESC) AS ids FROM (
      SELECT 'phone:' || phone AS key, id, updated_at FROM customers
      UNION ALL
      SELECT 'email:' || lower(email), id, updated_at FROM customers WHERE email IS NOT NULL
    ) k GROUP BY key HAVING count(DISTINCT id) > 1 ORDER BY key LIMIT ${limit}`.execute(db);
  const groups = rows.rows.map((r) => ({ key: r.key, ...splitDuplicateKey(r.key), customerIds: [...new Set(r.ids)] }));
  const ids = [...new Set(groups.flatMap((g) => g.customerIds))];
  if (ids.length === 0) return [];
  const customers = new Map((await db.selectFrom('customers').selectAll().where('id', 'in', ids).execute()).map((c) => [c.id, toCustomer(c)]));
  const countBy = async (table: 'orders' | 'calls') =>
    new Map(
      (await db.selectFrom(table).select(['customer_id', (eb) => eb.fn.countAll<string>().as('n')]).where('customer_id', 'in', ids).groupBy('customer_id').execute()).map(
        (r) => [r.customer_id, Number(r.n)],
      ),
    );
  const [orders, calls] = [await countBy('orders'), await countBy('calls')];
  return groups.map((g) => ({
    ...g,
    cards: g.customerIds.flatMap((id): DuplicateCard[] => {
      const customer = customers.get(id);
      return customer ? [{ customer, orders: orders.get(id) ?? 0, calls: calls.get(id) ?? 0 }] : [];
    }),
  }));
}

export interface MergeOutcome {
  moved: { orders: number; calls: number; callbacks: number };
}

/** Moves everything of `dropId` to `keepId`, inside the caller's transaction. */
export async function mergeCustomers(trx: Tx, keepId: string, dropId: string, now = new Date()): Promise<MergeOutcome> {
  if (keepId === dropId) throw new PultError('validation', 'A customer cannot be merged into itself', { dropId: 'same' });
  const rows = await trx.selectFrom('customers').selectAll().where('id', 'in', [keepId, dropId]).forUpdate().execute();
  const keep = rows.find((r) => r.id === keepId);
  const drop = rows.find((r) => r.id === dropId);
  if (!keep || !drop) throw new PultError('not_found', 'Customer not found');

  const orders = await trx.selectFrom('orders').select('id').where('customer_id', '=', dropId).execute();
  const calls = await trx.selectFrom('calls').select('id').where('customer_id', '=', dropId).execute();
  const callbacks = await trx.selectFrom('callbacks').select('id').where('customer_id', '=', dropId).execute();
  const referred = await trx.selectFrom('customers').select('id').where('referrer_id', '=', dropId).where('id', '!=', keepId).execute();
  const versions = await reserveVersions(trx, 2 + orders.length + calls.length + callbacks.length + referred.length);
  let next = 0;
  const v = (): number => {
    const x = versions[next++];
    if (x === undefined) throw new Error('versions not reserved');
    return x;
  };
  // Every moved row gets a new version, so clients pull it with its new customer.
  for (const o of orders) await trx.updateTable('orders').set({ customer_id: keepId, version: v(), updated_at: now }).where('id', '=', o.id).execute();
  for (const c of calls) await trx.updateTable('calls').set({ customer_id: keepId, version: v() }).where('id', '=', c.id).execute();
  for (const c of callbacks) await trx.updateTable('callbacks').set({ customer_id: keepId, version: v() }).where('id', '=', c.id).execute();
  for (const c of referred) await trx.updateTable('customers').set({ referrer_id: keepId, version: v(), updated_at: now }).where('id', '=', c.id).execute();
  await trx.updateTable('bonus_entries').set({ customer_id: keepId }).where('customer_id', '=', dropId).execute();

  // The dropped card's partner number may move to the kept one: free the unique index first.
  await trx.updateTable('customers').set({ partner_number: null }).where('id', '=', dropId).execute();
  // What staff wrote on either card is kept; the kept card's own values win.
  const notes = [keep.notes, drop.notes].filter((n) => n.trim() !== '').join('\n');
  await trx
    .updateTable('customers')
    .set({
      email: keep.email ?? drop.email,
      city: keep.city ?? drop.city,
      partner_number: keep.partner_number ?? drop.partner_number,
      referrer_id: keep.referrer_id ?? (drop.referrer_id === keepId ? null : drop.referrer_id),
      bonus_points: Number(keep.bonus_points) + Number(drop.bonus_points),
      notes,
      version: v(),
      updated_at: now,
    })
    .where('id', '=', keepId)
    .execute();
  await trx.deleteFrom('customers').where('id', '=', dropId).execute();
  await trx.insertInto('tombstones').values({ entity: 'customers', id: dropId, version: v(), deleted_at: now }).execute();
  return { moved: { orders: orders.length, calls: calls.length, callbacks: callbacks.length } };
}
