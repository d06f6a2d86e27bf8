// The callback rule: a connected call with a number closes that number's open callbacks —
// whoever called whom (the customer may ring back first). Written once: the server applies it
// when the call log arrives, the client applies it to its pending calls while offline.
import type { Call, Callback } from './domain.js';

export type ConnectedCall = Pick<Call, 'outcome' | 'phone' | 'startedAt' | 'durationSec'>;

/** A call that reached a person (either way) and has a number. */
export function connectsWith(call: Pick<Call, 'outcome' | 'phone'>): string | null {
  return call.outcome === 'answered' && call.phone ? call.phone : null;
}

/** When the call ended: a callback created later than that is a new request, not this one. */
export function callEnd(call: Pick<Call, 'startedAt' | 'durationSec'>): Date {
  return new Date(Date.parse(call.startedAt) + call.durationSec * 1000);
}

/**
 * Does `call` close `callback`? Open, same number, answered. `createdAt` (known on the server):
 * a callback born after the call ended stays open — an old call logged late (offline) must
 * not close a newer missed call's task.
 */
export function callClosesCallback(call: ConnectedCall, callback: Pick<Callback, 'phone' | 'doneAt'> & { createdAt?: Date | string | null }): boolean {
  const phone = connectsWith(call);
  if (!phone || callback.doneAt !== null || callback.phone !== phone) return false;
  if (callback.createdAt == null) return true;
  return new Date(callback.createdAt).getTime() <= callEnd(call).getTime();
}

/** When the callback counts as done: when the call began, but never before the task existed. */
export function callbackDoneAt(call: ConnectedCall, createdAt: Date | string | null | undefined): Date {
  const started = new Date(call.startedAt);
  const created = createdAt == null ? null : new Date(createdAt);
  return created && created.getTime() > started.getTime() ? created : started;
}

/** The open callbacks left once the calls logged here (not yet on the server) are counted. */
export function stillOpenCallbacks<C extends Callback>(callbacks: readonly C[], pendingCalls: readonly ConnectedCall[]): C[] {
  const closing = pendingCalls.filter((c) => connectsWith(c) !== null);
  if (closing.length === 0) return [...callbacks];
  return callbacks.filter((cb) => !closing.some((call) => callClosesCallback(call, cb)));
}
