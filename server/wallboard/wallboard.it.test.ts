// The wallboard's HTTP endpoints and live messages: supervisors and admins only (403 for the
// rest, and an operator's socket never carries other agents' states), the snapshot's rows,
// a supervisor's state change reaching the agent, assignment skipping an agent on a break.
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LiveMessage } from '../../core/sync.js';
import { WallboardSnapshot } from '../../core/wallboard.js';
import { chooseOperator } from '../orders/assign.js';
import { DEMO_USERS } from '../seed/demo.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { connectLive, liveUrl } from '../test/live-socket.js';

const IRINA = DEMO_USERS.operator.id;
const OLGA = DEMO_USERS.operator2.id;

const isAgent = (userId: string, kind: string) => (m: LiveMessage): m is Extract<LiveMessage, { type: 'agent' }> =>
  m.type === 'agent' && m.agent.userId === userId && m.agent.state.kind === kind;

describe.each(DB_KINDS)('wallboard on %s', (kind) => {
  const h = useServer(kind);
  let base = '';
  beforeAll(async () => {
    base = await liveUrl(h);
  });

  it('answers 403 to operators and technicians on every endpoint, 401 without a token', async () => {
    for (const who of ['operator', 'tech'] as const) {
      const token = await h.login(who);
      const res = await h.get('/api/wallboard', token);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden' });
      expect((await h.post(`/api/agents/${OLGA}/state`, { kind: 'break' }, token)).statusCode).toBe(403);
      expect((await h.post('/api/wallboard/reassign', { entity: 'orders', id: uuidv7(), userId: OLGA }, token)).statusCode).toBe(403);
    }
    expect((await h.get('/api/wallboard')).statusCode).toBe(401);
  });

  it('refuses the live wallboard feed to operators and technicians with HTTP 403 before the upgrade', async () => {
    for (const who of ['operator', 'tech'] as const) {
      const token = await h.login(who);
      const status = await new Promise<number>((resolve, reject) => {
        const s = new WebSocket(`${base}?token=${token}&wallboard=1`);
        s.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        s.on('open', () => reject(new Error(`${who} got the wallboard feed`)));
        s.on('error', () => undefined);
      });
      expect(status).toBe(403);
    }
  });

  it('gives supervisors and admins the snapshot: operators, open callbacks, orders past SLA, today\'s counts', async () => {
    const now = new Date();
    const [order] = await h.db.selectFrom('orders').select(['id', 'number']).where('number', '=', 'П-1023').execute();
    if (!order) throw new Error('order П-1023 missing');
    await h.db.updateTable('orders').set({ sla_due_at: new Date(now.getTime() - 5 * 60_000) }).where('id', '=', order.id).execute();
    const callbackId = uuidv7();
    await h.db
      .insertInto('callbacks')
      .values({ id: callbackId, phone: '+79990001122', customer_id: null, assignee_id: null, due_at: new Date(now.getTime() + 120_000), done_at: null, reason: 'Пропущенный звонок', version: 0 })
      .execute();
    await h.db
      .insertInto('calls')
      .values({ id: uuidv7(), direction: 'incoming', outcome: 'missed', phone: '+79990001122', customer_id: null, order_id: null, user_id: null, started_at: now, duration_sec: 0, note: '', version: 0 })
      .execute();

    for (const who of ['supervisor', 'admin'] as const) {
      const res = await h.get('/api/wallboard', await h.login(who));
      expect(res.statusCode).toBe(200);
      const snap = WallboardSnapshot.parse(res.json());
      expect(snap.agents.map((a) => a.name)).toEqual(['Ирина Петрова', 'Ольга Смирнова']);
      expect(snap.callbacks.find((c) => c.id === callbackId)).toMatchObject({ phone: '+79990001122', assigneeId: null });
      expect(snap.ordersPastSla.find((o) => o.id === order.id)).toMatchObject({ number: 'П-1023' });
      expect(snap.ordersPastSla.every((o) => Date.parse(o.slaDueAt) < Date.parse(snap.now))).toBe(true);
      expect(snap.today.callsMissed).toBeGreaterThanOrEqual(1);
      expect(snap.today.callsIncoming).toBeGreaterThanOrEqual(snap.today.callsMissed);
    }
  });

  it('carries agent states live to supervisors only; a supervisor\'s change reaches the agent; a break keeps new work away', async () => {
    const op = connectLive(`${base}?token=${await h.login('operator')}`);
    const op2 = connectLive(`${base}?token=${await h.login('operator2')}`);
    const sup = connectLive(`${base}?token=${await h.login('supervisor')}&wallboard=1`);
    const supPlain = connectLive(`${base}?token=${await h.login('supervisor')}`); // did not ask: no agents
    await Promise.all([op.opened, op2.opened, sup.opened, supPlain.opened]);
    await sup.next(isAgent(IRINA, 'available'));

    const peer = { phone: '+79123456789', name: 'Анна Соколова' };
    const sent = Date.now();
    op.socket.send(JSON.stringify({ type: 'agent.state', status: { kind: 'on_call', peer } }));
    const onCall = await sup.next(isAgent(IRINA, 'on_call'));
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(onCall.agent.state.peer).toEqual(peer);
    const snap = WallboardSnapshot.parse((await h.get('/api/wallboard', await h.login('supervisor'))).json());
    expect(snap.agents.find((a) => a.userId === IRINA)?.state).toMatchObject({ kind: 'on_call', peer });

    // A supervisor sends Ирина on a break while she talks: the call is not cut; the break is her
    // plan for after it, which her client hears and the wallboard shows.
    const res = await h.post(`/api/agents/${IRINA}/state`, { kind: 'break', reason: 'lunch' }, await h.login('supervisor'));
    expect(res.statusCode).toBe(200);
    const isSelf = (m: LiveMessage): m is Extract<LiveMessage, { type: 'agent.self' }> => m.type === 'agent.self';
    const self = await op.next(isSelf);
    expect(self.state).toMatchObject({ kind: 'on_call', peer, afterCall: { kind: 'break', reason: 'lunch' } });
    await sup.next((m): m is Extract<LiveMessage, { type: 'agent' }> => m.type === 'agent' && m.agent.userId === IRINA && m.agent.state.afterCall?.kind === 'break');
    // Her call and after-call work over, her client goes where the plan says.
    op.socket.send(JSON.stringify({ type: 'agent.state', status: { kind: 'break', reason: 'lunch' } }));
    await sup.next(isAgent(IRINA, 'break'));
    // Off the phone, a supervisor's break begins at once.
    op.socket.send(JSON.stringify({ type: 'agent.state', status: { kind: 'available' } }));
    await sup.next(isAgent(IRINA, 'available'));
    expect((await h.post(`/api/agents/${IRINA}/state`, { kind: 'break', reason: 'meeting' }, await h.login('supervisor'))).statusCode).toBe(200);
    await op.next((m): m is Extract<LiveMessage, { type: 'agent.self' }> => isSelf(m) && m.state.kind === 'break' && m.state.reason === 'meeting');

    // Assignment skips her while the break lasts (the stored state, any server instance).
    await expect.poll(async () => (await h.db.selectFrom('agent_states').select('state').where('user_id', '=', IRINA).executeTakeFirst())?.state).toBe('break');
    expect(await h.db.transaction().execute((trx) => chooseOperator(trx, null))).toBe(OLGA);

    // Operators never receive other agents' states, whatever happens.
    expect(op.messages.some((m) => m.type === 'agent')).toBe(false);
    expect(op2.messages.some((m) => m.type === 'agent' || m.type === 'agent.self')).toBe(false);
    expect(supPlain.messages.some((m) => m.type === 'agent')).toBe(false);
    supPlain.socket.close();

    // Her last socket closes: offline on the wallboard.
    op.socket.close();
    await sup.next(isAgent(IRINA, 'offline'));
    const offline = await h.post(`/api/agents/${IRINA}/state`, { kind: 'available' }, await h.login('supervisor'));
    expect(offline.statusCode).toBe(409);
    op2.socket.close();
    sup.socket.close();
  });

  it('reassigns an open callback or order to another operator, and only to an operator', async () => {
    const token = await h.login('supervisor');
    const id = uuidv7();
    await h.db
      .insertInto('callbacks')
      .values({ id, phone: '+79990003344', customer_id: null, assignee_id: IRINA, due_at: new Date(), done_at: null, reason: '', version: 0 })
      .execute();
    const res = await h.post('/api/wallboard/reassign', { entity: 'callbacks', id, userId: OLGA }, token);
    expect(res.statusCode).toBe(200);
    const row = await h.db.selectFrom('callbacks').select(['assignee_id', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.assignee_id).toBe(OLGA);
    expect(Number(row.version)).toBeGreaterThan(0);

    const [order] = await h.db.selectFrom('orders').select('id').where('number', '=', 'П-1023').execute();
    if (!order) throw new Error('order П-1023 missing');
    expect((await h.post('/api/wallboard/reassign', { entity: 'orders', id: order.id, userId: OLGA }, token)).statusCode).toBe(200);
    expect((await h.db.selectFrom('orders').select('operator_id').where('id', '=', order.id).executeTakeFirstOrThrow()).operator_id).toBe(OLGA);

    expect((await h.post('/api/wallboard/reassign', { entity: 'orders', id: order.id, userId: DEMO_USERS.supervisor.id }, token)).statusCode).toBe(404);
    expect((await h.post('/api/wallboard/reassign', { entity: 'callbacks', id: uuidv7(), userId: OLGA }, token)).statusCode).toBe(404);
    expect((await h.post('/api/wallboard/reassign', { entity: 'nope', id, userId: OLGA }, token)).statusCode).toBe(400);
  });
});
