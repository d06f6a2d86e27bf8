// Claims on PGlite and PostgreSQL: one winner under a race, renewals, expiry, release.
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { PullResponse } from '../../core/sync.js';
import { DEMO_USERS } from '../seed/demo.js';
import { useServer } from '../test/harness.js';
import { DB_KINDS } from '../test/databases.js';
import { SEED_ORDERS } from '../seed/orders.js';
import { takeClaim } from './claims.js';
import { CLAIMS_PATH } from './routes.js';

describe.each(DB_KINDS)('claims on %s', (kind) => {
  const h = useServer(kind);
  const order = SEED_ORDERS[0];
  if (!order) throw new Error('no seed orders');

  it('two operators claiming the same callback at once: exactly one wins, the other is told who', async () => {
    const callback = await h.db.selectFrom('callbacks').select('id').executeTakeFirstOrThrow();
    const [a, b] = await Promise.all([h.login('operator'), h.login('operator2')]);
    const results = await Promise.all([
      h.post(CLAIMS_PATH, { entity: 'callbacks', id: callback.id }, a),
      h.post(CLAIMS_PATH, { entity: 'callbacks', id: callback.id }, b),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    expect(loser?.json()).toMatchObject({ code: 'claim.taken' });
    const winner = results.find((r) => r.statusCode === 200)?.json() as { holderName: string };
    expect(loser?.json().fields.holder).toBe(winner.holderName);
  });

  it('many racing claims through the database itself still give one holder', async () => {
    const users = await h.db.selectFrom('users').select('id').where('role', 'in', ['operator', 'admin', 'supervisor']).execute();
    const settled = await Promise.allSettled(users.map((u) => takeClaim(h.db, 'orders', order.id, u.id)));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const rows = await h.db.selectFrom('claims').selectAll().where('entity_id', '=', order.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('the holder renews; after expiry or release another operator may take it', async () => {
    const target = SEED_ORDERS[1];
    if (!target) throw new Error('no second order');
    const ids = await h.db.selectFrom('users').select(['id', 'login']).where('login', 'in', ['operator', 'operator2']).execute();
    const ira = ids.find((u) => u.login === 'operator')?.id ?? '';
    const olga = ids.find((u) => u.login === 'operator2')?.id ?? '';
    const t0 = new Date();
    await takeClaim(h.db, 'orders', target.id, ira, t0);
    await expect(takeClaim(h.db, 'orders', target.id, olga, t0)).rejects.toMatchObject({ code: 'claim.taken' });
    await takeClaim(h.db, 'orders', target.id, ira, new Date(t0.getTime() + 60_000)); // renewal
    await expect(takeClaim(h.db, 'orders', target.id, olga, new Date(t0.getTime() + 3 * 60_000))).rejects.toMatchObject({ code: 'claim.taken' });
    const later = await takeClaim(h.db, 'orders', target.id, olga, new Date(t0.getTime() + 10 * 60_000));
    expect(later.userId).toBe(olga);
    const token = await h.login('operator2');
    expect((await h.app.inject({ method: 'DELETE', url: CLAIMS_PATH, payload: { entity: 'orders', id: target.id }, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await takeClaim(h.db, 'orders', target.id, ira)).userId).toBe(ira);
  });

  it('every take, renewal and release is a sync change all clients pull: «Звонит Ирина» on every screen', async () => {
    const target = SEED_ORDERS[2];
    if (!target) throw new Error('no third order');
    const ira = await h.login('operator');
    const olga = await h.login('operator2');
    const claimsAfter = async (cursor: number, token: string) => {
      const page = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${cursor}&limit=10000`, token)).json());
      return { cursor: page.cursor, claims: page.changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'claims' ? [c.data] : [])) };
    };
    const start = (await claimsAfter(0, olga)).cursor;
    const taken = await h.post(CLAIMS_PATH, { entity: 'orders', id: target.id }, ira);
    expect(taken.statusCode).toBe(200);
    const afterTake = await claimsAfter(start, olga);
    expect(afterTake.claims).toEqual([{ entity: 'orders', entityId: target.id, userId: DEMO_USERS.operator.id, expiresAt: taken.json().expiresAt }]);
    expect(Date.parse(taken.json().expiresAt)).toBeGreaterThan(Date.now());

    // Olga's client is refused and told who; nothing changes for anyone.
    expect((await h.post(CLAIMS_PATH, { entity: 'orders', id: target.id }, olga)).json()).toMatchObject({ code: 'claim.taken', fields: { holder: 'Ирина Петрова' } });
    expect((await claimsAfter(afterTake.cursor, olga)).claims).toEqual([]);
    // Olga cannot release Ирина's claim either.
    await h.app.inject({ method: 'DELETE', url: CLAIMS_PATH, payload: { entity: 'orders', id: target.id }, headers: { authorization: `Bearer ${olga}` } });
    expect((await claimsAfter(afterTake.cursor, olga)).claims).toEqual([]);

    const released = await h.app.inject({ method: 'DELETE', url: CLAIMS_PATH, payload: { entity: 'orders', id: target.id }, headers: { authorization: `Bearer ${ira}` } });
    expect(released.statusCode).toBe(200);
    const afterRelease = await claimsAfter(afterTake.cursor, olga);
    expect(afterRelease.claims).toHaveLength(1);
    expect(Date.parse(afterRelease.claims[0]?.expiresAt ?? '')).toBeLessThanOrEqual(Date.now());
    // Now Olga may take it.
    expect((await h.post(CLAIMS_PATH, { entity: 'orders', id: target.id }, olga)).statusCode).toBe(200);
  });

  it('refuses unknown things, bad input, technicians and strangers', async () => {
    const op = await h.login('operator');
    expect((await h.post(CLAIMS_PATH, { entity: 'orders', id: uuidv7() }, op)).statusCode).toBe(404);
    expect((await h.post(CLAIMS_PATH, { entity: 'users', id: order.id }, op)).statusCode).toBe(400);
    expect((await h.post(CLAIMS_PATH, { entity: 'orders', id: order.id })).statusCode).toBe(401);
    const tech = await h.login('tech');
    expect((await h.post(CLAIMS_PATH, { entity: 'orders', id: order.id }, tech)).statusCode).toBe(403);
    const list = await h.get(CLAIMS_PATH, tech);
    expect(list.statusCode).toBe(200);
    expect(DEMO_USERS.operator.displayName.length).toBeGreaterThan(0);
  });
});
