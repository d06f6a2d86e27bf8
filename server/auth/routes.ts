// /api/auth: login, logout, me.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Role } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { API, LoginRequest, type LoginResponse } from '../../core/http.js';
import type { Db } from '../db/database.js';
import { toUser } from '../db/mappers.js';
import { parseInput } from '../http/errors.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { authenticateToken, bearerToken, createSession, deleteSession, requireRole, type AuthContext } from './sessions.js';

export const ALL_ROLES = Role.options;

/** Authenticates the request and checks the role; throws 401/403 PultErrors. */
export async function requireAuth(db: Db, request: FastifyRequest, roles: readonly Role[] = ALL_ROLES): Promise<AuthContext> {
  const auth = await authenticateToken(db, bearerToken(request.headers.authorization));
  requireRole(auth, roles);
  return auth;
}

export function registerAuthRoutes(app: FastifyInstance, db: Db): void {
  app.post(API.login, async (request): Promise<LoginResponse> => {
    const input = parseInput(LoginRequest, request.body ?? {});
    const row = await db.selectFrom('users').selectAll().where('login', '=', input.login).executeTakeFirst();
    const ok = row && row.active ? await verifyPassword(row.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
    if (!row || !ok) {
      request.log.info('login refused');
      throw new PultError('auth.invalid_credentials', 'Wrong login or password');
    }
    const session = await createSession(db, row.id);
    request.log.info({ userId: row.id }, 'login');
    return { token: session.token, user: toUser(row), expiresAt: session.expiresAt.toISOString() };
  });

  app.post(API.logout, async (request) => {
    const auth = await requireAuth(db, request);
    await deleteSession(db, auth.tokenHash);
    return { ok: true as const };
  });

  app.get(API.me, async (request) => {
    const auth = await requireAuth(db, request);
    return { user: auth.user, expiresAt: auth.expiresAt.toISOString() };
  });
}
