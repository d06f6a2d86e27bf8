// Call monitoring (issue 7): a supervisor listens to, whispers to, or joins an operator's live
// call. The server authorises it with a short-lived signed grant; the supervisor's softphone
// calls the operator's softphone carrying the grant in a SIP header; the operator's client
// asks the server whether the grant is good for it and only then answers by itself.
// Pure: schemas, who may monitor, and how a PBX feature code is rendered.
import { z } from 'zod';
import { Id, Role, Timestamp } from './domain.js';
import { SipUri } from './softphone.js';

export const MonitorMode = z.enum(['listen', 'whisper', 'barge']);
export type MonitorMode = z.infer<typeof MonitorMode>;

/** Who may monitor, from the UI or the API. */
export const MONITOR_ROLES: readonly Role[] = ['supervisor', 'admin'];
export const canMonitor = (role: Role): boolean => MONITOR_ROLES.includes(role);

/** The SIP header that carries the grant on the monitoring INVITE (and in INFO on a mode change). */
export const MONITOR_HEADER = 'X-Pult-Monitor';
/** Content type of the in-dialog INFO that changes the mode (its body is a fresh grant). */
export const MONITOR_INFO_TYPE = 'application/x-pult-monitor';
/** How long a grant is good for: enough to ring through a proxy, too short to be reused later. */
export const GRANT_TTL_MS = 30_000;

export const MONITOR_PATHS = {
  start: '/api/monitor',
  verify: '/api/monitor/verify',
  address: '/api/monitor/address',
  agents: '/api/monitor/agents',
} as const;

/** A grant as sent on the wire: base64url(payload).base64url(HMAC-SHA256). */
export const GrantToken = z.string().min(20).max(1000).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'grant');

/** What the server signs. `exp` is epoch milliseconds; `n` makes every grant unique (single use). */
export const GrantPayload = z.object({
  v: z.literal(1),
  sup: Id,
  agent: Id,
  mode: MonitorMode,
  exp: z.number().int().positive(),
  n: z.string().min(8).max(64),
});
export type GrantPayload = z.infer<typeof GrantPayload>;

/** `POST /api/monitor`: the supervisor asks to monitor an operator. */
export const MonitorRequest = z.object({ agentUserId: Id, mode: MonitorMode });
export type MonitorRequest = z.infer<typeof MonitorRequest>;

export const MonitorGrant = z.object({
  grant: GrantToken,
  mode: MonitorMode,
  expiresAt: Timestamp,
  agentName: z.string(),
  /** The operator's softphone address as their client last published it; null if never. */
  agentSipUri: SipUri.nullable(),
});
export type MonitorGrant = z.infer<typeof MonitorGrant>;

/** `POST /api/monitor/verify`: the operator's client asks whether a grant is good for it. */
export const VerifyRequest = z.object({ grant: GrantToken });
export const VerifiedMonitor = z.object({
  mode: MonitorMode,
  supervisorId: Id,
  supervisorName: z.string(),
  /** Site policy (server setting MONITOR_NOTIFY_AGENT): tell the operator they are monitored. */
  notifyAgent: z.boolean(),
});
export type VerifiedMonitor = z.infer<typeof VerifiedMonitor>;

/** `PUT /api/monitor/address`: a client publishes its user's softphone address. */
export const PublishAddressRequest = z.object({ sipUri: SipUri.nullable() });

/** `GET /api/monitor/agents`: who can be monitored, with presence (this server instance's view). */
export const MonitorAgent = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  online: z.boolean(),
  onCall: z.boolean(),
  sipUri: SipUri.nullable(),
});
export type MonitorAgent = z.infer<typeof MonitorAgent>;
export const MonitorAgents = z.array(MonitorAgent);
