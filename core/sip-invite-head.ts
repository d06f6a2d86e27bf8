// Just enough of a new INVITE, read from the raw text, to show the screen pop before SIP.js has
// parsed the whole message (~5–10 ms of grammar work per INVITE on an operator's PC). SIP.js
// still parses it right after; when in doubt this answers null and the normal path is taken.

export interface InviteHead {
  callId: string;
  fromUser: string;
  fromHost: string;
  displayName: string;
  toUser: string;
  xCalledNumber: string | undefined;
  diversion: string | undefined;
  /** `Privacy: id` — the caller asked to hide their number. */
  privacyId: boolean;
}

/** Compact header forms (RFC 3261 §7.3.3) for the headers read here. */
const COMPACT: Record<string, string> = { f: 'from', t: 'to', i: 'call-id' };

function headersOf(raw: string): Map<string, string> | null {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const lines = head.split('\r\n');
  const out = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // Folded header lines are legal but never sent by real PBXes; leave such INVITEs to SIP.js.
    if (line.startsWith(' ') || line.startsWith('\t')) return null;
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    const name = line.slice(0, colon).trim().toLowerCase();
    const key = COMPACT[name] ?? name;
    // Only the first of a repeated header counts (Diversion may repeat: the first is the latest).
    if (!out.has(key)) out.set(key, line.slice(colon + 1).trim());
  }
  return out;
}

/** `"Name" <sip:user@host>;tag=…`, `Name <sip:…>` or `sip:user@host;tag=…`. */
function nameAddr(value: string): { displayName: string; user: string; host: string; tag: boolean } | null {
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*<(sips?:[^>]+)>(.*)$/i.exec(value);
  const uri = m ? m[3] : /^(sips?:[^;\s]+)/i.exec(value)?.[1];
  const params = m ? (m[4] ?? '') : value.slice(uri?.length ?? 0);
  if (!uri) return null;
  const u = /^sips?:(?:([^@;?]*)@)?([^;?>:]+)/i.exec(uri);
  if (!u) return null;
  const display = m ? (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim()) : '';
  return { displayName: display, user: decodeURIComponent(u[1] ?? ''), host: u[2] ?? '', tag: /;\s*tag=/i.test(params) };
}

/**
 * The head of a dialog-creating INVITE, or null when `raw` is not one (a re-INVITE, a
 * replacing INVITE of an attended transfer, a malformed one) or looks unusual.
 */
export function readInviteHead(raw: string): InviteHead | null {
  if (!raw.startsWith('INVITE ')) return null;
  let h: Map<string, string> | null;
  try {
    h = headersOf(raw);
  } catch {
    return null;
  }
  if (!h) return null;
  // A Replaces INVITE takes over a call we are in (attended transfer); no banner for it.
  if (h.has('replaces')) return null;
  const callId = h.get('call-id');
  const from = h.get('from');
  const to = h.get('to');
  if (!callId || !from || !to) return null;
  let f: ReturnType<typeof nameAddr>;
  let t: ReturnType<typeof nameAddr>;
  try {
    f = nameAddr(from);
    t = nameAddr(to);
  } catch {
    return null; // e.g. a malformed %-escape in the user part
  }
  if (!f || !t || t.tag) return null;
  return {
    callId,
    fromUser: f.user,
    fromHost: f.host,
    displayName: f.displayName,
    toUser: t.user,
    xCalledNumber: h.get('x-called-number'),
    diversion: h.get('diversion'),
    privacyId: /^id$/i.test(h.get('privacy') ?? ''),
  };
}
