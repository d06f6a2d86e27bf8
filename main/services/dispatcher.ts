// One entry point for every contract method: validate input, run the handler, validate output,
// and turn every failure into a Result with a code. Never throws.
import type { Log } from './log.js';
import type { z } from 'zod';
import { contract, type Contract, type EventEnvelope, type MethodName, type MethodOutput } from '../../core/contract.js';
import { PultError, type ApiErrorBody, type Result } from '../../core/errors.js';
import type { ApiHost } from './api-host.js';

export type Handlers = {
  [M in MethodName]: (input: z.infer<Contract[M]['input']>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface DispatcherServices {
  handlers: Handlers;
  subscribe(listener: (event: EventEnvelope) => void): () => void;
  logger: Log;
}

function validationError(issues: readonly z.core.$ZodIssue[]): ApiErrorBody {
  const fields: Record<string, string> = {};
  // A refinement names its rule in the message ('markup'): more precise words for the user.
  for (const i of issues) fields[i.path.map(String).join('.') || '_'] = i.code === 'custom' && /^[a-z_]+$/.test(i.message) ? i.message : i.code;
  return { code: 'validation', message: issues[0]?.message ?? 'Invalid input', fields };
}

export function createApiHost(services: DispatcherServices): ApiHost {
  const { handlers, logger } = services;
  return {
    async handle(method: MethodName, input: unknown): Promise<Result<unknown>> {
      // The method name arrives from another process or a socket: check it at runtime too.
      if (!Object.hasOwn(contract, method)) return { ok: false, error: { code: 'validation', message: `Unknown method ${String(method)}` } };
      const spec = contract[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
      try {
        const handler = handlers[method] as (i: unknown) => unknown;
        const value: unknown = await handler(parsed.data);
        const out = spec.output.safeParse(value);
        if (!out.success) {
          logger.error({ method, issues: out.error.issues }, 'handler returned data outside the contract');
          return { ok: false, error: { code: 'internal', message: 'Internal error' } };
        }
        return { ok: true, value: out.data };
      } catch (e) {
        if (e instanceof PultError) return { ok: false, error: e.toBody() };
        // Unknown failures may carry paths or data; log them, answer with a safe message.
        logger.error({ err: e, method }, 'handler failed');
        return { ok: false, error: { code: 'internal', message: 'Internal error' } };
      }
    },
    subscribe: (listener) => services.subscribe(listener),
  };
}
