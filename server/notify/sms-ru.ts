// SMS through SMS.ru's documented HTTP API (POST /sms/send with api_id, to, msg, json=1).
// Behind the SmsGateway interface so another provider can replace it.
import { z } from 'zod';
import type { SendResult, SmsGateway } from './types.js';

const SmsRuResponse = z.object({
  status: z.string(),
  status_code: z.number(),
  status_text: z.string().optional(),
  sms: z
    .record(
      z.string(),
      z.object({ status: z.string(), status_code: z.number(), sms_id: z.string().optional(), status_text: z.string().optional() }),
    )
    .optional(),
});

export interface SmsRuOptions {
  apiId: string;
  /** https://sms.ru in production; a local server in tests. */
  baseUrl?: string;
  /** Sender name approved by SMS.ru, optional. */
  from?: string;
  timeoutMs?: number;
}

/** SMS.ru codes that will not get better by retrying (bad number, banned text, bad api_id…). */
const PERMANENT = new Set([200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 230, 231, 232, 300, 301, 302]);

export function smsRuGateway(opts: SmsRuOptions): SmsGateway {
  const base = (opts.baseUrl ?? 'https://sms.ru').replace(/\/+$/, '');
  return {
    name: 'sms.ru',
    async send(toE164, text): Promise<SendResult> {
      const to = toE164.replace(/^\+/, '');
      const form = new URLSearchParams({ api_id: opts.apiId, to, msg: text, json: '1' });
      if (opts.from) form.set('from', opts.from);
      let body: unknown;
      try {
        const res = await fetch(`${base}/sms/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        if (!res.ok) return { ok: false, retryable: res.status >= 500 || res.status === 429, reason: `HTTP ${res.status}` };
        body = await res.json();
      } catch (e) {
        return { ok: false, retryable: true, reason: e instanceof Error ? e.message : String(e) };
      }
      const parsed = SmsRuResponse.safeParse(body);
      if (!parsed.success) return { ok: false, retryable: true, reason: 'unexpected answer from SMS.ru' };
      const r = parsed.data;
      const one = r.sms?.[to];
      const code = r.status_code !== 100 ? r.status_code : (one?.status_code ?? 0);
      if (code === 100 && one?.status === 'OK') return { ok: true, providerId: one.sms_id ?? '' };
      const reason = `SMS.ru ${code}: ${one?.status_text ?? r.status_text ?? 'error'}`;
      return { ok: false, retryable: !PERMANENT.has(code), reason };
    },
  };
}
