// Monitoring grants: the server's signed "yes" to one supervisor monitoring one operator in one
// mode, good for GRANT_TTL_MS and once only. HMAC-SHA256 with a server secret (MONITOR_SECRET;
// instances behind one load balancer must share it), compared in constant time.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PultError } from '../../core/errors.js';
import { GRANT_TTL_MS, GrantPayload, type MonitorMode } from '../../core/monitor.js';

const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function signGrant(secret: string, g: { supervisorId: string; agentId: string; mode: MonitorMode }, now = Date.now()): { token: string; payload: GrantPayload } {
  const payload: GrantPayload = { v: 1, sup: g.supervisorId, agent: g.agentId, mode: g.mode, exp: now + GRANT_TTL_MS, n: randomBytes(12).toString('base64url') };
  const body = b64(JSON.stringify(payload));
  return { token: `${body}.${b64(mac(secret, body))}`, payload };
}

/** The grant's payload when the signature holds and it has not expired; a `forbidden` PultError otherwise. */
export function verifyGrant(secret: string, token: string, now = Date.now()): GrantPayload {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) throw new PultError('forbidden', 'Malformed monitoring grant');
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new PultError('forbidden', 'Monitoring grant signature is wrong');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new PultError('forbidden', 'Malformed monitoring grant');
  }
  const parsed = GrantPayload.safeParse(json);
  if (!parsed.success) throw new PultError('forbidden', 'Malformed monitoring grant');
  if (parsed.data.exp <= now) throw new PultError('forbidden', 'Monitoring grant expired');
  return parsed.data;
}

/** Nonces of grants already used, kept until they would have expired anyway (this instance). */
export class UsedGrants {
  private readonly seen = new Map<string, number>();
  /** True the first time a nonce is seen; false on a replay. */
  take(p: GrantPayload, now = Date.now()): boolean {
    for (const [n, exp] of this.seen) if (exp <= now) this.seen.delete(n);
    if (this.seen.has(p.n)) return false;
    this.seen.set(p.n, p.exp);
    return true;
  }
}
