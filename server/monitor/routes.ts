// Call monitoring (issue 7). Supervisors and admins ask for a grant to listen / whisper / barge
// on an operator's call; the operator's client has the grant checked here before its softphone
// answers the supervisor's call by itself. Clients publish their softphone address so the
// supervisor's softphone knows where to call.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PultError } from '../../core/errors.js';
import {
  MONITOR_PATHS, MonitorRequest, PublishAddressRequest, VerifyRequest, canMonitor,
  type MonitorAgent, type MonitorGrant, type VerifiedMonitor,
} from '../../core/monitor.js';
import { authenticateToken, bearerToken, type AuthContext } from '../auth/sessions.js';
import type { Db } from '../db/database.js';
import { parseInput } from '../http/errors.js';
import type { PresenceHub } from '../live/presence.js';
import { signGrant, UsedGrants, verifyGrant } from './grant.js';

export interface MonitorSettings {
  /** HMAC key of the grants; shared by every instance behind one load balancer. */
  secret: string;
  /** Site policy: the operator sees «Вас слушает супервизор». */
  notifyAgent: boolean;
}

async function requireMonitorRole(db: Db, request: FastifyRequest): Promise<AuthContext> {
  const auth = await authenticateToken(db, bearerToken(request.headers.authorization));
  if (!canMonitor(auth.user.role)) {
    request.log.info({ userId: auth.user.id, role: auth.user.role }, 'monitoring refused');
    throw new PultError('forbidden', `Call monitoring is for supervisors and administrators; your role is ${auth.user.role}`);
  }
  return auth;
}

export function registerMonitorRoutes(app: FastifyInstance, db: Db, presence: PresenceHub, settings: MonitorSettings): void {
  const used = new UsedGrants();

  app.post(MONITOR_PATHS.start, async (request): Promise<MonitorGrant> => {
    const auth = await requireMonitorRole(db, request);
    const body = parseInput(MonitorRequest, request.body);
    if (body.agentUserId === auth.user.id) throw new PultError('validation', 'You cannot monitor yourself', { agentUserId: 'monitor.self' });
    const agent = await db
      .selectFrom('users')
      .leftJoin('sip_addresses', 'sip_addresses.user_id', 'users.id')
      .select(['users.id', 'users.display_name', 'sip_addresses.sip_uri'])
      .where('users.id', '=', body.agentUserId)
      .where('users.active', '=', true)
      .executeTakeFirst();
    if (!agent) throw new PultError('not_found', 'No such active user');
    const { token, payload } = signGrant(settings.secret, { supervisorId: auth.user.id, agentId: agent.id, mode: body.mode });
    // Who monitored whom and how is worth an audit line; the grant itself is a secret.
    request.log.info({ supervisorId: auth.user.id, agentId: agent.id, mode: body.mode }, 'monitoring granted');
    return { grant: token, mode: body.mode, expiresAt: new Date(payload.exp).toISOString(), agentName: agent.display_name, agentSipUri: agent.sip_uri ?? null };
  });

  app.post(MONITOR_PATHS.verify, async (request): Promise<VerifiedMonitor> => {
    const auth = await authenticateToken(db, bearerToken(request.headers.authorization));
    const { grant } = parseInput(VerifyRequest, request.body);
    const p = verifyGrant(settings.secret, grant);
    if (p.agent !== auth.user.id) throw new PultError('forbidden', 'This monitoring grant is for another user');
    // The supervisor must still be allowed (role changed or deactivated since the grant).
    const sup = await db.selectFrom('users').select(['display_name', 'role', 'active']).where('id', '=', p.sup).executeTakeFirst();
    if (!sup?.active || !canMonitor(sup.role)) throw new PultError('forbidden', 'The supervisor may no longer monitor');
    if (!used.take(p)) throw new PultError('forbidden', 'Monitoring grant already used');
    request.log.info({ supervisorId: p.sup, agentId: p.agent, mode: p.mode }, 'monitoring verified');
    return { mode: p.mode, supervisorId: p.sup, supervisorName: sup.display_name, notifyAgent: settings.notifyAgent };
  });

  app.post(MONITOR_PATHS.address, async (request) => {
    const auth = await authenticateToken(db, bearerToken(request.headers.authorization));
    const { sipUri } = parseInput(PublishAddressRequest, request.body);
    if (sipUri === null) await db.deleteFrom('sip_addresses').where('user_id', '=', auth.user.id).execute();
    else {
      await db
        .insertInto('sip_addresses')
        .values({ user_id: auth.user.id, sip_uri: sipUri, updated_at: new Date() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ sip_uri: sipUri, updated_at: new Date() }))
        .execute();
    }
    return { ok: true as const };
  });

  app.get(MONITOR_PATHS.agents, async (request): Promise<MonitorAgent[]> => {
    const auth = await requireMonitorRole(db, request);
    const rows = await db
      .selectFrom('users')
      .leftJoin('sip_addresses', 'sip_addresses.user_id', 'users.id')
      .select(['users.id', 'users.display_name', 'users.role', 'sip_addresses.sip_uri'])
      .where('users.active', '=', true)
      .where('users.role', '!=', 'technician')
      .where('users.id', '!=', auth.user.id)
      .orderBy('users.display_name')
      .execute();
    const live = new Map(presence.snapshot().map((p) => [p.userId, p]));
    return rows.map((r) => {
      const p = live.get(r.id);
      return { userId: r.id, name: r.display_name, role: r.role, online: p?.state === 'online', onCall: p?.onCall ?? false, sipUri: r.sip_uri ?? null };
    });
  });
}
