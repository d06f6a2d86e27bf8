// «Что делать сейчас»: the operator's one list of work, most urgent first. Written once here so
// the main side builds it from the local cache and tests pin the rules; the deadlines are the
// ones the SLA robots keep (core/sla.ts), so a countdown on screen matches the escalation.
import { z } from 'zod';
import type { WorkingHours } from './calendar.js';
import { Callback, Customer, Order, PipelineStage, Timestamp, type Pipeline, type Role, type User } from './domain.js';
import { stageDeadline, untouchedOrderDeadline } from './sla.js';

const OrderTodo = {
  /** The order id: one item per order. */
  id: z.string(),
  order: Order,
  customer: Customer.nullable(),
  stage: PipelineStage,
  /** When the robots escalate it; null = no deadline (waits, but nothing is late). */
  dueAt: Timestamp.nullable(),
  /** A local change to this order still waits for the server. */
  pending: z.boolean(),
};

export const TodoItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('callback'), id: z.string(), callback: Callback, customer: Customer.nullable(), dueAt: Timestamp }),
  /** An order nobody has worked yet (the pipeline's first stage). */
  z.object({ kind: z.literal('new_order'), ...OrderTodo }),
  /** An open order whose current stage is this user's to move. */
  z.object({ kind: z.literal('waiting_order'), ...OrderTodo }),
]);
export type TodoItem = z.infer<typeof TodoItem>;
export type TodoKind = TodoItem['kind'];

export interface TodoOrderInput {
  order: Order;
  customer: Customer | null;
  pipeline: Pipeline | null;
  pending: boolean;
}

export interface TodoInput {
  me: Pick<User, 'id' | 'role'>;
  orders: readonly TodoOrderInput[];
  callbacks: readonly { callback: Callback; customer: Customer | null }[];
  hours: WorkingHours;
}

/** Only the operator talks to customers (domain.md «Roles»): callbacks are theirs. */
const CALLS_BACK: readonly Role[] = ['operator'];

/**
 * Whether an order in `stage` is this user's to act on now: the stage belongs to their role and
 * the order is theirs — assigned to them, or (for operators) still in the unassigned pool.
 * Admins work one shared queue; supervisors watch and have no queue of their own.
 */
export function isMyTurn(me: Pick<User, 'id' | 'role'>, order: Order, stage: PipelineStage): boolean {
  if (stage.kind !== 'open' || stage.role !== me.role) return false;
  switch (me.role) {
    case 'operator':
      return order.operatorId === me.id || order.operatorId === null;
    case 'technician':
      return order.technicianId === me.id;
    case 'admin':
      return true;
    case 'supervisor':
      return false;
  }
}

const KIND_RANK: Record<TodoKind, number> = { callback: 0, new_order: 1, waiting_order: 2 };

/** Earliest deadline first (overdue ones lead), items without a deadline last. */
export function compareTodo(a: TodoItem, b: TodoItem): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    const d = Date.parse(a.dueAt) - Date.parse(b.dueAt);
    if (d !== 0) return d;
  }
  const k = KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (k !== 0) return k;
  return a.id.localeCompare(b.id);
}

/**
 * The robots' own deadline when the server sent one for the order as it stands; otherwise the
 * same rule computed here: a new order escalates 30 working minutes after it arrived, any other
 * stage by its own SLA from the order's last change. A local stage change not yet confirmed makes
 * the server's deadline stale (it was for the old stage), so the rule decides then too.
 */
function deadlineOf(order: Order, stage: PipelineStage, isNew: boolean, pending: boolean, hours: WorkingHours): string | null {
  if (!pending && typeof order.slaDueAt === 'string') return order.slaDueAt;
  const due = isNew ? untouchedOrderDeadline(new Date(order.createdAt), hours) : stageDeadline(stage, new Date(order.updatedAt), hours);
  return due ? due.toISOString() : null;
}

/** The list, sorted by urgency. Callbacks that are done and closed orders never appear. */
export function buildTodo(input: TodoInput): TodoItem[] {
  const { me, hours } = input;
  const items: TodoItem[] = [];
  if (CALLS_BACK.includes(me.role)) {
    for (const { callback, customer } of input.callbacks) {
      if (callback.doneAt !== null) continue;
      if (callback.assigneeId !== null && callback.assigneeId !== me.id) continue;
      items.push({ kind: 'callback', id: callback.id, callback, customer, dueAt: callback.dueAt });
    }
  }
  const seen = new Set<string>();
  for (const { order, customer, pipeline, pending } of input.orders) {
    if (!pipeline || seen.has(order.id)) continue;
    const stage = pipeline.stages.find((s) => s.id === order.stageId);
    if (!stage || !isMyTurn(me, order, stage)) continue;
    seen.add(order.id);
    const isNew = pipeline.stages[0]?.id === stage.id;
    items.push({ kind: isNew ? 'new_order' : 'waiting_order', id: order.id, order, customer, stage, dueAt: deadlineOf(order, stage, isNew, pending, hours), pending });
  }
  return items.sort(compareTodo);
}

