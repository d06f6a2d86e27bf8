// Bearer sessions: a random 32-byte token goes to the client once; only its SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Role, User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import type { Db } from '../db/database.js';
import { toUser } from '../db/mappers.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface AuthContext {
  user: User;
  tokenHash: string;
  expiresAt: Date;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insertInto('sessions').values({ token_hash: hashToken(token), user_id: userId, expires_at: expiresAt }).execute();
  // Opportunistic cleanup keeps the table small without a separate job.
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  return { token, expiresAt };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Extracts the token from `Authorization: Bearer …`; null when absent or malformed. */
export function bearerToken(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S{20,200})$/i.exec(header.trim()) : null;
  return m?.[1] ?? null;
}

/** Resolves a token to its user or throws a 401 PultError. */
export async function authenticateToken(db: Db, token: string | null, now = new Date()): Promise<AuthContext> {
  if (!token) throw new PultError('not_logged_in', 'Authentication required');
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.login', 'users.display_name', 'users.role', 'users.district', 'users.active', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || !row.active) throw new PultError('not_logged_in', 'Authentication required');
  if (row.expires_at.getTime() <= now.getTime()) throw new PultError('auth.session_expired', 'Session expired');
  return { user: toUser(row), tokenHash, expiresAt: row.expires_at };
}

export function requireRole(auth: AuthContext, roles: readonly Role[]): void {
  if (!roles.includes(auth.user.role)) throw new PultError('forbidden', `Role ${auth.user.role} may not do this`);
}
