// A call that connected with a number closes that number's open callbacks (core/callbacks.ts),
// in the transaction that stores the call, each with a new version so clients pull the change.
import { callbackDoneAt, callClosesCallback, connectsWith, type ConnectedCall } from '../../core/callbacks.js';
import type { Tx } from '../db/database.js';
import { reserveVersions } from '../db/versions.js';

/** Returns the ids of the callbacks it closed. */
export async function closeCallbacksForCall(trx: Tx, call: ConnectedCall): Promise<string[]> {
  const phone = connectsWith(call);
  if (!phone) return [];
  // Locked: a robot escalating the same callback waits and then sees it done.
  const open = await trx
    .selectFrom('callbacks')
    .select(['id', 'phone', 'done_at', 'created_at'])
    .where('phone', '=', phone)
    .where('done_at', 'is', null)
    .forUpdate()
    .execute();
  const closing = open.filter((cb) => callClosesCallback(call, { phone: cb.phone, doneAt: null, createdAt: cb.created_at }));
  if (closing.length === 0) return [];
  const versions = await reserveVersions(trx, closing.length);
  for (const [i, cb] of closing.entries()) {
    await trx
      .updateTable('callbacks')
      .set({ done_at: callbackDoneAt(call, cb.created_at), version: versions[i] ?? 0 })
      .where('id', '=', cb.id)
      .execute();
  }
  return closing.map((cb) => cb.id);
}
