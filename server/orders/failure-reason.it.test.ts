// A failed close needs a reason from the acting role's list, over the sync push and over plain
// HTTP alike; the reason is stored on the order and pulled by every client.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../core/domain.js';
import { ApiErrorBody } from '../../core/errors.js';
import { API } from '../../core/http.js';
import { PullResponse, PushResponse, type ChangeStageArgs } from '../../core/sync.js';
import { SEED_ORDERS } from '../seed/orders.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer, type Harness } from '../test/harness.js';

const seedOrder = (number: string) => {
  const o = SEED_ORDERS.find((x) => x.number === number);
  if (!o) throw new Error(`no seed order ${number}`);
  return o;
};

async function pulled(h: Harness, token: string, id: string): Promise<Order> {
  const page = PullResponse.parse((await h.get('/api/sync/pull?limit=10000', token)).json());
  const found = page.changes.find((c) => c.op === 'upsert' && c.entity === 'orders' && c.data.id === id);
  if (!found || found.op !== 'upsert' || found.entity !== 'orders') throw new Error(`order ${id} not pulled`);
  return found.data;
}

const stageUrl = (id: string) => `${API.orders}/${id}/stage`;

describe.each(DB_KINDS)('failure reasons on %s', (kind) => {
  const h = useServer(kind);

  it('the sync push refuses a failed close without a reason or with another role’s reason, then stores a right one', async () => {
    const token = await h.login('operator');
    const device = uuidv7();
    const target = seedOrder('П-1001'); // delivery, «Новый», Ирина's
    const before = await pulled(h, token, target.id);
    expect(before.failureReason).toBeNull();
    const m = (seq: number, args: Omit<ChangeStageArgs, 'orderId' | 'baseVersion'>) => ({
      id: uuidv7(), seq, createdAt: new Date().toISOString(), name: 'orders.changeStage',
      args: { orderId: target.id, baseVersion: before.version, ...args },
    });
    const res = PushResponse.parse((await h.post(API.push, {
      deviceId: device,
      mutations: [
        m(1, { toStageId: 'cancelled' }),
        m(2, { toStageId: 'cancelled', reason: null }),
        m(3, { toStageId: 'cancelled', reason: 'out_of_stock' }), // the admin's reason
        m(4, { toStageId: 'cancelled', reason: 'too_expensive' }),
      ],
    }, token)).json());
    expect(res.results.map((r) => [r.seq, r.status, r.error?.code])).toEqual([
      [1, 'rejected', 'reason.required'],
      [2, 'rejected', 'reason.required'],
      [3, 'rejected', 'reason.not_allowed'],
      [4, 'applied', undefined],
    ]);
    const after = await pulled(h, token, target.id);
    expect(after.stageId).toBe('cancelled');
    expect(after.failureReason).toBe('too_expensive');
  });

  it('over HTTP: a coded 422 without a reason, nothing written; the reason is stored with the stage', async () => {
    const token = await h.login('operator');
    const target = seedOrder('П-1002');
    const before = await pulled(h, token, target.id);

    const missing = await h.post(stageUrl(target.id), { toStageId: 'cancelled' }, token);
    expect(missing.statusCode).toBe(422);
    expect(ApiErrorBody.parse(missing.json())).toMatchObject({ code: 'reason.required' });
    const wrong = await h.post(stageUrl(target.id), { toStageId: 'cancelled', reason: 'door_not_opened' }, token);
    expect(wrong.statusCode).toBe(422);
    expect(ApiErrorBody.parse(wrong.json())).toMatchObject({ code: 'reason.not_allowed' });
    expect(await pulled(h, token, target.id)).toEqual(before);

    const ok = await h.post(stageUrl(target.id), { toStageId: 'cancelled', reason: 'customer_refused' }, token);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: target.id, stageId: 'cancelled', failureReason: 'customer_refused' });
    expect(await pulled(h, token, target.id)).toMatchObject({ stageId: 'cancelled', failureReason: 'customer_refused' });

    // The supervisor reopens it: the order is no longer failed, so it carries no reason.
    const boss = await h.login('supervisor');
    const reopened = await h.post(stageUrl(target.id), { toStageId: 'new' }, boss);
    expect(reopened.json()).toMatchObject({ stageId: 'new', failureReason: null });
  });

  it('over HTTP: the transition matrix by role, a stale base version and bad input', async () => {
    const tech = await h.login('tech');
    const target = seedOrder('П-1004'); // delivery, «Подтверждён», Сергей is its technician
    const forbidden = await h.post(stageUrl(target.id), { toStageId: 'cancelled', reason: 'door_not_opened' }, tech);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'transition.forbidden' });
    const before = await pulled(h, tech, target.id);
    const first = await h.post(stageUrl(target.id), { toStageId: 'in_work', baseVersion: before.version }, tech);
    expect(first.statusCode).toBe(200);
    const conflict = await h.post(stageUrl(target.id), { toStageId: 'done', baseVersion: before.version }, tech);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'conflict' });
    expect((await h.post(stageUrl(target.id), { toStageId: 'done' }, tech)).json()).toMatchObject({ stageId: 'done', failureReason: null });

    expect((await h.post(stageUrl('not-a-uuid'), { toStageId: 'done' }, tech)).statusCode).toBe(400);
    expect((await h.post(stageUrl(uuidv7()), { toStageId: 'done' }, tech)).statusCode).toBe(404);
    expect((await h.post(stageUrl(target.id), { toStageId: '' }, tech)).statusCode).toBe(400);
    expect((await h.post(stageUrl(target.id), { toStageId: 'done' })).statusCode).toBe(401);
  });
});
