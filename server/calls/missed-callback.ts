// A missed incoming call becomes a callback task for the operators (the pool: no assignee),
// due two minutes after the call log arrives — the "callback within 2 minutes" rule of the
// seeds. One open callback per phone: a second missed call from the same number does not
// add another task. (The full callback workflow comes with the orders work.)
import { v7 as uuidv7 } from 'uuid';
import type { LogCallArgs } from '../../core/sync.js';
import type { Tx } from '../db/database.js';
import { reserveVersion } from '../db/versions.js';

export const CALLBACK_DUE_MS = 2 * 60_000;

export async function callbackForMissedCall(trx: Tx, call: LogCallArgs, customerId: string | null, now: Date = new Date()): Promise<boolean> {
  if (call.direction !== 'incoming' || call.outcome !== 'missed' || !call.phone) return false;
  const open = await trx.selectFrom('callbacks').select('id').where('phone', '=', call.phone).where('done_at', 'is', null).executeTakeFirst();
  if (open) return false;
  const version = await reserveVersion(trx);
  await trx
    .insertInto('callbacks')
    .values({
      id: uuidv7(),
      phone: call.phone,
      customer_id: customerId,
      assignee_id: null,
      due_at: new Date(now.getTime() + CALLBACK_DUE_MS).toISOString(),
      done_at: null,
      reason: 'Пропущенный звонок',
      created_at: now,
      version,
    })
    .execute();
  return true;
}
