// A small RFC 822 / MIME reader for inbound email leads (no mail library at runtime): headers
// with folding and RFC 2047 encoded words, the sender, the Message-ID, and the readable text —
// text/plain preferred, else text/html with its tags stripped — through base64 or
// quoted-printable and any charset Node's TextDecoder knows (utf-8, koi8-r, windows-1251…).
// Anything that is not a message with a sender is refused as junk.
import { PultError } from '../../../core/errors.js';

export interface ParsedMessage {
  /** As written, angle brackets removed; null when the message has none. */
  messageId: string | null;
  fromEmail: string;
  /** The display name; null when the sender gave none. */
  fromName: string | null;
  subject: string;
  text: string;
}

type Headers = Map<string, string[]>;

const MAX_PARTS = 50;
const MAX_DEPTH = 5;
const junk = (why: string) => new PultError('lead.bad_message', `Not a readable email: ${why}`);

/** Splits head and body at the first empty line (CRLF or LF). */
function splitAtBlankLine(bytes: Buffer): { head: string; body: Buffer } {
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return { head: bytes.subarray(0, i).toString('utf8'), body: bytes.subarray(i + 2) };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { head: bytes.subarray(0, i).toString('utf8'), body: bytes.subarray(i + 3) };
  }
  return { head: bytes.toString('utf8'), body: Buffer.alloc(0) };
}

function parseHeaders(head: string): Headers {
  const headers: Headers = new Map();
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ').replace(/\r$/, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (!m) continue;
    const name = (m[1] ?? '').toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), (m[2] ?? '').trim()]);
  }
  return headers;
}

const first = (h: Headers, name: string): string | null => h.get(name)?.[0] ?? null;

function decodeText(bytes: Uint8Array, charset: string | null): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function quotedPrintable(text: string, underscoreIsSpace: boolean): Buffer {
  const src = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const ch = src.charCodeAt(i);
    if (ch === 0x3d && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      out.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === 0x5f && underscoreIsSpace) out.push(0x20);
    else out.push(...Buffer.from(src[i] ?? '', 'utf8'));
  }
  return Buffer.from(out);
}

/** RFC 2047: «=?UTF-8?B?0J/RkdGC0YA=?=» → «Пётр»; adjacent encoded words join without the space. */
export function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
    const bytes = enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64') : quotedPrintable(data, true);
    return decodeText(bytes, charset.replace(/\*.*$/, ''));
  });
}

/** `text/plain; charset="koi8-r"` → type and lowercase parameter names. */
function contentType(value: string | null): { type: string; params: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*"?([^"]*)"?\s*$/.exec(p);
    if (m?.[1]) params[m[1].toLowerCase()] = m[2] ?? '';
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(body: Buffer, encoding: string | null): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return quotedPrintable(body.toString('latin1'), false);
    default:
      return body;
  }
}

/** Tags and entities out, line breaks kept where blocks end. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

interface Part {
  headers: Headers;
  body: Buffer;
}

/** The readable text of a part: plain text first, HTML as a fallback, attachments skipped. */
function readableText(part: Part, depth: number, budget: { parts: number }): { plain: string | null; html: string | null } {
  if (--budget.parts < 0) throw junk('too many parts');
  const ct = contentType(first(part.headers, 'content-type'));
  const disposition = (first(part.headers, 'content-disposition') ?? '').toLowerCase();
  if (disposition.startsWith('attachment')) return { plain: null, html: null };
  if (ct.type.startsWith('multipart/')) {
    if (depth >= MAX_DEPTH) throw junk('nested too deep');
    const boundary = ct.params.boundary;
    if (!boundary) throw junk('multipart without a boundary');
    let plain: string | null = null;
    let html: string | null = null;
    for (const child of splitMultipart(part.body, boundary)) {
      const r = readableText(child, depth + 1, budget);
      plain ??= r.plain;
      html ??= r.html;
    }
    return { plain, html };
  }
  if (ct.type !== 'text/plain' && ct.type !== 'text/html') return { plain: null, html: null };
  const text = decodeText(decodeBody(part.body, first(part.headers, 'content-transfer-encoding')), ct.params.charset ?? null);
  return ct.type === 'text/plain' ? { plain: text, html: null } : { plain: null, html: htmlToText(text) };
}

function splitMultipart(body: Buffer, boundary: string): Part[] {
  const text = body.toString('latin1'); // byte-preserving: each part is re-read as bytes
  const delimiter = `--${boundary}`;
  const parts: Part[] = [];
  const chunks = text.split(new RegExp(`(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break; // the closing delimiter
    const bytes = Buffer.from(chunk.replace(/^[ \t]*\r?\n/, ''), 'latin1');
    const { head, body: partBody } = splitAtBlankLine(bytes);
    parts.push({ headers: parseHeaders(head), body: partBody });
  }
  return parts;
}

/** `"Пётр Иванов" <petr@example.ru>`, `Пётр <petr@example.ru>`, `petr@example.ru (Пётр)`, `petr@example.ru`. */
export function parseSender(value: string): { email: string; name: string | null } | null {
  const decoded = decodeWords(value);
  const angle = /^(.*)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/.exec(decoded);
  if (angle) {
    const name = (angle[1] ?? '').trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim();
    return { email: (angle[2] ?? '').toLowerCase(), name: name || null };
  }
  const bare = /^\s*([^\s()<>]+@[^\s()<>]+)\s*(?:\((.*)\))?\s*$/.exec(decoded);
  if (bare) return { email: (bare[1] ?? '').toLowerCase(), name: bare[2]?.trim() || null };
  return null;
}

export function parseMessage(raw: Buffer): ParsedMessage {
  const { head, body } = splitAtBlankLine(raw);
  const headers = parseHeaders(head);
  const from = first(headers, 'from');
  if (!from) throw junk('no From header');
  const sender = parseSender(from);
  if (!sender || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(sender.email)) throw junk('the sender has no email address');
  const { plain, html } = readableText({ headers, body }, 0, { parts: MAX_PARTS });
  const messageId = first(headers, 'message-id')?.replace(/^<|>$/g, '').trim() || null;
  return {
    messageId,
    fromEmail: sender.email,
    fromName: sender.name,
    subject: decodeWords(first(headers, 'subject') ?? '').trim(),
    text: (plain ?? html ?? '').replace(/\r\n/g, '\n').trim(),
  };
}
