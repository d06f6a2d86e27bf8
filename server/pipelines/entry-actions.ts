// A stage's entry actions (set by the admin in the pipeline editor) run on the server when an
// order enters the stage, inside the stage change's own transaction: customer notices go to the
// notification outbox, tasks become callbacks (with their overdue robot), reminders wait in the
// outbox for their moment. Nothing here talks to the network.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Role, StageEntryAction } from '../../core/domain.js';
import { findStage } from '../../core/pipeline.js';
import { entryReminderAt, stageDeadline } from '../../core/sla.js';
import type { Tx } from '../db/database.js';
import { reserveVersion } from '../db/versions.js';
import { enqueueTemplate, loadOrderForActions, type CompanyInfo, type OrderForActions } from '../notify/outbox.js';
import { onTaskCreated, workingHours } from '../robots/robots.js';

export interface EntryActionsOutcome {
  messages: number;
  tasks: number;
  reminders: number;
}

export async function runEntryActions(trx: Tx, orderId: string, now: Date, company?: CompanyInfo): Promise<EntryActionsOutcome> {
  const outcome: EntryActionsOutcome = { messages: 0, tasks: 0, reminders: 0 };
  const order = await loadOrderForActions(trx, orderId, company);
  if (!order) return outcome;
  // Reminders of the stage it left are moot now.
  await trx
    .deleteFrom('notification_outbox')
    .where('order_id', '=', orderId)
    .where('status', '=', 'pending')
    .where('reminder_stage_id', 'is not', null)
    .where('reminder_stage_id', '!=', order.stageId)
    .execute();
  const stage = findStage(order.pipeline, order.stageId);
  for (const action of stage?.entryActions ?? []) {
    if (action.kind === 'send_template') {
      if (await enqueueTemplate(trx, order, action.templateId, action.channel)) outcome.messages++;
    } else if (action.kind === 'create_task') {
      await createTask(trx, order, action, now);
      outcome.tasks++;
    } else if (stage && (await scheduleReminder(trx, order, stage.slaMinutes, action, now))) {
      outcome.reminders++;
    }
  }
  return outcome;
}

async function createTask(trx: Tx, order: OrderForActions, action: Extract<StageEntryAction, { kind: 'create_task' }>, now: Date): Promise<void> {
  const assignee = action.assignTo === 'order_operator' ? order.operatorId : await leastBusy(trx, action.assignTo.slice('role:'.length) as Role);
  const due = new Date(now.getTime() + action.dueInMinutes * 60_000);
  const id = uuidv7();
  await trx
    .insertInto('callbacks')
    .values({
      id,
      phone: order.phone,
      customer_id: order.customerId,
      assignee_id: assignee,
      due_at: due.toISOString(),
      done_at: null,
      reason: `${order.values['order.number'] ?? ''}: ${action.title}`.slice(0, 500),
      created_at: now,
      version: await reserveVersion(trx),
    })
    .execute();
  await onTaskCreated(trx, id, due);
}

/** The active user of the role with the fewest open callbacks (null when the role has nobody). */
async function leastBusy(trx: Tx, role: Role): Promise<string | null> {
  const row = await trx
    .selectFrom('users')
    .select(['users.id', sql<number>`(SELECT count(*) FROM callbacks c WHERE c.assignee_id = users.id AND c.done_at IS NULL)`.as('open')])
    .where('role', '=', role)
    .where('active', '=', true)
    .orderBy('open')
    .orderBy('users.id')
    .executeTakeFirst();
  return row?.id ?? null;
}

async function scheduleReminder(
  trx: Tx, order: OrderForActions, slaMinutes: number | null, action: Extract<StageEntryAction, { kind: 'schedule_reminder' }>, now: Date,
): Promise<boolean> {
  const hours = await workingHours(trx);
  const deadline = stageDeadline({ slaMinutes }, now, hours);
  if (!deadline) return false;
  const at = entryReminderAt(deadline, action.when, action.hours, now, hours.timeZone);
  if (!at) return false;
  const t = await trx.selectFrom('notification_templates').select('channel').where('id', '=', action.templateId).executeTakeFirst();
  if (!t) return false;
  return enqueueTemplate(trx, order, action.templateId, t.channel, { at, stageId: order.stageId });
}
