// Fan-out of main-side events to every connected renderer (IPC windows, browser tabs).
import type { Log } from './log.js';
import type { EventEnvelope, EventName, EventPayload } from '../../core/contract.js';

export function createEventHub(logger: Log) {
  const listeners = new Set<(e: EventEnvelope) => void>();
  return {
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      for (const l of [...listeners]) {
        try {
          l({ event, payload });
        } catch (err) {
          // One broken window must not starve the others.
          logger.warn({ err, event }, 'event listener failed');
        }
      }
    },
    subscribe(listener: (e: EventEnvelope) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
