import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../core/domain.js';
import { PullResponse, PushResponse, type ChangeStageArgs } from '../../core/sync.js';
import { SEED_ORDERS } from '../seed/orders.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer, type Harness } from '../test/harness.js';

const orderId = (number: string): string => {
  const o = SEED_ORDERS.find((x) => x.number === number);
  if (!o) throw new Error(`no seed order ${number}`);
  return o.id;
};

function mutation(seq: number, args: ChangeStageArgs) {
  return { id: uuidv7(), seq, createdAt: new Date().toISOString(), name: 'orders.changeStage' as const, args };
}

async function order(h: Harness, token: string, number: string): Promise<Order> {
  const page = PullResponse.parse((await h.get('/api/sync/pull?limit=10000', token)).json());
  for (const c of page.changes) if (c.op === 'upsert' && c.entity === 'orders' && c.data.number === number) return c.data;
  throw new Error(`order ${number} not pulled`);
}

async function push(h: Harness, token: string, deviceId: string, mutations: unknown[]) {
  const res = await h.post('/api/sync/push', { deviceId, mutations }, token);
  expect(res.statusCode).toBe(200);
  return PushResponse.parse(res.json());
}

describe.each(DB_KINDS)('sync push on %s', (kind) => {
  const h = useServer(kind);

  it('applies a stage change once, even when the push is retried', async () => {
    const token = await h.login('operator');
    const device = uuidv7();
    const before = await order(h, token, 'П-1001');
    expect(before.stageId).toBe('new');
    const m = mutation(1, { orderId: before.id, toStageId: 'no_answer', baseVersion: before.version });

    const first = await push(h, token, device, [m]);
    expect(first.results).toEqual([{ id: m.id, seq: 1, status: 'applied' }]);
    const after = await order(h, token, 'П-1001');
    expect(after.stageId).toBe('no_answer');
    expect(after.version).toBeGreaterThan(before.version);
    expect(first.cursor).toBeGreaterThanOrEqual(after.version);
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));

    const retry = await push(h, token, device, [m]);
    expect(retry.results).toEqual([{ id: m.id, seq: 1, status: 'applied' }]);
    expect((await order(h, token, 'П-1001')).version).toBe(after.version);
  });

  it('answers retry for a gap in the sequence and applies nothing', async () => {
    const token = await h.login('operator');
    const device = uuidv7();
    const before = await order(h, token, 'П-1002');
    const res = await push(h, token, device, [mutation(2, { orderId: before.id, toStageId: 'no_answer', baseVersion: before.version })]);
    expect(res.results[0]?.status).toBe('retry');
    expect(await order(h, token, 'П-1002')).toEqual(before);
  });

  it('rejects a transition the role may not make, and the seq is consumed', async () => {
    const token = await h.login('tech');
    const device = uuidv7();
    const before = await order(h, token, 'П-1002');
    const res = await push(h, token, device, [
      mutation(1, { orderId: before.id, toStageId: 'confirmed', baseVersion: before.version }),
      mutation(2, { orderId: before.id, toStageId: 'nowhere', baseVersion: before.version }),
      mutation(3, { orderId: uuidv7(), toStageId: 'done', baseVersion: 0 }),
    ]);
    expect(res.results.map((r) => [r.seq, r.status, r.error?.code])).toEqual([
      [1, 'rejected', 'transition.forbidden'],
      [2, 'rejected', 'transition.unknown_stage'],
      [3, 'rejected', 'not_found'],
    ]);
    expect(await order(h, token, 'П-1002')).toEqual(before);
    // The technician's own transition on the same device continues at seq 4.
    const confirmed = await order(h, token, 'П-1004');
    const ok = await push(h, token, device, [mutation(4, { orderId: confirmed.id, toStageId: 'in_work', baseVersion: confirmed.version })]);
    expect(ok.results[0]?.status).toBe('applied');
  });

  it('reports a conflict when the stage moved after the base version', async () => {
    const operator = await h.login('operator');
    const supervisor = await h.login('supervisor');
    const seen = await order(h, operator, 'П-1003');
    expect(seen.stageId).toBe('no_answer');
    const moved = await push(h, supervisor, uuidv7(), [mutation(1, { orderId: seen.id, toStageId: 'new', baseVersion: seen.version })]);
    expect(moved.results[0]?.status).toBe('applied');

    const res = await push(h, operator, uuidv7(), [mutation(1, { orderId: seen.id, toStageId: 'confirmed', baseVersion: seen.version })]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
    expect((await order(h, operator, 'П-1003')).stageId).toBe('new');
  });

  it('chained changes from one device, each naming the stage it saw, apply in order; someone else’s move is a conflict', async () => {
    const tech = await h.login('tech');
    const device = uuidv7();
    const seen = await order(h, tech, 'П-1010'); // «Подтверждён», Сергей's
    expect(seen.stageId).toBe('confirmed');
    // Both made before the server answered the first: the same base version, each its own from-stage.
    const res = await push(h, tech, device, [
      mutation(1, { orderId: seen.id, toStageId: 'in_work', baseVersion: seen.version, fromStageId: 'confirmed' }),
      mutation(2, { orderId: seen.id, toStageId: 'done', baseVersion: seen.version, fromStageId: 'in_work' }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await order(h, tech, 'П-1010')).stageId).toBe('done');

    const operator = await h.login('operator');
    const supervisor = await h.login('supervisor');
    const other = await order(h, operator, 'П-1013'); // «Недозвон»
    await push(h, supervisor, uuidv7(), [mutation(1, { orderId: other.id, toStageId: 'new', baseVersion: other.version })]);
    const late = await push(h, operator, uuidv7(), [mutation(1, { orderId: other.id, toStageId: 'confirmed', baseVersion: other.version, fromStageId: 'no_answer' })]);
    expect(late.results[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
  });

  it('applies a stale base version when only other fields changed', async () => {
    const operator = await h.login('operator');
    const seen = await order(h, operator, 'П-1016');
    // Someone edits the notes: the version moves, the stage does not.
    await h.db.transaction().execute(async (trx) => {
      const { reserveVersion } = await import('../db/versions.js');
      const v = await reserveVersion(trx);
      await trx.updateTable('orders').set({ notes: 'Клиент просил позвонить утром', version: v }).where('id', '=', orderId('П-1016')).execute();
    });
    const res = await push(h, operator, uuidv7(), [mutation(1, { orderId: seen.id, toStageId: 'processed', baseVersion: seen.version })]);
    expect(res.results[0]?.status).toBe('applied');
    const after = await order(h, operator, 'П-1016');
    expect(after).toMatchObject({ stageId: 'processed', notes: 'Клиент просил позвонить утром' });
  });

  it('rejects a malformed mutation while the rest of the batch applies', async () => {
    const token = await h.login('operator2');
    const device = uuidv7();
    const a = await order(h, token, 'П-1009');
    const b = await order(h, token, 'П-1013');
    const good1 = mutation(1, { orderId: a.id, toStageId: 'no_answer', baseVersion: a.version });
    const malformed = { id: uuidv7(), seq: 2, createdAt: new Date().toISOString(), name: 'orders.changeStage', args: { orderId: 'not-a-uuid' } };
    const good3 = mutation(3, { orderId: b.id, toStageId: 'new', baseVersion: b.version });
    const res = await push(h, token, device, [good1, malformed, good3, 'garbage']);
    expect(res.results.map((r) => [r.seq, r.status, r.error?.code])).toEqual([
      [1, 'applied', undefined],
      [2, 'rejected', 'validation'],
      [3, 'applied', undefined],
      [0, 'rejected', 'validation'],
    ]);
    expect((await order(h, token, 'П-1009')).stageId).toBe('no_answer');
    expect((await order(h, token, 'П-1013')).stageId).toBe('new');
  });

  it('validates the push body', async () => {
    const token = await h.login('operator');
    const res = await h.post('/api/sync/push', { deviceId: 'x', mutations: 'no' }, token);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation' });
  });
});
