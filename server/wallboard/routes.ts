// The supervisor's wallboard (issue 7), supervisors and admins only (403 for everyone else):
// GET /api/wallboard — the snapshot; POST /api/agents/:id/state — set an agent's state (their
// client is told over the live socket); POST /api/wallboard/reassign — give an open order or
// callback to another operator.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { maySeeWallboard, supervisorStatus } from '../../core/agent-state.js';
import { PultError } from '../../core/errors.js';
import { ReassignRequest, SetAgentStateRequest, WALLBOARD_PATH, WALLBOARD_REASSIGN_PATH, type WallboardSnapshot } from '../../core/wallboard.js';
import { authenticateToken, bearerToken, type AuthContext } from '../auth/sessions.js';
import type { Db } from '../db/database.js';
import { reserveVersion } from '../db/versions.js';
import { parseInput } from '../http/errors.js';
import type { ChangeNotifier } from '../live/notifier.js';
import type { PresenceHub } from '../live/presence.js';
import { wallboardSnapshot } from './snapshot.js';

async function requireWallboardRole(db: Db, request: FastifyRequest): Promise<AuthContext> {
  const auth = await authenticateToken(db, bearerToken(request.headers.authorization));
  if (!maySeeWallboard(auth.user.role)) {
    request.log.info({ userId: auth.user.id, role: auth.user.role }, 'wallboard refused');
    throw new PultError('forbidden', `The wallboard is for supervisors and administrators; your role is ${auth.user.role}`);
  }
  return auth;
}

const AgentParams = z.object({ id: z.string().uuid() });

async function requireOperator(db: Db, userId: string): Promise<void> {
  const user = await db.selectFrom('users').select(['role', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user || !user.active || user.role !== 'operator') throw new PultError('not_found', 'No such operator', { userId: 'not_found' });
}

export function registerWallboardRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier, presence: PresenceHub): void {
  app.get(WALLBOARD_PATH, async (request): Promise<WallboardSnapshot> => {
    await requireWallboardRole(db, request);
    return wallboardSnapshot(db, presence);
  });

  app.post('/api/agents/:id/state', async (request) => {
    const auth = await requireWallboardRole(db, request);
    const { id } = parseInput(AgentParams, request.params);
    const body = parseInput(SetAgentStateRequest, request.body);
    await requireOperator(db, id);
    // An operator busy with a call gets the break (or «не на месте») when the call's work is over.
    const current = presence.agentState(id);
    const state = presence.setAgentState(id, current && current.kind !== 'offline' ? supervisorStatus({ ...current, kind: current.kind }, body) : body);
    if (!state) throw new PultError('conflict', 'The operator is not connected now', { userId: 'offline' });
    request.log.info({ by: auth.user.id, userId: id, state: state.kind }, 'agent state set by supervisor');
    return { ok: true as const };
  });

  app.post(WALLBOARD_REASSIGN_PATH, async (request) => {
    const auth = await requireWallboardRole(db, request);
    const body = parseInput(ReassignRequest, request.body);
    await requireOperator(db, body.userId);
    const version = await db.transaction().execute(async (trx) => {
      const v = await reserveVersion(trx);
      const changed =
        body.entity === 'orders'
          ? await trx.updateTable('orders').set({ operator_id: body.userId, version: v, updated_at: new Date() }).where('id', '=', body.id).executeTakeFirst()
          : await trx.updateTable('callbacks').set({ assignee_id: body.userId, version: v }).where('id', '=', body.id).where('done_at', 'is', null).executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) throw new PultError('not_found', body.entity === 'orders' ? 'No such order' : 'No such open callback');
      return v;
    });
    notifier.publish(version);
    request.log.info({ by: auth.user.id, entity: body.entity, id: body.id, to: body.userId }, 'reassigned from the wallboard');
    return { ok: true as const };
  });
}
