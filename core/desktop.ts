// Desktop integration messages of the API contract (core/contract.ts): dial requests from
// tel:/callto:/sip: links and the global hotkey, the softphone state the tray and the updater
// follow, native notifications and wake-up hints. Browser mode carries them too (no tray there).
import { z } from 'zod';
import { E164 } from './domain.js';

export const DialTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phone'), phone: E164 }),
  /** user@host only: the main side strips nothing, it refuses params and headers outright. */
  z.object({ kind: z.literal('sip'), uri: z.string().max(200).regex(/^sip:[^\s;?#@]+@[^\s;?#@]+$/) }),
]);
export type DialTarget = z.infer<typeof DialTarget>;

export const DialRequest = z.object({
  target: DialTarget,
  /** Where it came from: a link the OS handed to Pult, the global hotkey, a notification action. */
  source: z.enum(['link', 'hotkey', 'notification']),
});
export type DialRequest = z.infer<typeof DialRequest>;

/** What the softphone is doing; the tray shows it and the updater waits for `ready`/`offline`. */
export const PhoneState = z.enum(['offline', 'ready', 'ringing', 'on_call']);
export type PhoneState = z.infer<typeof PhoneState>;

export const NoticeKind = z.enum(['incoming_call', 'missed_call', 'callback_overdue']);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** A native notification the renderer asks for; the text is built on the main side (Russian). */
export const DesktopNotice = z.object({
  /** The renderer's id (call id, callback id); comes back with the action. */
  id: z.string().min(1).max(64),
  kind: NoticeKind,
  phone: E164.nullable(),
  /** Customer name when known. */
  name: z.string().max(200).nullable(),
});
export type DesktopNotice = z.infer<typeof DesktopNotice>;

export const NoticeAction = z.object({ id: z.string().max(64), action: z.enum(['answer', 'call_back', 'open']) });
export type NoticeAction = z.infer<typeof NoticeAction>;

export const MicrophoneAccess = z.enum(['granted', 'denied', 'restricted', 'not-determined', 'unknown']);
export type MicrophoneAccess = z.infer<typeof MicrophoneAccess>;

/** The computer woke up or the screen was unlocked: re-register SIP, resync. */
export const SystemResumed = z.object({ reason: z.enum(['resume', 'unlock-screen']) });
export type SystemResumed = z.infer<typeof SystemResumed>;
