// The sync protocol between the client's main side and the CRM server.
// Pull: changes after a monotonic server cursor. Push: named intents (mutations) from a durable outbox.
import { z } from 'zod';
import { Call, Callback, Customer, Id, Order, Pipeline, Timestamp, User } from './domain.js';
import { ApiErrorBody } from './errors.js';

/** Every entity the client caches, in the order a first sync fills them. */
export const SyncEntity = z.enum(['users', 'pipelines', 'customers', 'orders', 'calls', 'callbacks']);
export type SyncEntity = z.infer<typeof SyncEntity>;

const upsert = <E extends SyncEntity, S extends z.ZodTypeAny>(entity: E, data: S) =>
  z.object({ entity: z.literal(entity), op: z.literal('upsert'), version: z.number().int(), data });

export const Change = z.discriminatedUnion('entity', [
  upsert('users', User),
  upsert('pipelines', Pipeline),
  upsert('customers', Customer),
  upsert('orders', Order),
  upsert('calls', Call),
  upsert('callbacks', Callback),
]);
export type Change = z.infer<typeof Change>;

export const Tombstone = z.object({
  entity: SyncEntity,
  op: z.literal('delete'),
  version: z.number().int(),
  id: z.string(),
});
export type Tombstone = z.infer<typeof Tombstone>;

export const PullRequest = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  /** Pass back as `cursor` for the next page. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  changes: z.array(z.union([Change, Tombstone])),
});
export type PullResponse = z.infer<typeof PullResponse>;

// ---- Mutations: named intents, re-run by the server with the same core rules. ----

export const ChangeStageArgs = z.object({
  orderId: Id,
  toStageId: z.string().min(1).max(64),
  /** The order version the user saw; a mismatch on the server is a visible conflict. */
  baseVersion: z.number().int().nonnegative(),
});
export type ChangeStageArgs = z.infer<typeof ChangeStageArgs>;

export const MutationBody = z.discriminatedUnion('name', [
  z.object({ name: z.literal('orders.changeStage'), args: ChangeStageArgs }),
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
export const LiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), cursor: z.number().int().nonnegative() }),
  z.object({ type: z.literal('changed'), cursor: z.number().int().nonnegative() }),
]);
export type LiveMessage = z.infer<typeof LiveMessage>;
