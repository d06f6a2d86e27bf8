// What an inbound email says about a lead: the phone written somewhere in it (normalized with
// core/phone.ts) and the product codes it mentions, with «× 2» / «2 шт.» quantities.
import { normalizePhone } from '../../../core/phone.js';

/** Phone-like runs: digits with the separators people type (+7 (916) 000-11-22, 8 916 0001122). */
const PHONE_LIKE = /\+?\d[\d\s\-().]{8,22}\d/g;

/** The first phone in the text that is a real number; null when there is none. */
export function findPhone(text: string): { e164: string; raw: string } | null {
  for (const m of text.matchAll(PHONE_LIKE)) {
    const raw = m[0].trim();
    const e164 = normalizePhone(raw);
    if (e164) return { e164, raw };
  }
  return null;
}

/** Code-like words: letters, digits and dashes, with a digit or a dash in them (GROHE-33202, INSTALL-STD). */
const CODE_LIKE = /(?<![\p{L}\p{N}-])([A-Za-z0-9][A-Za-z0-9-]{1,62}[A-Za-z0-9])(?![\p{L}\p{N}-])(?:\s*(?:[x×х*]\s*(\d{1,2})\b|[-–—:]?\s*(\d{1,2})\s*шт))?/gu;
const MAX_CODES = 100;

/** Candidate codes (upper-cased) with the quantity written after them (1 when none). */
export function findCodes(text: string): Map<string, number> {
  const codes = new Map<string, number>();
  for (const m of text.matchAll(CODE_LIKE)) {
    const code = (m[1] ?? '').toUpperCase();
    if (!/[0-9-]/.test(code) || /^\d+$/.test(code)) continue; // plain words and bare numbers are not codes
    const qty = Math.min(99, Math.max(1, Number(m[2] ?? m[3] ?? 1)));
    if (!codes.has(code)) codes.set(code, qty);
    if (codes.size >= MAX_CODES) break;
  }
  return codes;
}

/** The customer's name: the display name, else the mailbox's local part; never markup. */
export function senderName(displayName: string | null, email: string): string {
  const name = (displayName ?? '').replace(/<[^>]*>/g, '').replace(/[<>"]/g, '').trim() || email.split('@')[0] || email;
  return name.slice(0, 200);
}
