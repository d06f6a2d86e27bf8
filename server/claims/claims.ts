// Claims: «Звонит Ирина». Taking one is a single atomic upsert, so when two operators open the
// same callback at the same moment exactly one of them gets it.
import { sql } from 'kysely';
import { CLAIM_TTL_MS, type ClaimableEntity } from '../../core/assignment.js';
import { PultError } from '../../core/errors.js';
import type { Db } from '../db/database.js';

export interface Claim {
  entity: ClaimableEntity;
  id: string;
  userId: string;
  holderName: string;
  expiresAt: string;
}

async function exists(db: Db, entity: ClaimableEntity, id: string): Promise<boolean> {
  const row = await db.selectFrom(entity).select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Takes or renews the claim for `userId`; throws `claim.taken` naming who holds it. */
export async function takeClaim(db: Db, entity: ClaimableEntity, id: string, userId: string, now = new Date()): Promise<Claim> {
  if (!(await exists(db, entity, id))) throw new PultError('not_found', `No ${entity} ${id}`);
  const expiresAt = new Date(now.getTime() + CLAIM_TTL_MS);
  const won = await sql<{ user_id: string }>`
    INSERT INTO claims (entity, entity_id, user_id, expires_at)
    VALUES (${entity}, ${id}, ${userId}, ${expiresAt})
    ON CONFLICT (entity, entity_id) DO UPDATE
      SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at
      WHERE claims.expires_at <= ${now} OR claims.user_id = EXCLUDED.user_id
    RETURNING user_id`.execute(db);
  const holder = await db
    .selectFrom('claims')
    .innerJoin('users', 'users.id', 'claims.user_id')
    .select(['claims.user_id', 'claims.expires_at', 'users.display_name'])
    .where('claims.entity', '=', entity)
    .where('claims.entity_id', '=', id)
    .executeTakeFirstOrThrow();
  if (won.rows.length === 0) {
    throw new PultError('claim.taken', `${entity} ${id} is claimed by another user`, { holder: holder.display_name });
  }
  return { entity, id, userId, holderName: holder.display_name, expiresAt: new Date(holder.expires_at).toISOString() };
}

/** Lets go of one's own claim (closing the card); someone else's claim is left alone. */
export async function releaseClaim(db: Db, entity: ClaimableEntity, id: string, userId: string): Promise<void> {
  await db.deleteFrom('claims').where('entity', '=', entity).where('entity_id', '=', id).where('user_id', '=', userId).execute();
}

/** Live claims, for every client to show who is on which customer. */
export async function activeClaims(db: Db, now = new Date()): Promise<Claim[]> {
  const rows = await db
    .selectFrom('claims')
    .innerJoin('users', 'users.id', 'claims.user_id')
    .select(['claims.entity', 'claims.entity_id', 'claims.user_id', 'claims.expires_at', 'users.display_name'])
    .where('claims.expires_at', '>', now)
    .execute();
  return rows.map((r) => ({
    entity: r.entity,
    id: r.entity_id,
    userId: r.user_id,
    holderName: r.display_name,
    expiresAt: new Date(r.expires_at).toISOString(),
  }));
}
