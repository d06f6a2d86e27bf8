// The notification outbox: stage changes enqueue messages in their own transaction; a worker
// sends them with retries. Rows outlive restarts, so nothing is lost and nothing is silent.
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import type { Pipeline } from '../../core/domain.js';
import { renderTemplate, type TemplateValues } from '../../core/templates.js';
import { findStage } from '../../core/pipeline.js';
import { maskPhone } from '../../core/phone.js';
import { formatRoubles } from '../../core/money.js';
import type { Db, Tx } from '../db/database.js';
import { toPipeline } from '../db/mappers.js';
import { periodic } from '../jobs/periodic.js';
import type { EmailSender, SendResult, SmsGateway } from './types.js';

/** Attempts before a message is marked failed for good. */
export const MAX_ATTEMPTS = 6;
/** Wait before attempt n+1 (after n failures): 1 min, 5 min, 15 min, 1 h, 3 h. */
export function retryDelayMs(failures: number): number {
  const minutes = [1, 5, 15, 60, 180][Math.min(failures, 5) - 1] ?? 180;
  return minutes * 60_000;
}
/** A claimed message is not claimed again for this long, even if its sender died mid-send. */
const LEASE_MS = 2 * 60_000;

export interface CompanyInfo {
  name: string;
  phone: string;
}

/** An order with what its templates need to fill in, and its pipeline. */
export interface OrderForActions {
  orderId: string;
  operatorId: string | null;
  stageId: string;
  customerId: string;
  email: string | null;
  phone: string;
  pipeline: Pipeline;
  values: TemplateValues;
}

export async function loadOrderForActions(trx: Tx, orderId: string, companyOverride?: CompanyInfo): Promise<OrderForActions | null> {
  const row = await trx
    .selectFrom('orders')
    .innerJoin('customers', 'customers.id', 'orders.customer_id')
    .innerJoin('pipelines', 'pipelines.id', 'orders.pipeline_id')
    .select([
      'orders.id as order_id', 'orders.number', 'orders.title', 'orders.amount_kopecks', 'orders.address', 'orders.stage_id',
      'orders.operator_id', 'orders.customer_id', 'customers.name as customer_name', 'customers.email', 'customers.phone', 'customers.partner_number',
      'pipelines.id', 'pipelines.name', 'pipelines.definition', 'pipelines.version', 'pipelines.updated_at',
    ])
    .where('orders.id', '=', orderId)
    .executeTakeFirst();
  if (!row) return null;
  const company = companyOverride ?? (await companyInfo(trx));
  const pipeline = toPipeline({ id: row.id, name: row.name, definition: row.definition, version: row.version, updated_at: row.updated_at });
  return {
    orderId: row.order_id,
    operatorId: row.operator_id,
    stageId: row.stage_id,
    customerId: row.customer_id,
    email: row.email,
    phone: row.phone,
    pipeline,
    values: {
      'customer.name': row.customer_name,
      'customer.partnerNumber': row.partner_number ?? '',
      'order.number': row.number,
      'order.title': row.title,
      'order.amount': formatRoubles(row.amount_kopecks),
      'order.address': row.address ?? '',
      'stage.name': findStage(pipeline, row.stage_id)?.name ?? row.stage_id,
      'company.name': company.name,
      'company.phone': company.phone,
    },
  };
}

/**
 * A message that waits for its moment: a stage's reminder (dropped when the order leaves the
 * stage) or one of an appointment's two reminders (dropped when it moves or goes).
 */
export type ReminderSlot = { at: Date; stageId: string } | { at: Date; appointment: 'evening_before' | 'hours_before' };

/**
 * Puts one active template, filled in for the order, into the outbox on `channel`; at `sendAt`
 * for a reminder (with what it belongs to). False when there is nothing to send: the
 * template is gone, switched off or for the other channel, or the customer has no address.
 */
export async function enqueueTemplate(
  trx: Tx, order: OrderForActions, templateId: string, channel: 'email' | 'sms', reminder?: ReminderSlot,
): Promise<boolean> {
  const t = await trx.selectFrom('notification_templates').selectAll().where('id', '=', templateId).where('active', '=', true).executeTakeFirst();
  if (!t || t.channel !== channel) return false;
  const recipient = channel === 'email' ? order.email : order.phone;
  if (!recipient) return false; // no email on file: nothing to send, and nothing to retry
  await trx
    .insertInto('notification_outbox')
    .values({
      id: uuidv7(),
      order_id: order.orderId,
      template_id: t.id,
      channel,
      recipient,
      subject: renderTemplate(t.subject, order.values),
      body: renderTemplate(t.body, order.values),
      ...(reminder ? { next_attempt_at: reminder.at } : {}),
      ...(reminder && 'stageId' in reminder ? { reminder_stage_id: reminder.stageId } : {}),
      ...(reminder && 'appointment' in reminder ? { appointment_reminder: reminder.appointment } : {}),
    })
    .execute();
  return true;
}

/**
 * Enqueues the «send template» entry actions of the stage the order is in now (the admin sets
 * them in the pipeline editor). Call inside the stage-change transaction so the messages exist
 * exactly when the change does. Returns how many messages were queued.
 */
export async function enqueueStageNotifications(trx: Tx, orderId: string, companyOverride?: CompanyInfo): Promise<number> {
  const order = await loadOrderForActions(trx, orderId, companyOverride);
  if (!order) return 0;
  let queued = 0;
  for (const a of findStage(order.pipeline, order.stageId)?.entryActions ?? []) {
    if (a.kind === 'send_template' && (await enqueueTemplate(trx, order, a.templateId, a.channel))) queued++;
  }
  return queued;
}

/** The company's name and phone for templates, from the settings table. */
export async function companyInfo(trx: Tx | Db): Promise<CompanyInfo> {
  const rows = await trx.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['company.name', 'company.phone']).execute();
  const get = (k: string) => rows.find((r) => r.key === k)?.value ?? '';
  return { name: get('company.name'), phone: get('company.phone') };
}

export interface WorkerDeps {
  db: Db;
  email: EmailSender | null;
  sms: SmsGateway | null;
  logger: Logger;
  now?: () => Date;
}

export interface NotificationWorker {
  /** Sends what is due now; returns how many messages were attempted. */
  runOnce(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createNotificationWorker(deps: WorkerDeps): NotificationWorker {
  const now = deps.now ?? (() => new Date());
  async function deliver(channel: 'email' | 'sms', recipient: string, subject: string, body: string): Promise<SendResult> {
    if (channel === 'email') {
      return deps.email ? deps.email.send({ to: recipient, subject, text: body }) : { ok: false, retryable: false, reason: 'email is not configured' };
    }
    return deps.sms ? deps.sms.send(recipient, body) : { ok: false, retryable: false, reason: 'SMS is not configured' };
  }

  async function runOnce(): Promise<number> {
    const t = now();
    // Claim due messages: SKIP LOCKED lets several server instances share the outbox.
    const claimed = await deps.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('notification_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', t)
        .orderBy('next_attempt_at')
        .limit(20)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      return trx
        .updateTable('notification_outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(t.getTime() + LEASE_MS) }))
        .where('id', 'in', due.map((d) => d.id))
        .returning(['id', 'channel', 'recipient', 'subject', 'body', 'attempts', 'order_id'])
        .execute();
    });
    for (const m of claimed) {
      const result = await deliver(m.channel, m.recipient, m.subject, m.body);
      const who = m.channel === 'sms' ? maskPhone(m.recipient) : maskEmail(m.recipient);
      if (result.ok) {
        await deps.db
          .updateTable('notification_outbox')
          .set({ status: 'sent', sent_at: now(), provider_id: result.providerId, last_error: null })
          .where('id', '=', m.id)
          .execute();
        deps.logger.info({ notification: m.id, order: m.order_id, channel: m.channel, to: who }, 'notification sent');
      } else {
        const final = !result.retryable || m.attempts >= MAX_ATTEMPTS;
        await deps.db
          .updateTable('notification_outbox')
          .set({
            status: final ? 'failed' : 'pending',
            last_error: result.reason.slice(0, 1000),
            next_attempt_at: new Date(now().getTime() + retryDelayMs(m.attempts)),
          })
          .where('id', '=', m.id)
          .execute();
        deps.logger.warn({ notification: m.id, order: m.order_id, channel: m.channel, to: who, attempts: m.attempts, final, reason: result.reason }, 'notification not sent');
      }
    }
    return claimed.length;
  }

  const job = periodic('notification worker pass', deps.logger, runOnce);
  return { runOnce: () => job.run(), start: (intervalMs = 5_000) => job.start(intervalMs), stop: () => job.stop() };
}

/** an***@example.ru: enough to tell messages apart in logs without the address. */
function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at < 0 ? '***' : `${email.slice(0, Math.min(2, at))}***${email.slice(at)}`;
}

/** The notifications of one order, newest first, for the order card. */
export async function orderNotifications(db: Db, orderId: string) {
  return db
    .selectFrom('notification_outbox')
    .select(['id', 'channel', 'recipient', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
    .where('order_id', '=', orderId)
    .orderBy('created_at', 'desc')
    .execute();
}
