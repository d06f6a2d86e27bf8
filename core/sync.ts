// The sync protocol between the client's main side and the CRM server.
// Pull: changes after a monotonic server cursor. Push: named intents (mutations) from a durable outbox.
import { z } from 'zod';
import { Call, Callback, Claim, Customer, E164, Id, Offer, Order, OrderNote, Pipeline, Timestamp, User } from './domain.js';
import { ApiErrorBody } from './errors.js';
import { AgentState, AgentStatus, AgentView } from './agent-state.js';
import { compileCheck } from './fast-check.js';

/** Every entity the client caches, in the order a first sync fills them. */
export const SyncEntity = z.enum(['users', 'pipelines', 'offers', 'customers', 'orders', 'order_notes', 'calls', 'callbacks', 'claims']);
export type SyncEntity = z.infer<typeof SyncEntity>;

const upsert = <E extends SyncEntity, S extends z.ZodTypeAny>(entity: E, data: S) =>
  z.object({ entity: z.literal(entity), op: z.literal('upsert'), version: z.number().int(), data });

export const Change = z.discriminatedUnion('entity', [
  upsert('users', User),
  upsert('pipelines', Pipeline),
  upsert('offers', Offer),
  upsert('customers', Customer),
  upsert('orders', Order),
  upsert('order_notes', OrderNote),
  upsert('calls', Call),
  upsert('callbacks', Callback),
  upsert('claims', Claim),
]);
export type Change = z.infer<typeof Change>;

export const Tombstone = z.object({
  entity: SyncEntity,
  op: z.literal('delete'),
  version: z.number().int(),
  id: z.string(),
});
export type Tombstone = z.infer<typeof Tombstone>;

/** One pulled change: an upsert or a tombstone. */
export const PullChange = z.union([Change, Tombstone]);
export type PullChange = z.infer<typeof PullChange>;

export const PullRequest = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
  /**
   * '1' when this request continues a pull the client is running (it just got the previous
   * page): only the first request of a run is checked against the tombstone horizon, or a sync
   * from scratch would be told to start again at its second page once any tombstone was purged.
   */
  continued: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
});
export type PullRequest = z.output<typeof PullRequest>;

export const PullResponse = z.object({
  /** Pass back as `cursor` for the next page. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  changes: z.array(PullChange),
  /** First page of a first sync (cursor 0): about how many rows the whole sync carries. */
  total: z.number().int().nonnegative().optional(),
  /**
   * The cursor is older than the tombstone horizon: deletes may have been forgotten. The client
   * pushes its outbox, then rebuilds its cache from cursor 0 (keeping its outbox rows).
   */
  resync: z.literal(true).optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * The page's cursor and hasMore, also sent as response headers: they arrive before the body,
 * so the client asks for the next page while this one is still read, parsed and written.
 */
export const PULL_HEAD_HEADERS = { cursor: 'x-pult-cursor', hasMore: 'x-pult-has-more' } as const;
export const PullHead = z.object({
  cursor: z.coerce.number().int().nonnegative(),
  hasMore: z.enum(['true', 'false']).transform((v) => v === 'true'),
});
export type PullHead = z.output<typeof PullHead>;

const isPullChange = compileCheck(PullChange);

/**
 * PullResponse for pages of thousands of rows: the envelope through zod, each change through the
 * check compiled from the same schema (the same verdict, without zod's copy), and through zod
 * itself only when the check says no — zod then rejects it with its message, or cleans it.
 */
export const PullPage = PullResponse.extend({ changes: z.array(z.unknown()) }).transform((page, ctx): PullResponse => {
  const changes: PullChange[] = new Array<PullChange>(page.changes.length);
  for (let i = 0; i < page.changes.length; i++) {
    const c = page.changes[i];
    if (isPullChange(c)) {
      changes[i] = c;
      continue;
    }
    const r = PullChange.safeParse(c);
    if (!r.success) {
      ctx.addIssue({ code: 'custom', message: r.error.message, path: ['changes', i] });
      return z.NEVER;
    }
    changes[i] = r.data;
  }
  return { ...page, changes };
});

// ---- Mutations: named intents, re-run by the server with the same core rules. ----

export const ChangeStageArgs = z.object({
  orderId: Id,
  toStageId: z.string().min(1).max(64),
  /** The order version the user saw; a mismatch on the server is a visible conflict. */
  baseVersion: z.number().int().nonnegative(),
  /**
   * The stage the user saw the order in (with their own earlier pending changes applied). When
   * given, the change conflicts only if the order is no longer in that stage, so changes made one
   * after another on one device — offline too («Принят в работу», then «Выполнен») — go through
   * in order, while a stage someone else moved meanwhile is still a conflict.
   */
  fromStageId: z.string().min(1).max(64).optional(),
  /** A move to a failure stage needs a reason code from the acting role's list (core/reasons.ts). */
  reason: z.string().min(1).max(64).nullable().optional(),
});
export type ChangeStageArgs = z.infer<typeof ChangeStageArgs>;

export const AddNoteArgs = z.object({
  /** UUIDv7 born on the client: the note's id, so a retried push inserts it once. */
  noteId: Id,
  orderId: Id,
  text: z.string().trim().min(1).max(10_000),
});
export type AddNoteArgs = z.infer<typeof AddNoteArgs>;

/** Sets, moves (a new time) or clears (null) an order's appointment; last writer wins. */
export const SetAppointmentArgs = z.object({
  orderId: Id,
  appointmentAt: Timestamp.nullable(),
});
export type SetAppointmentArgs = z.infer<typeof SetAppointmentArgs>;

/** A call record born on the client (softphone); the server inserts it if absent. */
export const LogCallArgs = Call.omit({ userId: true }).extend({
  /** The company line the customer dialled (incoming calls), for the by-channel report. */
  calledNumber: E164.nullish(),
});
export type LogCallArgs = z.infer<typeof LogCallArgs>;

/** A new customer's request taken on the phone: the screen pop's form for an unknown number. */
export const CallLeadArgs = z.object({
  /** UUIDv7 born on the client: the new order's id, so a retried push creates one order. */
  orderId: Id,
  name: z.string().trim().max(200).refine((s) => !/[<>]/.test(s), 'markup'),
  phone: z.string().trim().min(1).max(64),
  request: z.string().trim().max(2000),
  /** The line the customer called (DID), when the PBX told us: the lead's channel. */
  line: z.string().trim().max(64).nullable(),
});
export type CallLeadArgs = z.infer<typeof CallLeadArgs>;

export const MutationBody = z.discriminatedUnion('name', [
  z.object({ name: z.literal('orders.changeStage'), args: ChangeStageArgs }),
  z.object({ name: z.literal('orders.addNote'), args: AddNoteArgs }),
  z.object({ name: z.literal('orders.setAppointment'), args: SetAppointmentArgs }),
  z.object({ name: z.literal('calls.log'), args: LogCallArgs }),
  z.object({ name: z.literal('leads.fromCall'), args: CallLeadArgs }),
]);
export type MutationBody = z.infer<typeof MutationBody>;

export const Mutation = z.intersection(
  z.object({
    /** UUIDv7 born on the client. */
    id: Id,
    /** Per-device sequence, starting at 1, without gaps. */
    seq: z.number().int().positive(),
    createdAt: Timestamp,
  }),
  MutationBody,
);
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: Id,
  mutations: z.array(z.unknown()).max(500),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.object({
  id: z.string(),
  seq: z.number().int(),
  status: z.enum(['applied', 'rejected', 'retry']),
  error: ApiErrorBody.optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  results: z.array(MutationResult),
  /** The server cursor after applying; the client pulls up to it. */
  cursor: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** Messages the server sends on the live WebSocket. */
export const Presence = z.object({
  userId: Id,
  state: z.enum(['online', 'offline']),
  onCall: z.boolean(),
});
export type Presence = z.infer<typeof Presence>;

export const LiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), cursor: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('changed'),
    cursor: z.number().int().nonnegative(),
    /**
     * When set, `changes` are exactly the changes after `from` up to `cursor`: a client whose
     * cursor is `from` applies them without a pull (one query on the server for all clients).
     */
    from: z.number().int().nonnegative().optional(),
    changes: z.array(z.union([Change, Tombstone])).optional(),
  }),
  /** Who is online and who is on a call; sent for everyone on connect, then on every change. */
  z.object({ type: z.literal('presence'), presence: Presence }),
  /** An agent's state changed (supervisors' and admins' sockets only: wallboard data). */
  z.object({ type: z.literal('agent'), agent: AgentView }),
  /** A supervisor set this user's state: the client shows it and carries on from there. */
  z.object({ type: z.literal('agent.self'), state: AgentState }),
]);
export type LiveMessage = z.infer<typeof LiveMessage>;

/** Messages a client sends on the live WebSocket. */
export const ClientLiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('presence.set'), onCall: z.boolean() }),
  /** The user's own agent state as their phone and clicks make it (the server stamps the time). */
  z.object({ type: z.literal('agent.state'), status: AgentStatus }),
]);
export type ClientLiveMessage = z.infer<typeof ClientLiveMessage>;

/** The entity id a mutation acts on (the optimistic view and the outbox index use it). */
export function mutationTarget(body: MutationBody): string {
  switch (body.name) {
    case 'orders.changeStage':
    case 'orders.addNote':
    case 'orders.setAppointment':
      return body.args.orderId;
    case 'calls.log':
      return body.args.id;
    case 'leads.fromCall':
      return body.args.orderId;
  }
}
