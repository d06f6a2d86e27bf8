// Phones are stored as E.164; the one formatting rule lives in core.
export { formatPhone } from '../../core/phone.js';

/** A `tel:` link target for a stored E.164 number. */
export function telHref(e164: string): string {
  return `tel:${e164}`;
}
