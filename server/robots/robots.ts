// SLA robots (domain.md «Robots keep time»): timers in the database, checked by a ticking
// worker. A timer fires once; when it fires it re-checks that the world still needs it (the
// order may have moved on) and raises an escalation for the responsible user and supervisors.
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import { DEFAULT_WORKING_HOURS, WorkingHours } from '../../core/calendar.js';
import { findStage } from '../../core/pipeline.js';
import { callbackDue, stageDeadline, untouchedOrderDeadline } from '../../core/sla.js';
import type { Db, Tx } from '../db/database.js';
import { toPipeline } from '../db/mappers.js';
import type { RobotKind } from '../db/schema.js';
import { periodic } from '../jobs/periodic.js';

/** The site's working hours from settings (`working_hours` as JSON), or the default. */
export async function workingHours(trx: Tx | Db): Promise<WorkingHours> {
  const row = await trx.selectFrom('settings').select('value').where('key', '=', 'working_hours').executeTakeFirst();
  if (!row) return DEFAULT_WORKING_HOURS;
  const parsed = WorkingHours.safeParse(JSON.parse(row.value) as unknown);
  return parsed.success ? parsed.data : DEFAULT_WORKING_HOURS;
}

async function schedule(trx: Tx, kind: RobotKind, entityId: string, dueAt: Date, subject = ''): Promise<void> {
  await trx
    .insertInto('robot_timers')
    .values({ kind, entity_id: entityId, due_at: dueAt, subject, fired_at: null })
    .onConflict((oc) => oc.columns(['kind', 'entity_id']).doUpdateSet({ due_at: dueAt, subject, fired_at: null }))
    .execute();
}

async function cancel(trx: Tx, kind: RobotKind, entityId: string): Promise<void> {
  await trx.deleteFrom('robot_timers').where('kind', '=', kind).where('entity_id', '=', entityId).where('fired_at', 'is', null).execute();
}

/**
 * The deadline clients count down to, kept on the order. Call in the transaction that wrote the
 * order's new version, so the deadline travels with that change.
 */
async function showDeadline(trx: Tx, orderId: string, due: Date | null): Promise<void> {
  await trx.updateTable('orders').set({ sla_due_at: due }).where('id', '=', orderId).execute();
}

/** A new order: escalate when nobody has touched it 30 working minutes after arrival. */
export async function onOrderCreated(trx: Tx, orderId: string, createdAt: Date): Promise<void> {
  const due = untouchedOrderDeadline(createdAt, await workingHours(trx));
  await schedule(trx, 'order_untouched', orderId, due);
  await showDeadline(trx, orderId, due);
}

/** A stage change: the order was touched; the new stage's own SLA starts now. */
export async function onStageChanged(trx: Tx, orderId: string, pipelineId: string, stageId: string, at: Date): Promise<void> {
  await cancel(trx, 'order_untouched', orderId);
  const pipelineRow = await trx.selectFrom('pipelines').selectAll().where('id', '=', pipelineId).executeTakeFirst();
  const stage = pipelineRow ? findStage(toPipeline(pipelineRow), stageId) : undefined;
  const due = stage && stage.kind === 'open' ? stageDeadline(stage, at, await workingHours(trx)) : null;
  if (due) await schedule(trx, 'stage_sla', orderId, due, stageId);
  else await cancel(trx, 'stage_sla', orderId);
  await showDeadline(trx, orderId, due);
}

/** A callback task (e.g. from a missed call): due in 2 working minutes. */
export async function onCallbackCreated(trx: Tx, callbackId: string, createdAt: Date): Promise<Date> {
  const due = callbackDue(createdAt, await workingHours(trx));
  await schedule(trx, 'callback_overdue', callbackId, due);
  return due;
}

/** A task from a stage's entry action: escalates if still open at its own due time. */
export async function onTaskCreated(trx: Tx, callbackId: string, dueAt: Date): Promise<void> {
  await schedule(trx, 'callback_overdue', callbackId, dueAt);
}

/** Does the timer still matter when it fires, and whom does it concern? */
async function stillDue(trx: Tx, kind: RobotKind, entityId: string, subject: string): Promise<{ due: boolean; userId: string | null }> {
  if (kind === 'callback_overdue') {
    const cb = await trx.selectFrom('callbacks').select(['done_at', 'assignee_id']).where('id', '=', entityId).executeTakeFirst();
    return { due: cb !== undefined && cb.done_at === null, userId: cb?.assignee_id ?? null };
  }
  const order = await trx.selectFrom('orders').select(['stage_id', 'stage_version', 'version', 'operator_id']).where('id', '=', entityId).executeTakeFirst();
  if (!order) return { due: false, userId: null };
  if (kind === 'stage_sla') return { due: order.stage_id === subject, userId: order.operator_id };
  return { due: true, userId: order.operator_id }; // order_untouched is cancelled by any stage change
}

export interface Robots {
  /** Fires every timer due at `now`; returns the escalations raised. */
  tick(now?: Date): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createRobots(db: Db, logger: Logger, clock: () => Date = () => new Date()): Robots {
  async function tick(now: Date): Promise<number> {
    return db.transaction().execute(async (trx) => {
      // SKIP LOCKED: several server instances share the timers, each fires a timer once.
      const due = await trx
        .selectFrom('robot_timers')
        .selectAll()
        .where('fired_at', 'is', null)
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .limit(100)
        .forUpdate()
        .skipLocked()
        .execute();
      let raised = 0;
      for (const t of due) {
        const { due: still, userId } = await stillDue(trx, t.kind, t.entity_id, t.subject);
        if (still) {
          await trx.insertInto('escalations').values({ id: uuidv7(), kind: t.kind, entity_id: t.entity_id, user_id: userId, due_at: t.due_at }).execute();
          raised++;
          logger.info({ robot: t.kind, entity: t.entity_id }, 'SLA breached: escalated');
        }
        await trx.updateTable('robot_timers').set({ fired_at: now }).where('kind', '=', t.kind).where('entity_id', '=', t.entity_id).execute();
      }
      return raised;
    });
  }

  const job = periodic('robot tick', logger, () => tick(clock()));
  return {
    tick: (now = clock()) => job.run(() => tick(now)),
    start: (intervalMs = 15_000) => job.start(intervalMs),
    stop: () => job.stop(),
  };
}

/** Open escalations, newest first: the supervisor's breach list. */
export async function openEscalations(db: Db) {
  return db.selectFrom('escalations').selectAll().where('resolved_at', 'is', null).orderBy('created_at', 'desc').execute();
}
