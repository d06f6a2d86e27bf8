// /api/claims: take, release and list claims. The people who call customers claim; everyone
// sees (through sync, or this list).
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../core/domain.js';
import { API, ClaimRequest, type ClaimResponse } from '../../core/http.js';
import { mayClaim } from '../../core/permissions.js';
import { ALL_ROLES, requireAuth } from '../auth/routes.js';
import type { Db } from '../db/database.js';
import { parseInput } from '../http/errors.js';
import type { ChangeNotifier } from '../live/notifier.js';
import { activeClaims, releaseClaim, takeClaimVersioned } from './claims.js';

export const CLAIMS_PATH = API.claims;
const CLAIMERS: readonly Role[] = ALL_ROLES.filter(mayClaim);

export function registerClaimRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier): void {
  app.post(CLAIMS_PATH, async (request): Promise<ClaimResponse> => {
    const auth = await requireAuth(db, request, CLAIMERS);
    const input = parseInput(ClaimRequest, request.body ?? {});
    const { value, version } = await takeClaimVersioned(db, input.entity, input.id, auth.user.id);
    if (version !== null) notifier.publish(version);
    return value;
  });
  app.delete(CLAIMS_PATH, async (request) => {
    const auth = await requireAuth(db, request, CLAIMERS);
    const input = parseInput(ClaimRequest, request.body ?? {});
    const { version } = await releaseClaim(db, input.entity, input.id, auth.user.id);
    if (version !== null) notifier.publish(version);
    return { ok: true as const };
  });
  app.get(CLAIMS_PATH, async (request) => {
    await requireAuth(db, request);
    return { claims: await activeClaims(db) };
  });
}
