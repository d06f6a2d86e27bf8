// The main side's one entry point for the renderer: both the Electron IPC host and the
// browser-mode WebSocket bridge forward requests here and relay its events.
import type { EventEnvelope, MethodName } from '../../core/contract.js';
import type { Result } from '../../core/errors.js';

export interface ApiHost {
  /** Validates `input` against the contract, runs the handler, never throws. */
  handle(method: MethodName, input: unknown): Promise<Result<unknown>>;
  /** Events for every connected renderer. Returns an unsubscribe function. */
  subscribe(listener: (event: EventEnvelope) => void): () => void;
}
