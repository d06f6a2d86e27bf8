// Opening an order takes its claim on the server so nobody else calls the customer; the claim
// is renewed while the card stays open and let go when it closes (or it expires by itself).
import { useEffect, useState } from 'react';
import type { PultApi } from '../../../core/contract.js';
import { CLAIM_TTL_MS } from '../../../core/assignment.js';
import type { Role } from '../../../core/domain.js';
import { mayClaim } from '../../../core/permissions.js';

export interface ClaimAttempt {
  /** This user holds the claim now. */
  taken: boolean;
  /** Who holds it when it is not us (from the server's refusal). */
  holderName: string | null;
}

export function useOrderClaim(api: PultApi, orderId: string | null, role: Role | null): ClaimAttempt | null {
  const [attempt, setAttempt] = useState<ClaimAttempt | null>(null);
  useEffect(() => {
    setAttempt(null);
    if (!orderId || !role || !mayClaim(role)) return;
    let live = true;
    const take = async () => {
      const r = await api.call('orders.claim', { orderId });
      // Offline: nobody can be told; the card still works, the claim comes with the next open.
      if (live && r.ok) setAttempt(r.value);
    };
    void take();
    // Renewed well before it runs out, and retried for whoever was refused (the holder may leave).
    const timer = setInterval(() => void take(), CLAIM_TTL_MS / 3);
    return () => {
      live = false;
      clearInterval(timer);
      void api.call('orders.release', { orderId });
    };
  }, [api, orderId, role]);
  return attempt;
}
