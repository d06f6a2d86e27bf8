// Sync versions. Every write transaction reserves its versions from the single counter row;
// the row lock it takes makes commits happen in version order, so a pull that has seen
// version N has seen every version below N (a bare bigserial could expose N before N-1).
import { sql } from 'kysely';
import type { Tx, Db } from './database.js';

/** Reserves `count` distinct versions; returns them ascending. */
export async function reserveVersions(trx: Tx, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const row = await trx
    .updateTable('sync_counter')
    .set({ value: sql`value + ${count}` })
    .returning('value')
    .executeTakeFirstOrThrow();
  const last = Number(row.value);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

export async function reserveVersion(trx: Tx): Promise<number> {
  const [v] = await reserveVersions(trx, 1);
  if (v === undefined) throw new Error('no version reserved');
  return v;
}

/** The latest committed version (the cursor a client reaches after pulling everything). */
export async function currentVersion(db: Db | Tx): Promise<number> {
  const row = await db.selectFrom('sync_counter').select('value').executeTakeFirstOrThrow();
  return Number(row.value);
}
