// Database rows → core domain objects. The core schemas stay the single definition of the
// wire shape; these functions only rename columns and format timestamps.
import type { Call, Callback, Channel, Claim, Customer, Offer, Order, OrderNote, Pipeline, PipelineStage, PipelineTransition, User } from '../../core/domain.js';
import { PipelineStage as PipelineStageSchema, PipelineTransition as PipelineTransitionSchema } from '../../core/domain.js';
import { z } from 'zod';
import type { CallbackRow, CallRow, ClaimRow, CustomerRow, OfferRow, OrderNoteRow, OrderRow, PipelineRow, UserRow } from './schema.js';

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();
const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d));

export const PipelineDefinition = z.object({
  stages: z.array(PipelineStageSchema).min(1),
  transitions: z.array(PipelineTransitionSchema),
});
export type PipelineDefinition = { stages: PipelineStage[]; transitions: PipelineTransition[] };

export function toUser(r: Pick<UserRow, 'id' | 'login' | 'display_name' | 'role' | 'district'>): User {
  return { id: r.id, login: r.login, displayName: r.display_name, role: r.role, district: r.district };
}

export function toPipeline(r: PipelineRow): Pipeline {
  const def = PipelineDefinition.parse(r.definition);
  return { id: r.id, name: r.name, stages: def.stages, transitions: def.transitions, updatedAt: iso(r.updated_at) };
}

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    phoneRaw: r.phone_raw,
    email: r.email,
    city: r.city,
    partnerNumber: r.partner_number,
    notes: r.notes,
    updatedAt: iso(r.updated_at),
    referrerId: r.referrer_id,
    bonusPoints: Number(r.bonus_points),
  };
}

export function toOrder(r: OrderRow): Order {
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    pipelineId: r.pipeline_id,
    stageId: r.stage_id,
    operatorId: r.operator_id,
    technicianId: r.technician_id,
    title: r.title,
    amountKopecks: Number(r.amount_kopecks),
    city: r.city,
    district: r.district,
    address: r.address,
    channel: r.channel as Channel,
    notes: r.notes,
    failureReason: r.failure_reason,
    slaDueAt: isoOrNull(r.sla_due_at),
    appointmentAt: isoOrNull(r.appointment_at),
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function toCall(r: CallRow): Call {
  return {
    id: r.id,
    direction: r.direction as Call['direction'],
    outcome: r.outcome as Call['outcome'],
    phone: r.phone,
    customerId: r.customer_id,
    orderId: r.order_id,
    userId: r.user_id,
    startedAt: iso(r.started_at),
    durationSec: Number(r.duration_sec),
    note: r.note,
  };
}

export function toCallback(r: CallbackRow): Callback {
  return {
    id: r.id,
    phone: r.phone,
    customerId: r.customer_id,
    assigneeId: r.assignee_id,
    dueAt: iso(r.due_at),
    doneAt: isoOrNull(r.done_at),
    reason: r.reason,
  };
}

const Prices = z.record(z.string(), z.number().int().nonnegative());

export function toOffer(r: OfferRow): Offer {
  return { id: r.id, sku: r.sku, name: r.name, prices: Prices.parse(r.prices), stock: Number(r.stock), updatedAt: iso(r.updated_at) };
}

export function toOrderNote(r: OrderNoteRow): OrderNote {
  return { id: r.id, orderId: r.order_id, authorId: r.author_id, text: r.text, createdAt: iso(r.created_at) };
}

export function toClaim(r: ClaimRow): Claim {
  return { entity: r.entity, entityId: r.entity_id, userId: r.user_id, expiresAt: iso(r.expires_at) };
}
