// Email through a real SMTP server (nodemailer).
import nodemailer from 'nodemailer';
import type { EmailSender, SendResult } from './types.js';

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Loopback test servers use self-signed certificates. */
  allowSelfSigned?: boolean;
}

/** SMTP reply codes that mean "try later" (4xx) as opposed to "never" (5xx). */
function retryable(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'responseCode' in e ? Number((e as { responseCode: unknown }).responseCode) : NaN;
  return Number.isNaN(code) || code < 500;
}

export function smtpSender(opts: SmtpOptions): EmailSender {
  const transport = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure ?? false,
    ...(opts.user ? { auth: { user: opts.user, pass: opts.password ?? '' } } : {}),
    tls: { rejectUnauthorized: !opts.allowSelfSigned },
    connectionTimeout: 10_000,
  });
  return {
    async send(message): Promise<SendResult> {
      try {
        const info = await transport.sendMail({ from: opts.from, to: message.to, subject: message.subject, text: message.text });
        return { ok: true, providerId: String(info.messageId ?? '') };
      } catch (e) {
        return { ok: false, retryable: retryable(e), reason: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
