// Softphone rules shared by both sides: the SIP account (validated here, stored by the main
// side, the password kept apart in the secret store) and the dial rules that turn what the
// operator clicked or typed into what the PBX expects. Pure functions, no I/O.
import { z } from 'zod';
import { normalizePhone } from './phone.js';

/** A SIP-over-WebSocket server. `ws://` is accepted for loopback/LAN test benches only. */
export const WsServerUri = z
  .string()
  .trim()
  .max(500)
  .regex(/^wss?:\/\/[^\s/?#]+(\/[^\s]*)?$/i, 'ws_uri');

/** sip:user@domain — the operator's own address of record. */
export const SipUri = z
  .string()
  .trim()
  .max(300)
  .regex(/^sips?:[^@\s:;]+@[^@\s;]+$/i, 'sip_uri');

export const IceServer = z.object({
  urls: z.string().trim().max(500).regex(/^(stun|turns?):[^\s]+$/i, 'ice_uri'),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export const DialRules = z.object({
  /** How a Russian number is sent: +79123456789, 89123456789 or 79123456789. */
  national: z.enum(['plus7', '8', '7']).default('8'),
  /** How a foreign number is sent: +CC…, 810CC… (Russian long-distance) or 00CC…. */
  international: z.enum(['plus', '810', '00']).default('810'),
  /** Digits dialled before every outside number ("9" on many office PBXs); empty for none. */
  outboundPrefix: z.string().regex(/^[0-9*#]{0,4}$/, 'prefix').default(''),
  /** Numbers this short are internal extensions and are dialled as typed. */
  maxExtensionLength: z.number().int().min(2).max(8).default(6),
});
export type DialRules = z.infer<typeof DialRules>;

/**
 * PBX feature codes for call monitoring (Asterisk ChanSpy and the like) for sites that prefer
 * them to Pult's own SIP monitoring, e.g. `*222{ext}`; `{ext}` is the operator's extension (the
 * user part of their SIP URI). Empty = use Pult's monitoring for that mode.
 */
export const MonitorDialTemplate = z
  .string()
  .trim()
  .max(40)
  .regex(/^(?:[0-9*#]*\{ext\}[0-9*#]*)?$/, 'monitor_template');
export const MonitorDialStrings = z.object({
  listen: MonitorDialTemplate.default(''),
  whisper: MonitorDialTemplate.default(''),
  barge: MonitorDialTemplate.default(''),
});
export type MonitorDialStrings = z.infer<typeof MonitorDialStrings>;

/** The feature code to dial for this mode and extension; null when the site set none for it. */
export function renderMonitorDial(strings: Partial<MonitorDialStrings> | undefined, mode: keyof MonitorDialStrings, ext: string): string | null {
  const template = strings?.[mode]?.trim() ?? '';
  if (!MonitorDialTemplate.safeParse(template).success || template === '' || !/^[0-9A-Za-z*#+._-]{1,64}$/.test(ext)) return null;
  return template.replace('{ext}', ext);
}

export const SoftphoneAccountInput = z.object({
  enabled: z.boolean().default(true),
  /** Tried in order; on failure the next one is used (rotation). */
  servers: z.array(WsServerUri).min(1, 'servers_required').max(5),
  sipUri: SipUri,
  /** Digest user when it differs from the SIP URI's user; empty = the URI's user. */
  authUser: z.string().trim().max(200).default(''),
  displayName: z.string().trim().max(100).default(''),
  iceServers: z.array(IceServer).max(4).default([]),
  dialRules: DialRules.default({ national: '8', international: '810', outboundPrefix: '', maxExtensionLength: 6 }),
  /** Supervisors only: PBX feature codes for listen/whisper/barge (absent = Pult's own monitoring). */
  monitorDialStrings: MonitorDialStrings.optional(),
});
export type SoftphoneAccountInput = z.input<typeof SoftphoneAccountInput>;
export type SoftphoneAccount = z.infer<typeof SoftphoneAccountInput>;

/** What the renderer may see: the account, and whether a password is stored (never the password). */
export const SoftphoneAccountView = SoftphoneAccountInput.extend({ hasPassword: z.boolean() });
export type SoftphoneAccountView = z.infer<typeof SoftphoneAccountView>;

/** `phone.saveAccount` input: the account plus, optionally, a new password (absent = keep). */
export const SaveAccountInput = z.object({
  account: SoftphoneAccountInput,
  password: z.string().max(200).optional(),
});

export function sipUser(sipUri: string): string {
  const m = /^sips?:([^@]+)@/i.exec(sipUri);
  return m?.[1] ?? '';
}

export function sipDomain(sipUri: string): string {
  const m = /@([^;>\s]+)/.exec(sipUri);
  return m?.[1] ?? '';
}

export type DialTarget =
  | { kind: 'phone'; e164: string; dial: string }
  | { kind: 'extension'; dial: string }
  | { kind: 'sip'; uri: string };

export type DialError = 'empty' | 'invalid';

/** E.164 → the digits the PBX expects under these rules. */
export function renderDialString(e164: string, rules: DialRules): string {
  const digits = e164.replace(/^\+/, '');
  let body: string;
  if (digits.startsWith('7')) {
    body = rules.national === 'plus7' ? `+${digits}` : rules.national === '8' ? `8${digits.slice(1)}` : digits;
  } else {
    body = rules.international === 'plus' ? `+${digits}` : rules.international === '810' ? `810${digits}` : `00${digits}`;
  }
  return `${rules.outboundPrefix}${body}`;
}

/**
 * What the operator typed or clicked → what to call. Short digit strings are extensions,
 * `sip:` URIs go as they are, everything else must be a valid phone number.
 */
export function parseDialInput(raw: string, rules: DialRules): { ok: true; target: DialTarget } | { ok: false; error: DialError } {
  const s = raw.trim();
  if (s === '') return { ok: false, error: 'empty' };
  if (/^sips?:/i.test(s)) {
    return SipUri.safeParse(s).success ? { ok: true, target: { kind: 'sip', uri: s } } : { ok: false, error: 'invalid' };
  }
  const compact = s.replace(/[\s\-().]/g, '');
  if (/^[0-9*#]+$/.test(compact) && compact.length >= 2 && compact.length <= rules.maxExtensionLength && !compact.startsWith('+')) {
    return { ok: true, target: { kind: 'extension', dial: compact } };
  }
  // Only digits, spaces, brackets, dashes and one leading plus belong in a phone number.
  if (!/^\+?[0-9\s\-().]+$/.test(s)) return { ok: false, error: 'invalid' };
  const e164 = normalizePhone(s);
  if (!e164) return { ok: false, error: 'invalid' };
  return { ok: true, target: { kind: 'phone', e164, dial: renderDialString(e164, rules) } };
}

/** The SIP URI to INVITE for a target, within the account's domain. */
export function targetUri(target: DialTarget, domain: string): string {
  if (target.kind === 'sip') return target.uri;
  return `sip:${target.dial}@${domain}`;
}

/**
 * Caller identity from an INVITE, made safe to show: the display name stripped of markup,
 * quotes and control characters and shortened; the number normalized when it is one.
 */
export function callerFromSip(userPart: string | undefined, displayName: string | undefined): { e164: string | null; raw: string; name: string } {
  const raw = (userPart ?? '').slice(0, 64);
  const anonymous = raw === '' || /^(anonymous|restricted|unknown|unavailable)$/i.test(raw);
  const e164 = anonymous ? null : normalizePhone(raw);
  return { e164, raw: anonymous ? '' : raw, name: cleanDisplayName(displayName) };
}

export function cleanDisplayName(name: string | undefined): string {
  if (!name) return '';
  return name
    .replace(/<[^>]*>/g, ' ') // markup
    .replace(/["'`\\<>]/g, '') // quotes and stray brackets
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

/** Which line was called: X-Called-Number, else the Diversion user, else the To user. */
export function calledLine(headers: { xCalledNumber?: string | undefined; diversion?: string | undefined; toUser?: string | undefined }): string | null {
  const pick = (v: string | undefined) => {
    const s = (v ?? '').trim().slice(0, 64);
    return s === '' ? null : s;
  };
  const div = headers.diversion ? /sips?:([^@;>]+)/i.exec(headers.diversion)?.[1] : undefined;
  const line = pick(headers.xCalledNumber) ?? pick(div) ?? null;
  if (!line) return null;
  const digits = line.replace(/[^0-9+]/g, '');
  return normalizePhone(digits) ?? (digits || null);
}

/** Reconnect delay: 0.5 s doubling to 10 s, with ±20 % jitter so clients do not stampede. */
export function backoffMs(attempt: number, random: number = Math.random()): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random));
}
