// Which card to keep by default: the one more hangs on (orders, then calls), else the freshest.
import type { DuplicateCard } from '../../../core/duplicates.js';

export function defaultKeep(cards: readonly DuplicateCard[]): string | null {
  const best = [...cards].sort((a, b) => b.orders - a.orders || b.calls - a.calls || b.customer.updatedAt.localeCompare(a.customer.updatedAt))[0];
  return best?.customer.id ?? null;
}

/** The fields compared side by side; a row whose values differ between the cards is marked. */
export const COMPARED = ['name', 'phone', 'email', 'city', 'partnerNumber', 'bonusPoints', 'notes'] as const;
export type Compared = (typeof COMPARED)[number];

export function fieldValue(card: DuplicateCard, field: Compared): string {
  const v = card.customer[field];
  return v === null || v === undefined ? '' : String(v);
}

export function differs(cards: readonly DuplicateCard[], field: Compared): boolean {
  return new Set(cards.map((c) => fieldValue(c, field).trim().toLowerCase())).size > 1;
}
