import type { TFunction } from 'i18next';
import { findReason } from '../../../core/reasons.js';

/** A failure reason in the user's language; the core's Russian name if a code is not translated. */
export function reasonName(t: TFunction, code: string): string {
  return t(`reasons.codes.${code}`, { defaultValue: findReason(code)?.name ?? code });
}
