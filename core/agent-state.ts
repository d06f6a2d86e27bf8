// Agent states (issue 7): what each operator is doing now, published live by their client and
// shown on the supervisor's wallboard. Pure rules, written once: the client follows them as
// its softphone changes, the server checks what clients and supervisors ask for.
import { z } from 'zod';
import { Id, Role, Timestamp } from './domain.js';

export const AgentStateKind = z.enum(['available', 'ringing', 'on_call', 'after_call', 'break', 'away', 'offline']);
export type AgentStateKind = z.infer<typeof AgentStateKind>;

/** Why an operator is on a break (a short list, chosen with one click). */
export const BreakReason = z.enum(['rest', 'lunch', 'meeting', 'training']);
export type BreakReason = z.infer<typeof BreakReason>;

/** Who the operator is talking to (or who rings): the number and, when known, the name. */
export const CallPeer = z.object({
  phone: z.string().max(64),
  name: z.string().max(200),
});
export type CallPeer = z.infer<typeof CallPeer>;

/**
 * A break or «не на месте» a supervisor chose while the operator was busy with a call: it begins
 * when the call and its after-call work are over, instead of «Свободен».
 */
export const AfterCallPlan = z.object({
  kind: z.enum(['break', 'away']),
  reason: BreakReason.nullable().optional(),
});
export type AfterCallPlan = z.infer<typeof AfterCallPlan>;

/** What a client says about its own user. `since` is stamped by the server's clock. */
export const AgentStatus = z.object({
  kind: AgentStateKind.exclude(['offline']),
  /** Set for `break`. */
  reason: BreakReason.nullable().optional(),
  /** Set for `ringing` and `on_call`. */
  peer: CallPeer.nullable().optional(),
  /** For `after_call`: when it ends by itself. */
  acwEndsAt: Timestamp.nullable().optional(),
  /** For `ringing`, `on_call` and `after_call`: what comes after, if a supervisor decided. */
  afterCall: AfterCallPlan.nullable().optional(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

/** One agent's state as the server knows it. */
export const AgentState = AgentStatus.extend({
  kind: AgentStateKind,
  /** When this state began (server clock). */
  since: Timestamp,
});
export type AgentState = z.infer<typeof AgentState>;

/** A row of the wallboard: who, and in what state since when. */
export const AgentView = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  state: AgentState,
});
export type AgentView = z.infer<typeof AgentView>;

/** States a supervisor may put an agent in (the call states follow the phone). */
export const SupervisorSetState = z.object({
  kind: z.enum(['available', 'break', 'away']),
  reason: BreakReason.nullable().optional(),
});
export type SupervisorSetState = z.infer<typeof SupervisorSetState>;

/** After-call work ends by itself after this long unless the operator ends it sooner. */
export const ACW_DEFAULT_SEC = 60;

/** Supervisors and admins watch the wallboard; everyone else gets no wallboard data. */
export function maySeeWallboard(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** Who has an agent state at all: the people who take calls. */
export function isAgentRole(role: Role): boolean {
  return role === 'operator';
}

/** New work (orders, callbacks) skips an operator on a break or away from the desk. */
export function takesNewWork(kind: AgentStateKind): boolean {
  return kind !== 'break' && kind !== 'away';
}

/**
 * Whether an agent may move themselves from one state to another by hand (the phone moves
 * them through ringing / on call / after-call work on its own). A call in progress cannot be
 * left for a break by a click; after-call work and «не на месте» end with «Готов» / «Я на месте».
 */
export function mayChangeOwnState(from: AgentStateKind, to: AgentStatus['kind']): boolean {
  if (to === 'ringing' || to === 'on_call' || to === 'after_call') return true; // phone events
  if (from === 'ringing' || from === 'on_call') return false;
  return from !== to || to === 'break'; // a break may change its reason
}

/** Busy with a call: ringing, talking, or wrapping it up. */
export const isCallWork = (kind: AgentStateKind): boolean => kind === 'ringing' || kind === 'on_call' || kind === 'after_call';

const cleanPlan = (p: AfterCallPlan): AfterCallPlan => ({ kind: p.kind, reason: p.kind === 'break' ? (p.reason ?? 'rest') : null });

/** Normalizes a status: fields that do not belong to the kind are dropped. */
export function cleanStatus(s: AgentStatus): AgentStatus {
  return {
    kind: s.kind,
    reason: s.kind === 'break' ? (s.reason ?? 'rest') : null,
    peer: s.kind === 'ringing' || s.kind === 'on_call' ? (s.peer ?? null) : null,
    acwEndsAt: s.kind === 'after_call' ? (s.acwEndsAt ?? null) : null,
    afterCall: isCallWork(s.kind) && s.afterCall ? cleanPlan(s.afterCall) : null,
  };
}

/**
 * A supervisor's choice applied to an agent's state. An operator busy with a call is not cut
 * off: a break or «не на месте» waits for the call's work to end; «Свободен» cancels that plan
 * (and ends after-call work at once).
 */
export function supervisorStatus(current: AgentStatus, wanted: SupervisorSetState): AgentStatus {
  if (!isCallWork(current.kind)) return cleanStatus(wanted);
  if (wanted.kind === 'available') return current.kind === 'after_call' ? cleanStatus({ kind: 'available' }) : cleanStatus({ ...current, afterCall: null });
  return cleanStatus({ ...current, afterCall: { kind: wanted.kind, reason: wanted.reason ?? null } });
}

/** Where an agent goes when a call's work is over: the supervisor's plan, or «Свободен». */
export function afterCallWork(status: AgentStatus): AgentStatus {
  return cleanStatus(status.afterCall ? { kind: status.afterCall.kind, reason: status.afterCall.reason ?? null } : { kind: 'available' });
}

/**
 * A change the phone brings (phoneTransition), with the supervisor's plan applied: the plan rides
 * along ringing, talking and after-call work, and takes the place of «Свободен» at the end.
 */
export function withPlan(phone: AgentStatus | null, current: AgentStatus): AgentStatus | null {
  if (!phone || !current.afterCall) return phone;
  if (isCallWork(phone.kind)) return cleanStatus({ ...phone, afterCall: current.afterCall });
  return phone.kind === 'available' ? afterCallWork(current) : phone;
}

/** The phone as the agent state sees it: the calls' states, from the softphone. */
export interface PhoneCallInfo {
  id: string;
  direction: 'incoming' | 'outgoing';
  state: 'ringing' | 'dialing' | 'active' | 'held' | 'ended';
  answered: boolean;
  /** An incoming call that rang out here (the caller gave up, or it timed out) — not declined. */
  missed: boolean;
  peer: CallPeer;
}

/**
 * The state the phone puts the agent in, given the current state and the calls now and just
 * before. `null`: the phone says nothing new (keep the current state).
 *
 * - a live call (active/held/dialing) → on call with that peer;
 * - an incoming call ringing → ringing (unless on a call: call waiting keeps «в разговоре»);
 * - an answered call ended and nothing else is live → after-call work;
 * - an incoming call rang out unanswered → «не на месте» (away).
 */
export function phoneTransition(current: AgentStateKind, calls: readonly PhoneCallInfo[], ended: readonly PhoneCallInfo[], now: Date, acwSec = ACW_DEFAULT_SEC): AgentStatus | null {
  const live = calls.find((c) => c.state === 'active' || c.state === 'held' || c.state === 'dialing');
  if (live) return current === 'on_call' ? null : { kind: 'on_call', peer: live.peer };
  const ringing = calls.find((c) => c.state === 'ringing' && c.direction === 'incoming');
  if (ringing) return current === 'ringing' ? null : { kind: 'ringing', peer: ringing.peer };
  if (ended.some((c) => c.answered)) return { kind: 'after_call', acwEndsAt: new Date(now.getTime() + acwSec * 1000).toISOString() };
  if (ended.some((c) => c.direction === 'incoming' && c.missed)) return { kind: 'away' };
  // A ring that ended otherwise (declined, or an outgoing call that failed): back where we were.
  if (current === 'ringing' || current === 'on_call') return { kind: 'available' };
  return null;
}

/** Seconds of after-call work left (0 when over), for the timer and the automatic end. */
export function acwSecondsLeft(acwEndsAt: string | null | undefined, now: Date): number {
  if (!acwEndsAt) return 0;
  return Math.max(0, Math.ceil((Date.parse(acwEndsAt) - now.getTime()) / 1000));
}
