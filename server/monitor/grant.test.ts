import { describe, expect, it } from 'vitest';
import { PultError } from '../../core/errors.js';
import { GRANT_TTL_MS } from '../../core/monitor.js';
import { signGrant, UsedGrants, verifyGrant } from './grant.js';

const SUP = '01900000-0000-7000-8000-000000000001';
const AGENT = '01900000-0000-7000-8000-000000000002';
const SECRET = 'test-secret-0123456789';
const T0 = 1_800_000_000_000;

function refused(fn: () => unknown): PultError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PultError) return e;
    throw e;
  }
  throw new Error('was accepted');
}

describe('monitoring grant', () => {
  it('round-trips supervisor, agent and mode until it expires', () => {
    const { token } = signGrant(SECRET, { supervisorId: SUP, agentId: AGENT, mode: 'whisper' }, T0);
    const p = verifyGrant(SECRET, token, T0 + GRANT_TTL_MS - 1);
    expect(p).toMatchObject({ sup: SUP, agent: AGENT, mode: 'whisper', exp: T0 + GRANT_TTL_MS });
    expect(refused(() => verifyGrant(SECRET, token, T0 + GRANT_TTL_MS)).message).toMatch(/expired/);
  });

  it('refuses another secret, a changed payload, a changed signature and garbage', () => {
    const { token } = signGrant(SECRET, { supervisorId: SUP, agentId: AGENT, mode: 'listen' }, T0);
    expect(refused(() => verifyGrant('other-secret-987654321', token, T0)).code).toBe('forbidden');
    const [body, sig] = token.split('.') as [string, string];
    // Same signature, payload asking for barge instead of listen.
    const json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...json, mode: 'barge' })).toString('base64url');
    expect(refused(() => verifyGrant(SECRET, `${forged}.${sig}`, T0)).message).toMatch(/signature/);
    const flipped = sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA');
    expect(refused(() => verifyGrant(SECRET, `${body}.${flipped}`, T0)).code).toBe('forbidden');
    for (const bad of ['', 'abc', 'a.b.c', `${body}.`, `.${sig}`]) expect(refused(() => verifyGrant(SECRET, bad, T0)).code).toBe('forbidden');
  });

  it('every grant is unique and usable once', () => {
    const a = signGrant(SECRET, { supervisorId: SUP, agentId: AGENT, mode: 'listen' }, T0);
    const b = signGrant(SECRET, { supervisorId: SUP, agentId: AGENT, mode: 'listen' }, T0);
    expect(a.token).not.toBe(b.token);
    const used = new UsedGrants();
    expect(used.take(a.payload, T0)).toBe(true);
    expect(used.take(a.payload, T0 + 1)).toBe(false);
    expect(used.take(b.payload, T0 + 1)).toBe(true);
    // Forgotten once expired (it can no longer verify anyway), so the set stays small.
    expect(used.take(a.payload, T0 + GRANT_TTL_MS + 1)).toBe(true);
  });
});
