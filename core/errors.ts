// Typed errors: a stable code (the UI translates it) plus a human message (logs, fallback text).
import { z } from 'zod';

export const ErrorCode = z.enum([
  'validation',
  'auth.empty_login',
  'auth.empty_password',
  'auth.invalid_credentials',
  'auth.session_expired',
  'server.bad_url',
  'server.unreachable',
  'server.error',
  'forbidden',
  'not_found',
  'conflict',
  'transition.forbidden',
  'transition.unknown_stage',
  'reason.required',
  'reason.not_allowed',
  'claim.taken',
  'lead.bad_key',
  'lead.bad_phone',
  'lead.unknown_product',
  'lead.duplicate',
  /** An inbound email that is not a readable message with a sender. */
  'lead.bad_message',
  /** An inbound email with no phone in it from a sender we do not know. */
  'lead.no_phone',
  /** A visit time on an order that is already closed (done or failed). */
  'appointment.order_closed',
  'payload_too_large',
  'not_logged_in',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field-level problems for forms: field name → message code. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export class PultError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'PultError';
    this.code = code;
    if (fields) this.fields = fields;
  }
  toBody(): ApiErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export function toErrorBody(e: unknown): ApiErrorBody {
  if (e instanceof PultError) return e.toBody();
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
