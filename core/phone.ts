// Phone normalization: every phone is stored and looked up as E.164 (+79123456789).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export const DEFAULT_REGION: CountryCode = 'RU';

/**
 * Normalizes a phone written in any common Russian form to E.164, or returns null when it
 * is not a valid number. Handles `+7 (912) 345-67-89`, `8 912 345 67 89`, `79123456789`,
 * `9123456789`, `tel:` prefixes and stray characters.
 */
export function normalizePhone(raw: string, region: CountryCode = DEFAULT_REGION): string | null {
  let s = raw.trim().replace(/^(tel|callto|sip):(\/\/)?/i, '');
  if (s.length === 0 || s.length > 64) return null;
  const digits = s.replace(/\D/g, '');
  if (region === 'RU' && !s.startsWith('+')) {
    // Russian habits: 8XXXXXXXXXX (trunk prefix), 7XXXXXXXXXX (no plus), XXXXXXXXXX (no prefix).
    if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) s = `+7${digits.slice(1)}`;
    else if (digits.length === 10 && digits.startsWith('9')) s = `+7${digits}`;
  }
  const parsed = parsePhoneNumberFromString(s, region);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/**
 * Formats an E.164 number the way Russian operators read it: +7 912 345-67-89.
 * (libphonenumber's international format for RU uses spaces only, so Russian numbers are
 * built from the national format.)
 */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  if (parsed.countryCallingCode === '7') {
    const national = parsed.formatNational().replace(/^8\s*/, '').replace(/[()]/g, '').replace(/\s+/g, ' ').trim();
    return `+7 ${national}`;
  }
  return parsed.formatInternational();
}

/** Masks a phone for logs at info level: +7912***6789. */
export function maskPhone(e164: string): string {
  return e164.length > 8 ? `${e164.slice(0, 5)}***${e164.slice(-4)}` : '***';
}
