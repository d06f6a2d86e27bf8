// Domain types shared by client and server. Schemas first; types are inferred from them.
import { z } from 'zod';
import { CLAIMABLE } from './assignment.js';

export const Id = z.string().uuid();
export type Id = z.infer<typeof Id>;

/** ISO-8601 UTC timestamp as stored and sent over the wire. */
export const Timestamp = z.string().datetime({ offset: true });

export const Role = z.enum(['operator', 'technician', 'admin', 'supervisor']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Id,
  login: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  role: Role,
  /** Technicians work by district; null for office staff. */
  district: z.string().max(100).nullable(),
});
export type User = z.infer<typeof User>;

/** A phone number normalized to E.164, e.g. +79123456789. */
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'phone must be E.164');
export type E164 = z.infer<typeof E164>;

export const Customer = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  phone: E164,
  /** The phone as it was written when it arrived, kept for the record. */
  phoneRaw: z.string().max(64),
  email: z.string().email().max(200).nullable(),
  city: z.string().max(100).nullable(),
  partnerNumber: z.string().max(32).nullable(),
  notes: z.string().max(10_000),
  updatedAt: Timestamp,
  /** Who brought this customer (partner programme); absent in caches pulled before it existed. */
  referrerId: Id.nullable().optional(),
  /** Bonus points earned on completed orders, own and referred. */
  bonusPoints: z.number().int().nonnegative().optional(),
});
export type Customer = z.infer<typeof Customer>;

/**
 * What happens when an order enters a stage, set by the admin in the pipeline editor and run by
 * the server in the same transaction as the stage change. `assignTo`: the order's own operator,
 * or the least busy active user of a role.
 */
export const StageEntryAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send_template'), templateId: z.string().max(64), channel: z.enum(['email', 'sms']) }),
  z.object({
    kind: z.literal('create_task'),
    title: z.string().max(200),
    dueInMinutes: z.number().int(),
    assignTo: z.enum(['order_operator', 'role:operator', 'role:technician', 'role:admin', 'role:supervisor']),
  }),
  z.object({
    kind: z.literal('schedule_reminder'),
    templateId: z.string().max(64),
    /** Before the end of the stage's time (its SLA): 19:00 the evening before, or `hours` before. */
    when: z.enum(['day_before_19', 'hours_before']),
    hours: z.number().int().optional(),
  }),
]);
export type StageEntryAction = z.infer<typeof StageEntryAction>;

export const PipelineStage = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** The role that works orders in this stage. */
  role: Role,
  kind: z.enum(['open', 'success', 'failure']),
  /** Minutes an order may stay untouched in this stage; null = no SLA. */
  slaMinutes: z.number().int().positive().nullable(),
  /** Run by the server when an order enters the stage; absent in caches pulled before the editor. */
  entryActions: z.array(StageEntryAction).max(20).optional(),
});
export type PipelineStage = z.infer<typeof PipelineStage>;

export const PipelineTransition = z.object({
  from: z.string(),
  to: z.string(),
  roles: z.array(Role).min(1),
});
export type PipelineTransition = z.infer<typeof PipelineTransition>;

export const Pipeline = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  stages: z.array(PipelineStage).min(1),
  transitions: z.array(PipelineTransition),
  updatedAt: Timestamp,
});
export type Pipeline = z.infer<typeof Pipeline>;

export const Channel = z.enum(['phone', 'web', 'email', 'chat', 'missed_call', 'walk_in']);
export type Channel = z.infer<typeof Channel>;

export const Order = z.object({
  id: Id,
  number: z.string().min(1).max(32),
  customerId: Id,
  pipelineId: z.string(),
  stageId: z.string(),
  operatorId: Id.nullable(),
  technicianId: Id.nullable(),
  title: z.string().max(500),
  amountKopecks: z.number().int().nonnegative(),
  city: z.string().max(100).nullable(),
  /** The district it is served in; technicians are assigned by it. Absent from older caches. */
  district: z.string().max(100).nullable().optional(),
  address: z.string().max(500).nullable(),
  channel: Channel,
  notes: z.string().max(10_000),
  /**
   * Why the order was closed as failed (a reason code from core/reasons.ts); null otherwise.
   * Absent from rows cached before the field existed.
   */
  failureReason: z.string().max(64).nullable().optional(),
  /**
   * When the SLA robot watching this order escalates (untouched after arrival, or the stage's
   * own limit); null when nothing is timed. Server-owned; absent from older caches.
   */
  slaDueAt: Timestamp.nullable().optional(),
  /**
   * The visit agreed with the customer (they are reminded the evening before and 2 hours
   * before); null when none is set. Absent from older caches.
   */
  appointmentAt: Timestamp.nullable().optional(),
  /** Server version of this row; a stage change names the version it was based on. */
  version: z.number().int().nonnegative(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Order = z.infer<typeof Order>;

export const CallDirection = z.enum(['incoming', 'outgoing']);
export const CallOutcome = z.enum(['answered', 'missed', 'declined', 'failed']);
export const Call = z.object({
  id: Id,
  direction: CallDirection,
  outcome: CallOutcome,
  phone: E164.nullable(),
  customerId: Id.nullable(),
  orderId: Id.nullable(),
  userId: Id.nullable(),
  startedAt: Timestamp,
  durationSec: z.number().int().nonnegative(),
  note: z.string().max(10_000),
});
export type Call = z.infer<typeof Call>;

export const Callback = z.object({
  id: Id,
  phone: E164,
  customerId: Id.nullable(),
  assigneeId: Id.nullable(),
  dueAt: Timestamp,
  doneAt: Timestamp.nullable(),
  reason: z.string().max(500),
});
export type Callback = z.infer<typeof Callback>;

/** A catalog offer (a product or service the operators sell), priced per city in kopecks. */
export const Offer = z.object({
  id: Id,
  /** The external code (1C / supplier SKU). */
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(300),
  /** City → price in kopecks; the key '*' is the price everywhere else. */
  prices: z.record(z.string().max(100), z.number().int().nonnegative()),
  stock: z.number().int().nonnegative(),
  updatedAt: Timestamp,
});
export type Offer = z.infer<typeof Offer>;

/**
 * A note on an order. Append-only: born on the client with its UUIDv7 id, inserted by the
 * server if absent, never edited or merged into other text, so concurrent notes all survive.
 */
export const OrderNote = z.object({
  id: Id,
  orderId: Id,
  authorId: Id,
  text: z.string().min(1).max(10_000),
  /** When the server accepted it (the client's own time until then). */
  createdAt: Timestamp,
});
export type OrderNote = z.infer<typeof OrderNote>;

/**
 * «Звонит Ирина»: a short claim an operator takes on an order or callback while working it, so
 * nobody else calls the same customer. Synced to every client; after `expiresAt` it is free
 * (a release sets it to the moment of release).
 */
export const Claim = z.object({
  entity: z.enum(CLAIMABLE),
  entityId: Id,
  userId: Id,
  expiresAt: Timestamp,
});
export type Claim = z.infer<typeof Claim>;
