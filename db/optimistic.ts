// The optimistic view: confirmed server rows with the pending outbox intents replayed on top
// through the same core rules the server runs. Pure; the cache stays server-only.
import { stillOpenCallbacks } from '../core/callbacks.js';
import type { Callback, Order, Pipeline, Role } from '../core/domain.js';
import { checkStageChange } from '../core/reasons.js';
import type { OutboxEntry } from './cache.js';

export interface OptimisticOrder {
  order: Order;
  /** True while any local intent on this order waits for the server. */
  pending: boolean;
}

/**
 * Replays `pending` (already filtered to this order, in seq order) onto the server row.
 * An intent the rules no longer allow on the current base (the server moved the order
 * meanwhile) is skipped here; the server will reject it and the sync engine shows why.
 */
export function replayOrder(server: Order, pending: readonly OutboxEntry[], pipeline: Pipeline | null, role: Role | null): OptimisticOrder {
  let order = server;
  let any = false;
  for (const m of pending) {
    if (m.status !== 'pending' || m.targetId !== server.id) continue;
    any = true;
    switch (m.body.name) {
      case 'orders.changeStage': {
        const { toStageId: to, reason } = m.body.args;
        let failureReason = reason ?? null;
        if (pipeline && role) {
          try {
            failureReason = checkStageChange(pipeline, order.stageId, to, role, reason);
          } catch {
            continue;
          }
        }
        // The new stage's deadline is the server's to set (its working hours): none until then.
        order = { ...order, stageId: to, failureReason, slaDueAt: null };
        break;
      }
      case 'orders.setAppointment':
        // The latest local choice shows until the server confirms it (last writer wins there too).
        order = { ...order, appointmentAt: m.body.args.appointmentAt };
        break;
    }
  }
  return { order, pending: any };
}

/**
 * Open callbacks as the operator should see them now: one whose number a call logged here
 * connected with is done, though the server has not heard of the call yet (core rule).
 */
export function replayCallbacks<C extends Callback>(openServer: readonly C[], pending: readonly OutboxEntry[]): C[] {
  const calls = pending.flatMap((m) => (m.status === 'pending' && m.body.name === 'calls.log' ? [m.body.args] : []));
  return stillOpenCallbacks(openServer, calls);
}
