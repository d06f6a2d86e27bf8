// Notes, call logs, bad input, replays, the tombstone horizon and the live feed, on both databases.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Order } from '../../core/domain.js';
import { LiveMessage, PullResponse, PushResponse, type Change, type Tombstone } from '../../core/sync.js';
import { reserveVersion } from '../db/versions.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer, type Harness } from '../test/harness.js';
import { purgeTombstones } from './pull.js';

const now = () => new Date().toISOString();

async function pullAll(h: Harness, token: string, cursor = 0, limit = 10_000): Promise<{ changes: (Change | Tombstone)[]; cursor: number; pages: PullResponse[] }> {
  const changes: (Change | Tombstone)[] = [];
  const pages: PullResponse[] = [];
  for (;;) {
    const page = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${cursor}&limit=${limit}`, token)).json());
    pages.push(page);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, pages };
  }
}

async function order(h: Harness, token: string, number: string): Promise<Order> {
  for (const c of (await pullAll(h, token)).changes) if (c.op === 'upsert' && c.entity === 'orders' && c.data.number === number) return c.data;
  throw new Error(`order ${number} not pulled`);
}

async function push(h: Harness, token: string, deviceId: string, mutations: unknown[]) {
  const res = await h.post('/api/sync/push', { deviceId, mutations }, token);
  expect(res.statusCode).toBe(200);
  return PushResponse.parse(res.json());
}

const note = (seq: number, orderId: string, text: string, noteId = uuidv7()) => ({
  id: uuidv7(), seq, createdAt: now(), name: 'orders.addNote', args: { noteId, orderId, text },
});

describe.each(DB_KINDS)('offline sync on %s', (kind) => {
  const h = useServer(kind);

  it('appends notes once with author and server time; concurrent notes all survive', async () => {
    const anna = await h.login('operator');
    const boris = await h.login('operator2');
    const o = await order(h, anna, 'П-1005');
    const a = note(1, o.id, 'Клиент просит перезвонить после 18:00');
    const b = note(1, o.id, 'Адрес уточнён: подъезд 3');
    const resA = await push(h, anna, uuidv7(), [a]);
    const resB = await push(h, boris, uuidv7(), [b]);
    expect([resA.results[0]?.status, resB.results[0]?.status]).toEqual(['applied', 'applied']);
    // The same note pushed again from another device of Anna's: not a second copy.
    const again = await push(h, anna, uuidv7(), [{ ...a, seq: 1 }]);
    expect(again.results[0]?.status).toBe('applied');
    const notes = (await pullAll(h, anna)).changes.filter((c) => c.op === 'upsert' && c.entity === 'order_notes' && c.data.orderId === o.id);
    expect(notes.map((n) => (n.op === 'upsert' && n.entity === 'order_notes' ? n.data.text : ''))).toEqual([a.args.text, b.args.text]);
  });

  it('logs a call born on the client once, keeping it when its order is unknown', async () => {
    const token = await h.login('operator');
    const id = uuidv7();
    const call = { id, direction: 'incoming', outcome: 'answered', phone: '+79161234567', customerId: null, orderId: uuidv7(), startedAt: now(), durationSec: 42, note: 'спросил про сроки' };
    const device = uuidv7();
    const m = { id: uuidv7(), seq: 1, createdAt: now(), name: 'calls.log', args: call };
    expect((await push(h, token, device, [m])).results[0]?.status).toBe('applied');
    expect((await push(h, token, device, [m])).results[0]?.status).toBe('applied'); // retried
    const calls = (await pullAll(h, token)).changes.filter((c) => c.op === 'upsert' && c.entity === 'calls' && c.data.id === id);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ data: { durationSec: 42, orderId: null } });
  });

  it('rejects bad input with a reason and leaves the rest of the batch alone', async () => {
    const anna = await h.login('operator');
    const boris = await h.login('operator2');
    const o = await order(h, anna, 'П-1006');
    const device = uuidv7();
    const first = note(1, o.id, 'первая');
    const res = await push(h, anna, device, [
      first,
      { id: uuidv7(), seq: 2, createdAt: now(), name: 'orders.delete', args: { orderId: o.id } }, // unknown mutation
      { id: uuidv7(), seq: 3, createdAt: now(), name: 'orders.addNote', args: { orderId: o.id, text: '   ' } }, // malformed
      note(4, o.id, 'четвёртая'),
    ]);
    expect(res.results.map((r) => [r.seq, r.status, r.error?.code])).toEqual([
      [1, 'applied', undefined],
      [2, 'rejected', 'validation'],
      [3, 'rejected', 'validation'],
      [4, 'applied', undefined],
    ]);
    expect(res.results[1]?.error?.message).toContain('Unknown mutation orders.delete');
    expect(res.results[2]?.error?.message).toContain('Malformed orders.addNote');

    // A replayed old seq with the same id: the recorded answer, nothing applied again.
    const replay = await push(h, anna, device, [first, { ...first, id: uuidv7(), seq: 1 }]);
    expect(replay.results.map((r) => [r.status, r.error?.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'validation'], // a different mutation under a used seq
    ]);
    const replayedRejection = await push(h, anna, device, [{ id: res.results[1]?.id, seq: 2, createdAt: now(), name: 'orders.delete', args: {} }]);
    expect(replayedRejection.results[0]).toMatchObject({ status: 'rejected', error: { code: 'validation' } });

    // Anna's device used by Boris: refused, nothing written.
    const stolen = await push(h, boris, device, [note(5, o.id, 'чужое устройство')]);
    expect(stolen.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const texts = (await pullAll(h, anna)).changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'order_notes' && c.data.orderId === o.id ? [c.data.text] : []));
    expect(texts).toEqual(['первая', 'четвёртая']);
    // Anna goes on at seq 5 on her device.
    expect((await push(h, anna, device, [note(5, o.id, 'пятая')])).results[0]?.status).toBe('applied');
  });

  it('pages a pull at versions, with a total on the first page, and resumes after a cut', async () => {
    const token = await h.login('supervisor');
    const whole = await pullAll(h, token);
    const paged = await pullAll(h, token, 0, 7);
    expect(paged.pages.length).toBeGreaterThan(2);
    expect(paged.pages[0]?.total).toBe(whole.changes.length);
    expect(paged.changes.map((c) => c.version)).toEqual(whole.changes.map((c) => c.version));
    // Cut after the second page: continuing from its cursor gives the rest exactly.
    const rest = await pullAll(h, token, paged.pages[1]?.cursor ?? 0, 7);
    expect([...(paged.pages[0]?.changes ?? []), ...(paged.pages[1]?.changes ?? []), ...rest.changes]).toEqual(paged.changes);
  });

  it('sends deletes as tombstones, and a cursor older than the tombstone horizon gets resync', async () => {
    const token = await h.login('supervisor');
    const before = (await pullAll(h, token)).cursor;
    const gone = uuidv7();
    await h.db.transaction().execute(async (trx) => {
      const v = await reserveVersion(trx);
      await trx.insertInto('tombstones').values({ entity: 'calls', id: gone, version: v, deleted_at: new Date(Date.now() - 100 * 86_400_000) }).execute();
    });
    const after = await pullAll(h, token, before);
    expect(after.changes).toEqual([expect.objectContaining({ entity: 'calls', op: 'delete', id: gone })]);
    expect(await purgeTombstones(h.db, 90)).toBe(1);
    const stale = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${before}`, token)).json());
    expect(stale).toMatchObject({ resync: true, changes: [] });
    const fresh = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${after.cursor}`, token)).json());
    expect(fresh.resync).toBeUndefined();
    // The next page of a run in progress (a sync from scratch passing the horizon) goes on.
    const continued = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${before}&continued=1`, token)).json());
    expect(continued.resync).toBeUndefined();
    expect(continued.cursor).toBeGreaterThan(before);
    expect((await h.get(`/api/sync/pull?cursor=${before}&continued=yes`, token)).statusCode).toBe(400);
  });

  it('carries changes and presence on the live socket', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = h.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    const anna = await h.login('operator');
    const sup = await h.login('supervisor');
    const open = (token: string) => {
      const ws = new WebSocket(`ws://127.0.0.1:${addr.port}/api/live?token=${token}`);
      const got: LiveMessage[] = [];
      ws.on('message', (d: WebSocket.RawData) => got.push(LiveMessage.parse(JSON.parse(d.toString()))));
      return { ws, got, opened: new Promise((r) => ws.once('open', r)) };
    };
    const until = async (f: () => boolean) => {
      for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(f()).toBe(true);
    };
    const s = open(sup);
    await s.opened;
    const a = open(anna);
    await a.opened;
    const annaId = (await order(h, anna, 'П-1007')).operatorId;
    await until(() => s.got.some((m) => m.type === 'presence' && m.presence.state === 'online' && m.presence.userId !== undefined));
    a.ws.send(JSON.stringify({ type: 'presence.set', onCall: true }));
    await until(() => s.got.some((m) => m.type === 'presence' && m.presence.onCall));
    const o = await order(h, anna, 'П-1007');
    expect(annaId).toBe(o.operatorId);
    // (The first message after the horizon test above may be a bare cursor: the feed's own
    // cursor fell below the horizon. The next one carries the changes.)
    await push(h, anna, uuidv7(), [note(1, o.id, 'живое')]);
    await until(() => s.got.some((m) => m.type === 'changed'));
    await push(h, anna, uuidv7(), [note(1, o.id, 'живое 2')]);
    await until(() => s.got.some((m) => m.type === 'changed' && (m.changes ?? []).some((c) => c.entity === 'order_notes')));
    a.ws.close();
    await until(() => s.got.some((m) => m.type === 'presence' && m.presence.state === 'offline'));
    s.ws.close();
  });
});
