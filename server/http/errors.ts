// One error shape for every endpoint: core ApiErrorBody with a fitting 4xx/5xx status.
// Unknown errors become a generic 500; details go to the log, never to the client.
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PultError, type ApiErrorBody, type ErrorCode } from '../../core/errors.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  validation: 400,
  'auth.empty_login': 400,
  'auth.empty_password': 400,
  'auth.invalid_credentials': 401,
  'auth.session_expired': 401,
  not_logged_in: 401,
  forbidden: 403,
  'transition.forbidden': 403,
  not_found: 404,
  conflict: 409,
  'transition.unknown_stage': 422,
  'reason.required': 422,
  'reason.not_allowed': 422,
  'claim.taken': 409,
  'lead.bad_key': 401,
  'lead.bad_phone': 400,
  'lead.unknown_product': 422,
  'lead.duplicate': 409,
  'lead.bad_message': 400,
  'lead.no_phone': 422,
  payload_too_large: 413,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

/** Field path → first issue code, for forms. */
function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.code;
  }
  return fields;
}

/** Parses request input with a zod schema; a failure is a 400 `validation` PultError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new PultError('validation', 'Invalid request', fieldsOf(result.error));
  return result.data;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | PultError | Error, request, reply) => {
    let body: ApiErrorBody;
    let status: number;
    if (error instanceof PultError) {
      body = error.toBody();
      status = statusFor(error.code);
    } else if (error instanceof z.ZodError) {
      body = { code: 'validation', message: 'Invalid request', fields: fieldsOf(error) };
      status = 400;
    } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500) {
      // Fastify's own 4xx (bad JSON, empty JSON body, too large): the request was wrong.
      const code = error.statusCode === 404 ? 'not_found' : error.statusCode === 413 ? 'payload_too_large' : 'validation';
      body = { code, message: error.message };
      status = error.statusCode;
    } else {
      request.log.error({ err: error }, 'unhandled error');
      body = { code: 'internal', message: 'Internal server error' };
      status = 500;
    }
    if (status < 500) request.log.info({ code: body.code, status }, 'request refused');
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } satisfies ApiErrorBody);
  });
}
