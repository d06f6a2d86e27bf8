// The stage history the reports read: one row per stage change, written in the same
// transaction as the change. Stores when the order had entered the stage it leaves, so the
// time spent in a stage is one subtraction in SQL.
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../core/domain.js';
import type { Tx } from '../db/database.js';
import type { StageKind } from '../db/schema.js';

export interface StageChangeRecord {
  orderId: string;
  pipelineId: string;
  fromStageId: string;
  toStageId: string;
  toKind: StageKind;
  /** The order's creation time: when it entered its first stage. */
  orderCreatedAt: Date;
  userId: string | null;
  role: Role | null;
  reason: string | null;
  at: Date;
  /** The order's operator, technician, amount and city now: what a sale or cancellation counts for. */
  operatorId: string | null;
  technicianId: string | null;
  amountKopecks: number;
  city: string | null;
}

export async function recordStageChange(trx: Tx, change: StageChangeRecord): Promise<void> {
  const previous = await trx
    .selectFrom('order_stage_history')
    .select(['changed_at', 'transition_no'])
    .where('order_id', '=', change.orderId)
    .orderBy('changed_at', 'desc')
    .orderBy('transition_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx
    .insertInto('order_stage_history')
    .values({
      id: uuidv7(),
      order_id: change.orderId,
      pipeline_id: change.pipelineId,
      from_stage_id: change.fromStageId,
      to_stage_id: change.toStageId,
      to_kind: change.toKind,
      from_entered_at: previous ? previous.changed_at : change.orderCreatedAt,
      transition_no: previous ? previous.transition_no + 1 : 1,
      user_id: change.userId,
      role: change.role,
      reason: change.reason,
      changed_at: change.at,
      operator_id: change.operatorId,
      technician_id: change.technicianId,
      amount_kopecks: change.amountKopecks,
      city: change.city,
      order_created_at: change.orderCreatedAt,
    })
    .execute();
}
