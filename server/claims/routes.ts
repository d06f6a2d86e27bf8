// /api/claims: take, release and list claims. Operators and supervisors claim; everyone sees.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CLAIMABLE } from '../../core/assignment.js';
import { requireAuth } from '../auth/routes.js';
import type { Db } from '../db/database.js';
import { parseInput } from '../http/errors.js';
import { activeClaims, releaseClaim, takeClaim } from './claims.js';

const ClaimRequest = z.object({ entity: z.enum(CLAIMABLE), id: z.string().uuid() });
export const CLAIMS_PATH = '/api/claims';

export function registerClaimRoutes(app: FastifyInstance, db: Db): void {
  app.post(CLAIMS_PATH, async (request) => {
    const auth = await requireAuth(db, request, ['operator', 'supervisor', 'admin']);
    const input = parseInput(ClaimRequest, request.body ?? {});
    return takeClaim(db, input.entity, input.id, auth.user.id);
  });
  app.delete(CLAIMS_PATH, async (request) => {
    const auth = await requireAuth(db, request, ['operator', 'supervisor', 'admin']);
    const input = parseInput(ClaimRequest, request.body ?? {});
    await releaseClaim(db, input.entity, input.id, auth.user.id);
    return { ok: true as const };
  });
  app.get(CLAIMS_PATH, async (request) => {
    await requireAuth(db, request);
    return { claims: await activeClaims(db) };
  });
}
