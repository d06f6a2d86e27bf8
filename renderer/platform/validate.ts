// Every boundary parses: results and event payloads are checked against the core contract,
// whichever transport brought them (Electron preload or the WebSocket bridge).
import { contract, events, type EventName, type EventPayload, type MethodName, type MethodOutput } from '../../core/contract.js';
import { ApiErrorBody, type Result } from '../../core/errors.js';

export function localError(code: ApiErrorBody['code'], message: string): { ok: false; error: ApiErrorBody } {
  return { ok: false, error: { code, message } };
}

export function parseResult<M extends MethodName>(method: M, raw: unknown): Result<MethodOutput<M>> {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) return localError('internal', `Malformed result for ${method}`);
  if (raw.ok !== true) {
    const error = ApiErrorBody.safeParse((raw as { error?: unknown }).error);
    return error.success ? { ok: false, error: error.data } : localError('internal', `Malformed error for ${method}`);
  }
  const parsed = contract[method].output.safeParse((raw as { value?: unknown }).value);
  if (!parsed.success) {
    console.error(`[pult] ${method} returned data that does not match the contract`, parsed.error.issues);
    return localError('internal', `Invalid result for ${method}`);
  }
  return { ok: true, value: parsed.data as MethodOutput<M> };
}

export function parseEvent<E extends EventName>(event: E, payload: unknown): EventPayload<E> | null {
  const parsed = events[event].safeParse(payload);
  if (!parsed.success) {
    console.error(`[pult] event ${event} does not match the contract`, parsed.error.issues);
    return null;
  }
  return parsed.data as EventPayload<E>;
}
