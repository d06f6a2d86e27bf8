// Partner programme points: when an order is completed (enters a success stage) the buyer earns
// a share of its amount, and so does whoever referred the buyer. One ledger row per order and
// kind: an order completed, reopened and completed again pays once.
import { sql } from 'kysely';
import type { Tx } from '../db/database.js';
import { reserveVersion } from '../db/versions.js';

/** Settings keys (percent of the order amount in roubles, as points); defaults below. */
export const BONUS_SETTINGS = { purchase: 'bonus.purchase_percent', referral: 'bonus.referral_percent' } as const;
const DEFAULT_PERCENT = { purchase: 5, referral: 3 } as const;

async function percentOf(trx: Tx, kind: keyof typeof BONUS_SETTINGS): Promise<number> {
  const row = await trx.selectFrom('settings').select('value').where('key', '=', BONUS_SETTINGS[kind]).executeTakeFirst();
  const n = row ? Number(row.value) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : DEFAULT_PERCENT[kind];
}

async function credit(trx: Tx, orderId: string, kind: 'purchase' | 'referral', customerId: string, points: number, now: Date): Promise<void> {
  if (points <= 0) return;
  const inserted = await trx
    .insertInto('bonus_entries')
    .values({ order_id: orderId, kind, customer_id: customerId, points, created_at: now })
    .onConflict((oc) => oc.columns(['order_id', 'kind']).doNothing())
    .returning('order_id')
    .execute();
  if (inserted.length === 0) return; // paid before
  const version = await reserveVersion(trx);
  await trx
    .updateTable('customers')
    .set({ bonus_points: sql`bonus_points + ${points}`, version, updated_at: now })
    .where('id', '=', customerId)
    .execute();
}

/** Call inside the stage change's transaction once the order is in a success stage. */
export async function awardBonuses(trx: Tx, orderId: string, now: Date): Promise<void> {
  const order = await trx
    .selectFrom('orders')
    .innerJoin('customers', 'customers.id', 'orders.customer_id')
    .select(['orders.id', 'orders.amount_kopecks', 'customers.id as customer_id', 'customers.referrer_id'])
    .where('orders.id', '=', orderId)
    .executeTakeFirst();
  if (!order) return;
  const roubles = Number(order.amount_kopecks) / 100;
  await credit(trx, orderId, 'purchase', order.customer_id, Math.floor((roubles * (await percentOf(trx, 'purchase'))) / 100), now);
  if (order.referrer_id) await credit(trx, orderId, 'referral', order.referrer_id, Math.floor((roubles * (await percentOf(trx, 'referral'))) / 100), now);
}
