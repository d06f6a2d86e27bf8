// A PultApi whose answers the test sets per method.
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, PultApi } from '../../core/contract.js';
import type { Result } from '../../core/errors.js';

type Handler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

export class FakeApi implements PultApi {
  calls: { method: MethodName; input: unknown }[] = [];
  private handlers = new Map<MethodName, Handler>();
  private listeners = new Map<EventName, Set<(p: unknown) => void>>();

  answer<M extends MethodName>(method: M, handler: (input: MethodInput<M>) => Result<MethodOutput<M>> | Promise<Result<MethodOutput<M>>>): this {
    this.handlers.set(method, handler as Handler);
    return this;
  }
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    this.calls.push({ method, input });
    const h = this.handlers.get(method);
    if (!h) return { ok: false, error: { code: 'internal', message: `no fake for ${method}` } };
    return (await h(input)) as Result<MethodOutput<M>>;
  }
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
}
