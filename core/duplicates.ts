// Duplicate customer cards and their merge (supervisors and admins): what the cards share, the
// cards side by side with how much hangs on each, and what a merge moved.
import { z } from 'zod';
import { Customer, Id, type Role } from './domain.js';

/** Merging rewrites history (orders and calls change card): not an operator's job. */
export const canMergeCustomers = (role: Role): boolean => role === 'admin' || role === 'supervisor';

export const DuplicateCard = z.object({
  customer: Customer,
  orders: z.number().int().nonnegative(),
  calls: z.number().int().nonnegative(),
});
export type DuplicateCard = z.infer<typeof DuplicateCard>;

export const DuplicateGroup = z.object({
  /** `phone:+7…` or `email:…`. */
  key: z.string(),
  /** Why they look like one person. */
  reason: z.enum(['phone', 'email']),
  /** The shared phone (E.164) or email. */
  value: z.string(),
  customerIds: z.array(Id),
  /** The cards, freshest first (absent from servers before the merge screen). */
  cards: z.array(DuplicateCard).optional(),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

export const DuplicatesResponse = z.object({ groups: z.array(DuplicateGroup) });
export type DuplicatesResponse = z.infer<typeof DuplicatesResponse>;

export const MergeRequest = z.object({ keepId: Id, dropId: Id }).strict();
export type MergeRequest = z.infer<typeof MergeRequest>;

export const MergeResponse = z.object({
  ok: z.literal(true),
  /** What moved from the dropped card to the kept one (absent from older servers). */
  moved: z.object({ orders: z.number().int().nonnegative(), calls: z.number().int().nonnegative(), callbacks: z.number().int().nonnegative() }).optional(),
  kept: Customer.optional(),
});
export type MergeResponse = z.infer<typeof MergeResponse>;

/** `phone:+79161234567` → reason and value; anything else is a phone key (the older form). */
export function splitDuplicateKey(key: string): { reason: 'phone' | 'email'; value: string } {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  return { reason: kind === 'email' ? 'email' : 'phone', value: key.slice(at + 1) };
}
