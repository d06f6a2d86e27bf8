// Claims: «Звонит Ирина». Taking one is a single atomic upsert, so when two operators open the
// same callback at the same moment exactly one of them gets it. Every take, renewal and
// release bumps the row's sync version: clients learn of it through pull and the live channel.
import { sql } from 'kysely';
import { CLAIM_TTL_MS, type ClaimableEntity } from '../../core/assignment.js';
import { PultError } from '../../core/errors.js';
import type { Db } from '../db/database.js';
import { reserveVersion } from '../db/versions.js';

export interface Claim {
  entity: ClaimableEntity;
  id: string;
  userId: string;
  holderName: string;
  expiresAt: string;
}

/** What a write did: the claim (taken or released) and the sync version to announce, if any. */
export interface ClaimWrite<T> {
  value: T;
  /** The version written, for the change notifier; null when nothing was written. */
  version: number | null;
}

/** Takes or renews the claim for `userId`; throws `claim.taken` naming who holds it. */
export async function takeClaim(db: Db, entity: ClaimableEntity, id: string, userId: string, now = new Date()): Promise<Claim> {
  return (await takeClaimVersioned(db, entity, id, userId, now)).value;
}

export async function takeClaimVersioned(db: Db, entity: ClaimableEntity, id: string, userId: string, now = new Date()): Promise<ClaimWrite<Claim>> {
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom(entity).select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw new PultError('not_found', `No ${entity} ${id}`);
    const expiresAt = new Date(now.getTime() + CLAIM_TTL_MS);
    // The version is reserved first: the counter row lock also lines racing claims up.
    const version = await reserveVersion(trx);
    const won = await sql<{ user_id: string }>`
      INSERT INTO claims (entity, entity_id, user_id, expires_at, version)
      VALUES (${entity}, ${id}, ${userId}, ${expiresAt}, ${version})
      ON CONFLICT (entity, entity_id) DO UPDATE
        SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at, version = EXCLUDED.version
        WHERE claims.expires_at <= ${now} OR claims.user_id = EXCLUDED.user_id
      RETURNING user_id`.execute(trx);
    const holder = await trx
      .selectFrom('claims')
      .innerJoin('users', 'users.id', 'claims.user_id')
      .select(['claims.user_id', 'claims.expires_at', 'users.display_name'])
      .where('claims.entity', '=', entity)
      .where('claims.entity_id', '=', id)
      .executeTakeFirstOrThrow();
    if (won.rows.length === 0) {
      throw new PultError('claim.taken', `${entity} ${id} is claimed by another user`, { holder: holder.display_name });
    }
    return {
      value: { entity, id, userId, holderName: holder.display_name, expiresAt: new Date(holder.expires_at).toISOString() },
      version,
    };
  });
}

/** Lets go of one's own claim (closing the card); someone else's claim is left alone. */
export async function releaseClaim(db: Db, entity: ClaimableEntity, id: string, userId: string, now = new Date()): Promise<ClaimWrite<boolean>> {
  return db.transaction().execute(async (trx) => {
    const mine = await trx
      .selectFrom('claims')
      .select('expires_at')
      .where('entity', '=', entity)
      .where('entity_id', '=', id)
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .forUpdate()
      .executeTakeFirst();
    if (!mine) return { value: false, version: null };
    // Kept as an expired row (not deleted): clients see the release as a change, no tombstone.
    const version = await reserveVersion(trx);
    await trx.updateTable('claims').set({ expires_at: now, version }).where('entity', '=', entity).where('entity_id', '=', id).execute();
    return { value: true, version };
  });
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
