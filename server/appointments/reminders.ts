// The customer's reminders before an order's appointment: 19:00 (site time) the evening before
// and 2 hours before, as notification outbox rows that wait for their moment (the same durable
// outbox and worker as every customer notice). Always called inside the transaction that
// changed the appointment or closed the order, so the reminders change exactly with it.
import { appointmentTimeText, appointmentWhenText } from '../../core/appointments.js';
import { appointmentReminders } from '../../core/sla.js';
import type { Tx } from '../db/database.js';
import { enqueueTemplate, loadOrderForActions } from '../notify/outbox.js';
import { workingHours } from '../robots/robots.js';

/** Drops the order's appointment reminders not sent yet (sent and failed ones stay as history). */
export async function cancelAppointmentReminders(trx: Tx, orderId: string): Promise<number> {
  const gone = await trx
    .deleteFrom('notification_outbox')
    .where('order_id', '=', orderId)
    .where('status', '=', 'pending')
    .where('appointment_reminder', 'is not', null)
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}

/**
 * Replaces the order's unsent appointment reminders with those for `appointmentAt` that are
 * still ahead of `now`, on every channel the pipeline has an active reminder template for and
 * the customer has an address on. Returns how many rows were queued.
 */
export async function scheduleAppointmentReminders(trx: Tx, orderId: string, appointmentAt: Date | null, now: Date): Promise<number> {
  await cancelAppointmentReminders(trx, orderId);
  if (!appointmentAt) return 0;
  const order = await loadOrderForActions(trx, orderId);
  if (!order) return 0;
  const { timeZone } = await workingHours(trx);
  const reminders = appointmentReminders(appointmentAt, now, timeZone);
  if (reminders.length === 0) return 0;
  const templates = await trx
    .selectFrom('notification_templates')
    .select(['id', 'channel'])
    .where('pipeline_id', '=', order.pipeline.id)
    .where('purpose', '=', 'appointment_reminder')
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  let queued = 0;
  for (const r of reminders) {
    // The text says the time as it will read when it arrives: «завтра в 14:00», «сегодня в 14:00».
    const values = { ...order.values, 'appointment.when': appointmentWhenText(appointmentAt, r.at, timeZone), 'appointment.time': appointmentTimeText(appointmentAt, timeZone) };
    for (const t of templates) {
      if (await enqueueTemplate(trx, { ...order, values }, t.id, t.channel, { at: r.at, appointment: r.kind })) queued++;
    }
  }
  return queued;
}
