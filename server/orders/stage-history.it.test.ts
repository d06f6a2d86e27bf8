// The stage history the reports read is written by the pushed stage change itself: who, in
// which role, why, and since when the order had been in the stage it left.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { PushResponse } from '../../core/sync.js';
import { DEMO_USERS } from '../seed/demo.js';
import { seedDemoHistory } from '../seed/history.js';
import { SEED_ORDERS } from '../seed/orders.js';
import { SEED_PIPELINES } from '../seed/pipelines.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';

describe.each(DB_KINDS)('stage history on %s', (kind) => {
  const h = useServer(kind);
  const push = async (token: string, device: string, seq: number, name: string, args: unknown) => {
    const res = await h.post('/api/sync/push', { deviceId: device, mutations: [{ id: uuidv7(), seq, createdAt: new Date().toISOString(), name, args }] }, token);
    expect(res.statusCode).toBe(200);
    return PushResponse.parse(res.json()).results[0];
  };
  const versionOf = async (id: string) => Number((await h.db.selectFrom('orders').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

  it('each pushed change adds a row with the user, role, reason and the time the order entered the stage it left', async () => {
    const token = await h.login('operator');
    const device = uuidv7();
    const seed = SEED_ORDERS.find((o) => o.number === 'П-1002');
    if (!seed) throw new Error('no П-1002');
    const created = (await h.db.selectFrom('orders').select('created_at').where('id', '=', seed.id).executeTakeFirstOrThrow()).created_at;

    expect(await push(token, device, 1, 'orders.changeStage', { orderId: seed.id, toStageId: 'no_answer', baseVersion: await versionOf(seed.id) })).toMatchObject({ status: 'applied' });
    // A reason the operator does not give is refused; the order stays where it was.
    const wrong = await push(token, device, 2, 'orders.changeStage', { orderId: seed.id, toStageId: 'cancelled', baseVersion: await versionOf(seed.id), reason: 'out_of_stock' });
    expect(wrong).toMatchObject({ status: 'rejected', error: { code: 'reason.not_allowed' } });
    expect(await push(token, device, 3, 'orders.changeStage', { orderId: seed.id, toStageId: 'cancelled', baseVersion: await versionOf(seed.id), reason: 'too_expensive' })).toMatchObject({ status: 'applied' });

    const rows = await h.db.selectFrom('order_stage_history').selectAll().where('order_id', '=', seed.id).orderBy('transition_no').execute();
    expect(rows.map((r) => [r.transition_no, r.from_stage_id, r.to_stage_id, r.to_kind, r.user_id, r.role, r.reason])).toEqual([
      [1, 'new', 'no_answer', 'open', DEMO_USERS.operator.id, 'operator', null],
      [2, 'no_answer', 'cancelled', 'failure', DEMO_USERS.operator.id, 'operator', 'too_expensive'],
    ]);
    expect(rows.map((r) => [r.operator_id, r.amount_kopecks, r.city])).toEqual(Array(2).fill([seed.operator ? DEMO_USERS[seed.operator].id : null, seed.amountKopecks, expect.any(String)]));
    expect(rows[0]?.from_entered_at.getTime()).toBe(created.getTime());
    expect(rows[1]?.from_entered_at.getTime()).toBe(rows[0]?.changed_at.getTime());
  });

  it('a call log keeps the company line the customer dialled', async () => {
    const token = await h.login('operator2');
    const id = uuidv7();
    const call = { id, direction: 'incoming', outcome: 'answered', phone: '+79161234567', customerId: null, orderId: null, startedAt: new Date().toISOString(), durationSec: 42, note: '', calledNumber: '+74950000001' };
    expect(await push(token, uuidv7(), 1, 'calls.log', call)).toMatchObject({ status: 'applied' });
    const row = await h.db.selectFrom('calls').select(['called_number', 'duration_sec']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ called_number: '+74950000001', duration_sec: 42 });
  });

  it('the demo history gives each demo order past its first stage one change, once', async () => {
    const moved = await h.db.selectFrom('order_stage_history').select('order_id').distinct().execute();
    const expected = SEED_ORDERS.filter((o) => SEED_PIPELINES.find((p) => p.id === o.pipelineId)?.stages[0]?.id !== o.stageId && !moved.some((m) => m.order_id === o.id));
    expect(await seedDemoHistory(h.db)).toBe(expected.length);
    expect(await seedDemoHistory(h.db)).toBe(0);
    const cancelled = await h.db.selectFrom('order_stage_history').selectAll().where('to_kind', '=', 'failure').where('order_id', 'in', expected.map((o) => o.id)).execute();
    expect(cancelled.length).toBeGreaterThan(0);
    for (const row of cancelled) expect(row.reason).toBeTruthy();
  });
});
