// Duplicate customers (the same phone, or the same email) and their merge: one person keeps one
// card with all their orders, calls, callbacks and points; the other card becomes a tombstone so
// every client drops it on the next pull.
import { sql } from 'kysely';
import { PultError } from '../../core/errors.js';
import type { Db, Tx } from '../db/database.js';
import { reserveVersions } from '../db/versions.js';

export interface DuplicateGroup {
  /** What the cards share: `phone:+7…` or `email:…`. */
  key: string;
  customerIds: string[];
}

export async function findDuplicates(db: Db, limit = 200): Promise<DuplicateGroup[]> {
  const rows = await sql<{ key: string; ids: string[] }>`
    SELECT key, array_agg(id ORDER BY updated_at DESC) AS ids FROM (
      SELECT 'phone:' || phone AS key, id, updated_at FROM customers
      UNION ALL
      SELECT 'email:' || lower(email), id, updated_at FROM customers WHERE email IS NOT NULL
    ) k GROUP BY key HAVING count(DISTINCT id) > 1 ORDER BY key LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({ key: r.key, customerIds: [...new Set(r.ids)] }));
}

/** Moves everything of `dropId` to `keepId`, inside the caller's transaction. */
export async function mergeCustomers(trx: Tx, keepId: string, dropId: string, now = new Date()): Promise<void> {
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
}
