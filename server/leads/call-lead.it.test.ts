// leads.fromCall on both databases: a request taken on the phone becomes one order for the
// operator who took it, on the existing customer when the number is known.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { PullResponse, PushResponse, type Change, type Tombstone } from '../../core/sync.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer, type Harness } from '../test/harness.js';

const now = () => new Date().toISOString();

async function pullAll(h: Harness, token: string): Promise<(Change | Tombstone)[]> {
  const changes: (Change | Tombstone)[] = [];
  for (let cursor = 0; ; ) {
    const page = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${cursor}&limit=10000`, token)).json());
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}

async function push(h: Harness, token: string, deviceId: string, mutations: unknown[]) {
  const res = await h.post('/api/sync/push', { deviceId, mutations }, token);
  expect(res.statusCode).toBe(200);
  return PushResponse.parse(res.json());
}

const lead = (seq: number, args: { name: string; phone: string; request: string; line: string | null }, orderId = uuidv7()) => ({
  id: uuidv7(), seq, createdAt: now(), name: 'leads.fromCall', args: { orderId, ...args },
});

describe.each(DB_KINDS)('a lead taken on the phone, on %s', (kind) => {
  const h = useServer(kind);

  it('creates one order and one customer, kept by the operator who took the call, even when pushed twice', async () => {
    const anna = await h.login('operator');
    const me = (await h.get('/api/auth/me', anna)).json() as { user: { id: string } };
    const device = uuidv7();
    const m = lead(1, { name: 'Пётр Ильич', phone: '8 (917) 555-01-02', request: 'Течёт смеситель на кухне', line: '+74951234567' });
    expect((await push(h, anna, device, [m])).results[0]?.status).toBe('applied');
    // A retry after a lost answer, and the same lead from another device (a double click).
    expect((await push(h, anna, device, [m])).results[0]?.status).toBe('applied');
    expect((await push(h, anna, uuidv7(), [{ ...m, id: uuidv7(), seq: 1 }])).results[0]?.status).toBe('applied');

    const changes = await pullAll(h, anna);
    const orders = changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'orders' && c.data.id === m.args.orderId ? [c.data] : []));
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ title: 'Течёт смеситель на кухне', channel: 'phone', operatorId: me.user.id, notes: 'Звонок на линию +74951234567' });
    // The line it came in on feeds the by-channel report.
    const row = await h.db.selectFrom('orders').select('called_number').where('id', '=', m.args.orderId).executeTakeFirstOrThrow();
    expect(row.called_number).toBe('+74951234567');
    const customers = changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'customers' && c.data.phone === '+79175550102' ? [c.data] : []));
    expect(customers.map((c) => [c.name, c.id])).toEqual([['Пётр Ильич', orders[0]?.customerId]]);
  });

  it('a known number gets a new order on the existing customer, not a second card', async () => {
    const anna = await h.login('operator');
    const before = await pullAll(h, anna);
    const known = before.flatMap((c) => (c.op === 'upsert' && c.entity === 'customers' ? [c.data] : []))[0];
    if (!known) throw new Error('demo seed has no customers');
    const m = lead(1, { name: '', phone: known.phone, request: '', line: null });
    expect((await push(h, anna, uuidv7(), [m])).results[0]?.status).toBe('applied');
    const after = await pullAll(h, anna);
    const order = after.flatMap((c) => (c.op === 'upsert' && c.entity === 'orders' && c.data.id === m.args.orderId ? [c.data] : []))[0];
    expect(order).toMatchObject({ customerId: known.id, title: 'Заявка по телефону' });
    expect(after.filter((c) => c.op === 'upsert' && c.entity === 'customers' && c.data.phone === known.phone)).toHaveLength(1);
  });

  it('an unreadable phone or markup in the name is refused with a reason; nothing is stored', async () => {
    const anna = await h.login('operator');
    const bad = lead(1, { name: 'Пётр', phone: '12', request: 'перезвонить', line: null });
    const markup = lead(2, { name: '<b>Пётр</b>', phone: '+79175550199', request: '', line: null });
    const res = await push(h, anna, uuidv7(), [bad, markup]);
    expect(res.results.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'lead.bad_phone'],
      ['rejected', 'validation'],
    ]);
    const ids = new Set([bad.args.orderId, markup.args.orderId]);
    expect((await pullAll(h, anna)).filter((c) => c.op === 'upsert' && c.entity === 'orders' && ids.has(c.data.id))).toEqual([]);
  });
});
