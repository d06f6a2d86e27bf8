// A demo duplicate, as an import from an old CRM leaves them: Михаил Иванов once more, written
// «Иванов Михаил», with an old number and the same email, and one call. The supervisor's
// «Дубли клиентов» screen has something to show. Idempotent; not part of the test seed.
import { v5 as uuidv5 } from 'uuid';
import type { Db } from '../db/database.js';
import { reserveVersions } from '../db/versions.js';
import { SEED_CUSTOMERS } from './customers.js';

const NS = '0b3f4c8e-2d7a-4f1e-9c55-7a1d2e3f4a5b';
export const DEMO_DUPLICATE_ID = uuidv5('duplicate-ivanov', NS);

export async function seedDemoDuplicates(db: Db, now = new Date()): Promise<void> {
  const original = SEED_CUSTOMERS[1];
  if (!original?.email) return;
  await db.transaction().execute(async (trx) => {
    const have = await trx.selectFrom('customers').select('id').where('id', '=', DEMO_DUPLICATE_ID).executeTakeFirst();
    const tombstone = await trx.selectFrom('tombstones').select('id').where('id', '=', DEMO_DUPLICATE_ID).executeTakeFirst();
    const originalThere = await trx.selectFrom('customers').select('id').where('id', '=', original.id).executeTakeFirst();
    // Already there, or merged away once (a demo shows the merge, it does not undo it).
    if (have || tombstone || !originalThere) return;
    const [customerVersion, callVersion] = await reserveVersions(trx, 2);
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    await trx
      .insertInto('customers')
      .values({
        id: DEMO_DUPLICATE_ID, name: 'Иванов Михаил', phone: '+79031112233', phone_raw: '8 903 111-22-33', email: original.email, city: 'Москва',
        partner_number: null, notes: 'Карточка из старой базы', updated_at: weekAgo, version: customerVersion ?? 0,
      })
      .execute();
    await trx
      .insertInto('calls')
      .values({
        id: uuidv5('duplicate-ivanov-call', NS), direction: 'incoming', outcome: 'answered', phone: '+79031112233', customer_id: DEMO_DUPLICATE_ID,
        order_id: null, user_id: null, started_at: weekAgo, duration_sec: 95, note: 'Спрашивал про бойлер', version: callVersion ?? 0,
      })
      .execute();
  });
}
