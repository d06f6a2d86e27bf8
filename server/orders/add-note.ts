// orders.addNote: append-only. The note's id is born on the client, so a retried or duplicated
// push inserts it at most once; notes are rows, never merged text, so concurrent notes all stay.
import type { User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import type { AddNoteArgs } from '../../core/sync.js';
import type { Tx } from '../db/database.js';
import { reserveVersion } from '../db/versions.js';

export async function addNote(trx: Tx, args: AddNoteArgs, author: User, now = new Date()): Promise<{ changed: boolean }> {
  const seen = await trx.selectFrom('order_notes').select('id').where('id', '=', args.noteId).executeTakeFirst();
  if (seen) return { changed: false };
  const order = await trx.selectFrom('orders').select('id').where('id', '=', args.orderId).executeTakeFirst();
  // The client keeps the text of a refused note and shows it to the operator.
  if (!order) throw new PultError('not_found', `Order ${args.orderId} not found`);
  const version = await reserveVersion(trx);
  await trx
    .insertInto('order_notes')
    .values({ id: args.noteId, order_id: args.orderId, author_id: author.id, text: args.text, created_at: now, version })
    .execute();
  return { changed: true };
}
