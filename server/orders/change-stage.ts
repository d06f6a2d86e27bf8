// orders.changeStage, applied on the server with the same core rule the client ran offline.
import type { Role } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { findStage } from '../../core/pipeline.js';
import { checkStageChange } from '../../core/reasons.js';
import type { ChangeStageArgs } from '../../core/sync.js';
import type { Tx } from '../db/database.js';
import { toPipeline } from '../db/mappers.js';
import { reserveVersion } from '../db/versions.js';
import { awardBonuses } from '../partners/bonuses.js';
import { cancelAppointmentReminders } from '../appointments/reminders.js';
import { runEntryActions } from '../pipelines/entry-actions.js';
import { onStageChanged } from '../robots/robots.js';
import { chooseTechnician } from './assign.js';
import { recordStageChange } from './stage-history.js';

export interface ChangeStageOutcome {
  /** False when the order already was in the target stage (nothing written). */
  changed: boolean;
  version: number;
}

export async function changeStage(
  trx: Tx, args: ChangeStageArgs, role: Role, now = new Date(), userId: string | null = null,
): Promise<ChangeStageOutcome> {
  // FOR UPDATE: two pushes moving the same order serialize, the second sees the first.
  const order = await trx.selectFrom('orders').selectAll().where('id', '=', args.orderId).forUpdate().executeTakeFirst();
  if (!order) throw new PultError('not_found', `Order ${args.orderId} not found`);
  const currentVersion = Number(order.version);
  if (order.stage_id === args.toStageId) return { changed: false, version: currentVersion };

  const pipelineRow = await trx.selectFrom('pipelines').selectAll().where('id', '=', order.pipeline_id).executeTakeFirst();
  if (!pipelineRow) throw new PultError('not_found', `Pipeline ${order.pipeline_id} not found`);
  const pipeline = toPipeline(pipelineRow);
  // The stage moved from under the user: their decision was based on a stage that is no longer
  // there. Other edits meanwhile (notes, address) do not matter here. With the stage they saw we
  // can tell exactly; without it, by the version of the last stage change.
  const stale = () => new PultError('conflict', `Order ${order.number} changed stage meanwhile (now ${order.stage_id})`);
  if (args.fromStageId !== undefined && args.fromStageId !== order.stage_id) throw stale();
  // The role may make this move, and a failed close names a reason from the role's own list.
  const failureReason = checkStageChange(pipeline, order.stage_id, args.toStageId, role, args.reason);
  if (args.fromStageId === undefined && args.baseVersion !== currentVersion && Number(order.stage_version) > args.baseVersion) throw stale();

  // Work reaching a technician's stage goes to a technician of the order's district.
  const technicianId =
    order.technician_id ?? (findStage(pipeline, args.toStageId)?.role === 'technician' ? await chooseTechnician(trx, order.district) : null);

  const version = await reserveVersion(trx);
  await trx
    .updateTable('orders')
    .set({ stage_id: args.toStageId, failure_reason: failureReason, technician_id: technicianId, version, stage_version: version, updated_at: now })
    .where('id', '=', order.id)
    .execute();
  await recordStageChange(trx, {
    orderId: order.id, pipelineId: order.pipeline_id, fromStageId: order.stage_id, toStageId: args.toStageId,
    toKind: findStage(pipeline, args.toStageId)?.kind ?? 'open', orderCreatedAt: order.created_at,
    userId, role, reason: failureReason, at: now,
    operatorId: order.operator_id, technicianId, amountKopecks: Number(order.amount_kopecks), city: order.city,
  });
  // The new stage's entry actions (notices, tasks, reminders) happen with the change or not at all.
  await runEntryActions(trx, order.id, now);
  await onStageChanged(trx, order.id, order.pipeline_id, args.toStageId, now);
  // A closed order (done or failed) has no visit to remind the customer of.
  if (findStage(pipeline, args.toStageId)?.kind !== 'open') await cancelAppointmentReminders(trx, order.id);
  if (findStage(pipeline, args.toStageId)?.kind === 'success') await awardBonuses(trx, order.id, now);
  return { changed: true, version };
}
