// Turns an error from the API into words for the operator. Codes are keys: `a.b` → errors.a.b.
import type { TFunction } from 'i18next';
import type { ApiErrorBody } from '../../core/errors.js';

export function errorMessage(t: TFunction, error: Pick<ApiErrorBody, 'code'>): string {
  return t(`errors.${error.code}`, { defaultValue: t('errors.internal') });
}

/** A field's message code may be an ErrorCode or a short field code like `required`. */
export function fieldMessage(t: TFunction, code: string, whole: Pick<ApiErrorBody, 'code'>): string {
  const asError = `errors.${code}`;
  const asField = `fieldErrors.${code}`;
  return t([asError, asField], { defaultValue: errorMessage(t, whole) });
}
