// The supervisor's wallboard (issue 7): one snapshot from the CRM server, then live agent
// updates over the socket. Schemas for both sides; supervisors and admins only.
import { z } from 'zod';
import { AgentView, SupervisorSetState } from './agent-state.js';
import { Id, Timestamp } from './domain.js';

export const WALLBOARD_PATH = '/api/wallboard';
export const WALLBOARD_REASSIGN_PATH = '/api/wallboard/reassign';
/** `POST /api/agents/:id/state` — a supervisor sets an agent's state. */
export const agentStatePath = (userId: string) => `/api/agents/${encodeURIComponent(userId)}/state`;

/** An open callback with its due time (the 2-minute rule for missed calls). */
export const WallboardCallback = z.object({
  id: Id,
  phone: z.string(),
  customerName: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  dueAt: Timestamp,
  reason: z.string(),
});
export type WallboardCallback = z.infer<typeof WallboardCallback>;

/** An open order whose stage time limit (SLA) has passed. */
export const WallboardOrder = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  customerName: z.string().nullable(),
  operatorId: Id.nullable(),
  operatorName: z.string().nullable(),
  stageName: z.string(),
  slaDueAt: Timestamp,
});
export type WallboardOrder = z.infer<typeof WallboardOrder>;

/** Today's counts (the site's day, Moscow time by default). */
export const WallboardToday = z.object({
  callsIncoming: z.number().int().nonnegative(),
  callsAnswered: z.number().int().nonnegative(),
  callsMissed: z.number().int().nonnegative(),
  ordersCreated: z.number().int().nonnegative(),
  callbacksDone: z.number().int().nonnegative(),
});
export type WallboardToday = z.infer<typeof WallboardToday>;

export const WallboardSnapshot = z.object({
  /** The server's clock when read: views count time in state from here. */
  now: Timestamp,
  /** Every active operator (offline included), by name. */
  agents: z.array(AgentView),
  callbacks: z.array(WallboardCallback),
  ordersPastSla: z.array(WallboardOrder),
  today: WallboardToday,
});
export type WallboardSnapshot = z.infer<typeof WallboardSnapshot>;

export const SetAgentStateRequest = SupervisorSetState;
export type SetAgentStateRequest = z.infer<typeof SetAgentStateRequest>;

/** Gives an open order or callback to another operator, from its wallboard row. */
export const ReassignRequest = z.object({
  entity: z.enum(['orders', 'callbacks']),
  id: Id,
  userId: Id,
});
export type ReassignRequest = z.infer<typeof ReassignRequest>;
export const OkResponse = z.object({ ok: z.literal(true) });
