// tel:, callto: and sip: links (and free text from the global hotkey) → a typed dial target or a
// typed refusal. Everything here arrives from outside the app (a web page, an e-mail, another
// program's command line, the clipboard), so it is parsed strictly: size limits before any regex,
// control characters refused before and after percent-decoding, no SIP headers or URI params.
import { normalizePhone } from '../../core/phone.js';

export const DIAL_SCHEMES = ['tel', 'callto', 'sip'] as const;
export type DialScheme = (typeof DIAL_SCHEMES)[number];

export type DialTarget =
  | { kind: 'phone'; phone: string }
  /** A SIP address: user and host only, lower-cased host, no params/headers. */
  | { kind: 'sip'; uri: string };

export type DialRefusal =
  | 'not_a_string'
  | 'too_long'
  | 'control_chars'
  | 'unknown_scheme'
  | 'bad_encoding'
  | 'forbidden_chars'
  | 'not_a_phone'
  | 'bad_sip_address';

export type DialParse = { ok: true; target: DialTarget } | { ok: false; reason: DialRefusal };

/** Longer than any real link; checked before anything else so 1 MB inputs cost nothing. */
export const MAX_LINK_LENGTH = 256;
/** Hotkey text: a selected line, not a document. */
export const MAX_TEXT_LENGTH = 200;

// C0, DEL, C1 controls and the Unicode line/paragraph separators and bidi overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** What a written phone number may contain: digits, one leading +, visual separators. */
const PHONE_CHARS = /^\+?[0-9 ()\-.\u00a0]+$/;
const SIP_USER = /^[A-Za-z0-9+._\-!~*'()]{1,64}$/;
const SIP_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?$/;

const refuse = (reason: DialRefusal): DialParse => ({ ok: false, reason });

function phoneTarget(text: string): DialParse {
  if (!PHONE_CHARS.test(text)) return refuse('forbidden_chars');
  const phone = normalizePhone(text);
  return phone ? { ok: true, target: { kind: 'phone', phone } } : refuse('not_a_phone');
}

function sipTarget(rest: string): DialParse {
  // `sip:user@host;transport=tcp?Subject=x` — params and headers could steer the call or inject
  // SIP headers; a link gets user@host and nothing else.
  if (/[;?#]/.test(rest)) return refuse('forbidden_chars');
  const at = rest.lastIndexOf('@');
  const user = at >= 0 ? rest.slice(0, at) : '';
  const host = at >= 0 ? rest.slice(at + 1) : rest;
  if (at < 0) {
    // `sip:89123456789` (no host): treat it as a number.
    return phoneTarget(rest);
  }
  if (!SIP_USER.test(user) || !SIP_HOST.test(host)) return refuse('bad_sip_address');
  const port = host.includes(':') ? Number(host.split(':')[1]) : 0;
  if (port > 65535) return refuse('bad_sip_address');
  return { ok: true, target: { kind: 'sip', uri: `sip:${user}@${host.toLowerCase()}` } };
}

/** Parses a `tel:` / `callto:` / `sip:` URL (as the OS hands it to us). */
export function parseDialLink(raw: unknown): DialParse {
  if (typeof raw !== 'string') return refuse('not_a_string');
  if (raw.length > MAX_LINK_LENGTH) return refuse('too_long');
  if (CONTROL.test(raw)) return refuse('control_chars');
  const m = /^([A-Za-z]+):(.*)$/s.exec(raw.trim());
  if (!m) return refuse('unknown_scheme');
  const scheme = m[1]!.toLowerCase();
  if (!(DIAL_SCHEMES as readonly string[]).includes(scheme)) return refuse('unknown_scheme');
  let rest = m[2]!;
  // callto://8912… and tel://… (seen in the wild): drop the authority slashes.
  if (scheme !== 'sip') rest = rest.replace(/^\/\//, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return refuse('bad_encoding');
  }
  if (CONTROL.test(decoded)) return refuse('control_chars'); // %0d%0a, %00 …
  if (decoded.includes('%')) return refuse('bad_encoding'); // double encoding
  decoded = decoded.trim();
  if (decoded.length === 0) return refuse('not_a_phone');
  return scheme === 'sip' ? sipTarget(decoded) : phoneTarget(decoded);
}

/** Free text from the selection/clipboard (global hotkey): a number, or a dial link. */
export function parseDialText(raw: unknown): DialParse {
  if (typeof raw !== 'string') return refuse('not_a_string');
  if (raw.length > MAX_TEXT_LENGTH) return refuse('too_long');
  const text = raw.trim();
  if (CONTROL.test(text)) return refuse('control_chars'); // a multi-line selection is not a number
  if (/^(?:tel|callto|sip):/i.test(text)) return parseDialLink(text);
  return phoneTarget(text);
}

/**
 * The dial link on a command line (Windows/Linux hand the link to the new process as an
 * argument). Flags and the executable path are skipped; the first dial-scheme argument wins.
 */
export function findDialLinkInArgv(argv: readonly unknown[]): string | null {
  for (const arg of argv.slice(0, 32)) {
    if (typeof arg !== 'string' || arg.startsWith('-')) continue;
    if (/^(?:tel|callto|sip):/i.test(arg)) return arg;
  }
  return null;
}
