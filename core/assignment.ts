// Who gets a new order or callback (domain.md «assigned to one operator automatically»), and
// how long a claim on a customer lasts. Pure: the server decides with it, the client explains it.

export interface OperatorLoad {
  id: string;
  /** Logged in and not on a break or absent. */
  available: boolean;
  /** Open orders and callbacks assigned now. */
  openItems: number;
}

/**
 * The customer's previous operator when available; otherwise the least-loaded available
 * operator (ties broken by id, so the choice is stable); null when nobody is available.
 */
export function pickOperator(operators: readonly OperatorLoad[], previousOperatorId: string | null = null): string | null {
  const available = operators.filter((o) => o.available);
  if (previousOperatorId && available.some((o) => o.id === previousOperatorId)) return previousOperatorId;
  const [best] = [...available].sort((a, b) => a.openItems - b.openItems || a.id.localeCompare(b.id));
  return best?.id ?? null;
}

export interface TechnicianLoad extends OperatorLoad {
  district: string | null;
}

/** Technicians are assigned by district; among them the least loaded. */
export function pickTechnician(technicians: readonly TechnicianLoad[], district: string | null): string | null {
  if (!district) return null;
  return pickOperator(technicians.filter((t) => t.district === district));
}

/** A claim lasts long enough for one call; the client renews it while the card stays open. */
export const CLAIM_TTL_MS = 3 * 60_000;
export const CLAIMABLE = ['orders', 'callbacks', 'customers'] as const;
export type ClaimableEntity = (typeof CLAIMABLE)[number];
