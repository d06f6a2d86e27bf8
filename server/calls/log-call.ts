// calls.log: a call record born on the client (softphone) with its UUIDv7 id; inserted if
// absent. A call log is never refused for a stale reference: a customer or order deleted
// meanwhile is dropped from the record, the call itself is kept. A connected call closes its
// number's open callbacks; a missed one opens a callback.
import type { User } from '../../core/domain.js';
import type { LogCallArgs } from '../../core/sync.js';
import type { Tx } from '../db/database.js';
import { reserveVersion } from '../db/versions.js';
import { closeCallbacksForCall } from './close-callbacks.js';
import { callbackForMissedCall } from './missed-callback.js';

export async function logCall(trx: Tx, args: LogCallArgs, user: User): Promise<{ changed: boolean }> {
  const seen = await trx.selectFrom('calls').select('id').where('id', '=', args.id).executeTakeFirst();
  if (seen) return { changed: false };
  const customer = args.customerId
    ? await trx.selectFrom('customers').select('id').where('id', '=', args.customerId).executeTakeFirst()
    : undefined;
  const order = args.orderId ? await trx.selectFrom('orders').select('id').where('id', '=', args.orderId).executeTakeFirst() : undefined;
  const version = await reserveVersion(trx);
  await trx
    .insertInto('calls')
    .values({
      id: args.id,
      direction: args.direction,
      outcome: args.outcome,
      phone: args.phone,
      customer_id: customer ? customer.id : null,
      order_id: order ? order.id : null,
      user_id: user.id,
      started_at: args.startedAt,
      duration_sec: args.durationSec,
      note: args.note,
      called_number: args.calledNumber ?? null,
      version,
    })
    .execute();
  await closeCallbacksForCall(trx, args);
  await callbackForMissedCall(trx, args, customer ? customer.id : null);
  return { changed: true };
}
