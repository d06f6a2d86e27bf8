// Which login field an error belongs to, so the message appears next to it.
import type { ApiErrorBody, ErrorCode } from '../../../core/errors.js';

export type LoginField = 'serverUrl' | 'login' | 'password';
export const LOGIN_FIELDS: readonly LoginField[] = ['serverUrl', 'login', 'password'];

const fieldOfCode: Partial<Record<ErrorCode, LoginField>> = {
  'server.bad_url': 'serverUrl',
  'auth.empty_login': 'login',
  'auth.empty_password': 'password',
};

/** Field → message code. Uses `error.fields` when the main side sent them. */
export function loginFieldErrors(error: ApiErrorBody | null): Partial<Record<LoginField, string>> {
  if (!error) return {};
  const out: Partial<Record<LoginField, string>> = {};
  for (const f of LOGIN_FIELDS) {
    const code = error.fields?.[f];
    if (code) out[f] = code;
  }
  const own = fieldOfCode[error.code];
  if (own && !out[own]) out[own] = error.code;
  return out;
}
