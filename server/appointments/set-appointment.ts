// orders.setAppointment, re-run on the server: who may (core rule), then the order's new
// appointment and its customer reminders in the same transaction. Last writer wins: an
// appointment is one agreed time, and the latest agreement is the one the customer keeps.
import { mayEditAppointment } from '../../core/appointments.js';
import type { User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { findStage } from '../../core/pipeline.js';
import type { SetAppointmentArgs } from '../../core/sync.js';
import type { Tx } from '../db/database.js';
import { toPipeline } from '../db/mappers.js';
import { reserveVersion } from '../db/versions.js';
import { scheduleAppointmentReminders } from './reminders.js';

export async function setAppointment(trx: Tx, args: SetAppointmentArgs, user: Pick<User, 'id' | 'role'>, now = new Date()): Promise<{ changed: boolean }> {
  // FOR UPDATE: two devices setting the same order's visit serialize; the later one wins.
  const order = await trx
    .selectFrom('orders')
    .select(['id', 'number', 'pipeline_id', 'stage_id', 'operator_id', 'technician_id', 'appointment_at'])
    .where('id', '=', args.orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!order) throw new PultError('not_found', `Order ${args.orderId} not found`);
  if (!mayEditAppointment(user, { operatorId: order.operator_id, technicianId: order.technician_id })) {
    throw new PultError('forbidden', `You may not set the visit time of order ${order.number}`);
  }
  const at = args.appointmentAt === null ? null : new Date(args.appointmentAt);
  const before = order.appointment_at === null ? null : new Date(order.appointment_at);
  if ((before?.getTime() ?? null) === (at?.getTime() ?? null)) return { changed: false };
  if (at) {
    // A closed order has no visit ahead; clearing one stays allowed.
    const pipelineRow = await trx.selectFrom('pipelines').selectAll().where('id', '=', order.pipeline_id).executeTakeFirst();
    const stage = pipelineRow ? findStage(toPipeline(pipelineRow), order.stage_id) : undefined;
    if (stage && stage.kind !== 'open') throw new PultError('appointment.order_closed', `Order ${order.number} is closed`);
  }
  const version = await reserveVersion(trx);
  await trx.updateTable('orders').set({ appointment_at: at, version, updated_at: now }).where('id', '=', order.id).execute();
  await scheduleAppointmentReminders(trx, order.id, at, now);
  return { changed: true };
}
