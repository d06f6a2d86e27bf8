// Local intents. The rule is checked here with the same core function the server runs, and the
// outbox row is committed (synchronous=FULL) before the UI hears "saved".
import { mayEditAppointment } from '../../core/appointments.js';
import type { User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { normalizePhone } from '../../core/phone.js';
import { checkStageChange } from '../../core/reasons.js';
import type { CallLeadArgs, LogCallArgs } from '../../core/sync.js';
import { v7 as uuidv7 } from 'uuid';
import type { Cache, OutboxEntry } from '../../db/cache.js';
import { replayOrder } from '../../db/optimistic.js';

export function changeStage(cache: Cache, me: User, orderId: string, toStageId: string, reason?: string): OutboxEntry {
  return cache.transaction(() => {
    const server = cache.getServerOrder(orderId);
    if (!server) throw new PultError('not_found', 'Order not found');
    const pipeline = cache.getPipeline(server.pipelineId);
    if (!pipeline) throw new PultError('not_found', `Pipeline ${server.pipelineId} is not in the cache yet`);
    // Check against what the user sees: the server row with earlier pending intents applied.
    const current = replayOrder(server, cache.pendingFor(orderId), pipeline, me.role).order;
    // The same rule the server runs: a move the role may make, and a reason for a failed close.
    const checked = checkStageChange(pipeline, current.stageId, toStageId, me.role, reason);
    return cache.enqueue({
      name: 'orders.changeStage',
      args: { orderId, toStageId, baseVersion: server.version, fromStageId: current.stageId, ...(checked ? { reason: checked } : {}) },
    });
  });
}

/** Appends a note: the outbox row (with the note's own UUIDv7) is the note until the server has it. */
export function addNote(cache: Cache, orderId: string, text: string): OutboxEntry {
  const trimmed = text.trim();
  if (!trimmed) throw new PultError('validation', 'The note is empty', { text: 'validation' });
  return cache.transaction(() => {
    if (!cache.getServerOrder(orderId)) throw new PultError('not_found', 'Order not found');
    return cache.enqueue({ name: 'orders.addNote', args: { noteId: uuidv7(), orderId, text: trimmed } });
  });
}

/**
 * Sets, moves or clears (null) the order's visit time: checked with the server's own rule (who
 * may), kept in the outbox until the server has it; the card shows it at once.
 */
export function setAppointment(cache: Cache, me: User, orderId: string, appointmentAt: string | null): OutboxEntry {
  return cache.transaction(() => {
    const server = cache.getServerOrder(orderId);
    if (!server) throw new PultError('not_found', 'Order not found');
    if (!mayEditAppointment(me, server)) throw new PultError('forbidden', 'You may not set the visit time of this order');
    return cache.enqueue({ name: 'orders.setAppointment', args: { orderId, appointmentAt } });
  });
}

/** Logs a call born here (the softphone); works offline, the server inserts it once. */
export function logCall(cache: Cache, call: Omit<LogCallArgs, 'id'> & { id?: string | undefined }): OutboxEntry {
  const { id, ...rest } = call;
  return cache.transaction(() => cache.enqueue({ name: 'calls.log', args: { id: id ?? uuidv7(), ...rest } }));
}

/** A new customer's request taken on the phone; works offline, the server creates the order once. */
export function leadFromCall(cache: Cache, lead: Omit<CallLeadArgs, 'orderId'>): OutboxEntry {
  if (!normalizePhone(lead.phone)) throw new PultError('lead.bad_phone', 'The phone cannot be read', { phone: 'invalid' });
  return cache.transaction(() => cache.enqueue({ name: 'leads.fromCall', args: { orderId: uuidv7(), ...lead } }));
}
