// A lead from a web form or landing page, as the CRM's public endpoint accepts it. Products are
// referenced by their external code (SKU), so nobody hand-writes codes into buttons.
import { z } from 'zod';

/** Names are plain text: markup in a name is refused rather than stored and shown later. */
const PlainName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(200)
  .refine((s) => !/[<>]/.test(s), 'markup');

export const LeadItem = z.object({
  sku: z.string().trim().min(1).max(64),
  qty: z.number().int().min(1).max(99).default(1),
});

export const LeadRequest = z.object({
  name: PlainName,
  phone: z.string().trim().min(1, 'required').max(64),
  email: z.string().trim().email().max(200).optional(),
  city: z.string().trim().max(100).optional(),
  /** The district within the city, as the site names it; technicians are assigned by it. */
  district: z.string().trim().max(100).refine((s) => !/[<>]/.test(s), 'markup').optional(),
  address: z.string().trim().max(500).optional(),
  comment: z.string().trim().max(2000).optional(),
  items: z.array(LeadItem).max(50).default([]),
  utm: z
    .object({ source: z.string().max(100).optional(), medium: z.string().max(100).optional(), campaign: z.string().max(200).optional() })
    .optional(),
  /** The partner number of whoever recommended us (partner programme): points go to them too. */
  referrer: z.string().trim().max(32).optional(),
  /** Set by the form once per submission: a double click or a retried POST creates one order. */
  submissionId: z.string().trim().min(8).max(100).optional(),
});
export type LeadRequest = z.infer<typeof LeadRequest>;

export const LeadResponse = z.object({
  orderId: z.string().uuid(),
  orderNumber: z.string(),
  customerId: z.string().uuid(),
  operatorId: z.string().uuid().nullable(),
});
export type LeadResponse = z.infer<typeof LeadResponse>;

export const LEADS_PATH = '/api/leads';
export const LEAD_KEY_HEADER = 'x-pult-lead-key';
/** A form posts a few kilobytes; anything near a megabyte is not a lead. */
export const LEAD_BODY_LIMIT = 32 * 1024;
/** Inbound email (a mail provider's webhook posts the raw RFC 822 message), with the source key. */
export const EMAIL_LEADS_PATH = '/api/leads/email';
/** A lead by email is text; a message near this size carries attachments we do not read. */
export const EMAIL_LEAD_BODY_LIMIT = 512 * 1024;
/** The content types a raw message may be posted as. */
export const EMAIL_LEAD_CONTENT_TYPES = ['message/rfc822', 'text/plain', 'application/octet-stream'] as const;
/** The same phone with the same products within this window is the same lead. */
export const LEAD_DUPLICATE_WINDOW_MS = 10 * 60_000;
