// Channels the notification outbox sends through.
export type SendResult = { ok: true; providerId: string } | { ok: false; retryable: boolean; reason: string };

export interface SmsGateway {
  readonly name: string;
  send(toE164: string, text: string): Promise<SendResult>;
}

export interface EmailSender {
  send(message: { to: string; subject: string; text: string }): Promise<SendResult>;
}
