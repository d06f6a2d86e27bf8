// The main side end to end against a fake CRM: login → sync → queries → stage change →
// push/pull, rejection, offline and live events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope, MethodName, MethodOutput, SyncStatus } from '../../core/contract.js';
import { PultError } from '../../core/errors.js';
import { OPERATOR, TECH, customer, order, seedChanges } from '../../db/test-fixtures.js';
import { createAppCore, type AppCore, type AppCoreOptions } from './app-core.js';
import { startFakeCrm, type FakeCrm } from './fake-crm-server.js';

let dir: string;
let crm: FakeCrm;
let core: AppCore | null = null;
const events: EventEnvelope[] = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-core-'));
  crm = await startFakeCrm([
    { user: OPERATOR, password: 'secret' },
    { user: TECH, password: 'secret' },
  ]);
  for (const { version: _v, ...c } of seedChanges()) crm.write(c);
  events.length = 0;
});
afterEach(async () => {
  await core?.close();
  core = null;
  await crm.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(over: Partial<AppCoreOptions> = {}): AppCore {
  core = createAppCore({
    dataDir: dir,
    mode: 'web',
    defaultServerUrl: crm.url,
    logger: pino({ level: 'silent' }),
    version: '9.9.9',
    sync: { live: false, periodMs: 60_000 },
    ...over,
  });
  core.subscribe((e) => events.push(e));
  return core;
}

async function call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
  const r = await core!.handle(method, input);
  if (!r.ok) throw new PultError(r.error.code, r.error.message);
  return r.value as MethodOutput<M>;
}

async function login(user = 'anna') {
  return call('session.login', { serverUrl: crm.url, login: user, password: 'secret' });
}

async function until(check: () => boolean | Promise<boolean>, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('app core', () => {
  it('answers app.info and refuses data calls before login', async () => {
    start();
    expect(await call('app.info', {})).toEqual({ version: '9.9.9', mode: 'web', defaultServerUrl: crm.url });
    expect(await call('session.current', {})).toBeNull();
    expect(await call('sync.status', {})).toMatchObject({ state: 'logged_out' });
    expect(await core!.handle('orders.list', { scope: 'mine' })).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    expect(await core!.handle('session.login', { serverUrl: crm.url, login: '', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'auth.empty_login', fields: { login: 'auth.empty_login' } },
    });
  });

  it('logs in, syncs, and answers queries from the cache', async () => {
    start();
    expect(await login()).toEqual({ user: OPERATOR, serverUrl: crm.url });
    const status = await call('sync.now', {});
    expect(status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(status.lastSyncAt).not.toBeNull();

    const mine = await call('orders.list', { scope: 'mine' });
    expect(mine.map((i) => i.order.id)).toEqual([order(1).id]);
    expect(mine[0]).toMatchObject({ customer: customer(1), stage: { id: 'new' }, pending: false });
    expect((await call('orders.list', { scope: 'all' })).map((i) => i.order.id)).toEqual([order(2).id, order(1).id]);

    const details = await call('orders.get', { id: order(1).id });
    expect(details.nextStages.map((s) => s.id)).toEqual(['assigned', 'lost']);

    // The screen pop also gets each open order's stage, so it can show «Новая» without a second query.
    const pop = await call('customers.findByPhone', { phone: '8 (912) 000-00-01' });
    expect(pop).toMatchObject({ customer: customer(1), openOrders: [order(1)] });
    expect(pop?.stages?.[order(1).id]?.id).toBe(order(1).stageId);
    expect(await call('customers.findByPhone', { phone: '+7 999 111 22 33' })).toBeNull();
    expect(await call('customers.findByPhone', { phone: 'anonymous' })).toBeNull();
  });

  it('a stage change is saved locally first, shown optimistically, then confirmed by the server', async () => {
    start();
    await login();
    await call('sync.now', {});
    crm.requests.length = 0;
    const d = await call('orders.changeStage', { orderId: order(1).id, toStageId: 'assigned' });
    expect(d).toMatchObject({ order: { stageId: 'assigned', version: 1 }, pending: true, nextStages: [{ id: 'lost' }] });
    const s = await call('sync.now', {});
    expect(s).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(crm.pushes.at(-1)).toEqual([expect.objectContaining({ seq: 1, name: 'orders.changeStage', args: { orderId: order(1).id, toStageId: 'assigned', baseVersion: 1, fromStageId: 'new' } })]);
    expect(await call('orders.get', { id: order(1).id })).toMatchObject({ order: { stageId: 'assigned', version: 2 }, pending: false });
    expect(events.some((e) => e.event === 'data.changed')).toBe(true);
    // A transition the role may not make is refused locally, nothing queued.
    expect(await core!.handle('orders.changeStage', { orderId: order(1).id, toStageId: 'done' })).toMatchObject({ ok: false, error: { code: 'transition.forbidden' } });
    expect(await core!.handle('orders.changeStage', { orderId: order(1).id, toStageId: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'transition.unknown_stage' } });
    expect((await call('sync.status', {})).pending).toBe(0);
  });

  it('a failed close without a reason is refused locally (offline too); with the role’s reason it is saved and confirmed', async () => {
    start();
    await login();
    await call('sync.now', {});
    await crm.close(); // offline: the rule still holds, from the cache alone
    const id = order(1).id;
    expect(await core!.handle('orders.changeStage', { orderId: id, toStageId: 'lost' })).toMatchObject({ ok: false, error: { code: 'reason.required' } });
    expect(await core!.handle('orders.changeStage', { orderId: id, toStageId: 'lost', reason: 'door_not_opened' })).toMatchObject({
      ok: false,
      error: { code: 'reason.not_allowed' },
    });
    expect((await call('sync.status', {})).pending).toBe(0);
    const d = await call('orders.changeStage', { orderId: id, toStageId: 'lost', reason: 'bought_elsewhere' });
    expect(d).toMatchObject({ order: { stageId: 'lost', failureReason: 'bought_elsewhere' }, pending: true });

    crm = await startFakeCrm([{ user: OPERATOR, password: 'secret' }], crm.port);
    for (const { version: _v, ...c } of seedChanges()) crm.write(c);
    await login();
    await until(async () => (await call('sync.now', {})).pending === 0);
    expect(crm.pushes.flat().at(-1)).toMatchObject({ name: 'orders.changeStage', args: { orderId: id, toStageId: 'lost', reason: 'bought_elsewhere' } });
    expect(await call('orders.get', { id })).toMatchObject({ order: { stageId: 'lost', failureReason: 'bought_elsewhere' }, pending: false });
  });

  it('changes made one after another offline all go through, each based on the stage before it', async () => {
    start();
    await login();
    await call('sync.now', {});
    const port = crm.port;
    await crm.close();
    const id = order(1).id;
    await call('orders.changeStage', { orderId: id, toStageId: 'assigned' });
    expect(await call('orders.changeStage', { orderId: id, toStageId: 'lost', reason: 'too_expensive' })).toMatchObject({ order: { stageId: 'lost' }, pending: true });
    crm = await startFakeCrm([{ user: OPERATOR, password: 'secret' }], port);
    for (const { version: _v, ...c } of seedChanges()) crm.write(c);
    await login();
    await until(async () => (await call('sync.now', {})).pending === 0);
    expect(crm.pushes.flat().map((m) => m.name === 'orders.changeStage' && [m.args.fromStageId, m.args.toStageId])).toEqual([
      ['new', 'assigned'],
      ['assigned', 'lost'],
    ]);
    expect(await call('sync.status', {})).toMatchObject({ lastError: null, rejected: [] });
    expect(await call('orders.get', { id })).toMatchObject({ order: { stageId: 'lost', failureReason: 'too_expensive' }, pending: false });
  });

  it('a rejected change reverts to the server value and surfaces the error', async () => {
    start();
    await login();
    await call('sync.now', {});
    crm.rejectNext = new PultError('conflict', 'order changed meanwhile');
    await call('orders.changeStage', { orderId: order(1).id, toStageId: 'assigned' });
    const s = await call('sync.now', {});
    expect(s).toMatchObject({ state: 'idle', pending: 0, lastError: { code: 'conflict' } });
    expect(await call('orders.get', { id: order(1).id })).toMatchObject({ order: { stageId: 'new' }, pending: false });
    expect(events.filter((e) => e.event === 'sync.status').at(-1)?.payload).toMatchObject({ lastError: { code: 'conflict' } });
    // The queue is not blocked: the next change goes through and clears the old error.
    crm.rejectNext = null;
    await call('orders.changeStage', { orderId: order(1).id, toStageId: 'lost', reason: 'customer_refused' });
    expect(await call('sync.now', {})).toMatchObject({ pending: 0, lastError: null });
    expect(crm.pushes.at(-1)?.[0]?.seq).toBe(2);
  });

  it('works offline: changes queue up and go out when the server is back', async () => {
    start();
    await login();
    await call('sync.now', {});
    const port = crm.port;
    await crm.close();
    const off = await call('sync.now', {});
    expect(off.state).toBe('offline');
    expect(await call('customers.findByPhone', { phone: '+79120000001' })).not.toBeNull();
    await call('orders.changeStage', { orderId: order(1).id, toStageId: 'assigned' });
    await until(async () => (await call('sync.status', {})).state === 'offline');
    expect(await call('sync.status', {})).toMatchObject({ state: 'offline', pending: 1 });

    crm = await startFakeCrm([{ user: OPERATOR, password: 'secret' }], port);
    for (const { version: _v, ...c } of seedChanges()) crm.write(c);
    // The server lost its tokens in this test; a real one would keep them. Log in again.
    await login();
    expect(await call('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    expect(await call('orders.get', { id: order(1).id })).toMatchObject({ order: { stageId: 'assigned' }, pending: false });
  });

  it('restores the session on restart and logout clears it', async () => {
    start();
    await login();
    await call('sync.now', {});
    await core!.close();
    start();
    await core!.ready;
    expect(await call('session.current', {})).toEqual({ user: OPERATOR, serverUrl: crm.url });
    // The cache survived: data is there before any sync.
    expect(await call('orders.list', { scope: 'mine' })).toHaveLength(1);
    await call('session.logout', {});
    expect(await call('session.current', {})).toBeNull();
    expect(events.filter((e) => e.event === 'sync.status').at(-1)?.payload).toMatchObject({ state: 'logged_out' });
    await core!.close();
    start();
    expect(await call('session.current', {})).toBeNull();
  });

  it('an expired session shows as a sync error, not a crash', async () => {
    start();
    await login();
    await call('sync.now', {});
    await crm.close();
    crm = await startFakeCrm([{ user: OPERATOR, password: 'secret' }], Number(new URL((await call('session.current', {}))!.serverUrl).port));
    expect(await call('sync.now', {})).toMatchObject({ state: 'error', lastError: { code: 'auth.session_expired' } });
  });

  it('follows live events from the server', async () => {
    start({ sync: { live: true, periodMs: 60_000, reconnectMinMs: 50 } });
    await login();
    await until(() => crm.liveClients() === 1);
    await until(async () => (await call('sync.status', {})).lastSyncAt !== null);
    events.length = 0;
    crm.write({ entity: 'orders', op: 'upsert', data: order(3, { operatorId: OPERATOR.id }) });
    await until(() => events.some((e) => e.event === 'data.changed' && (e.payload as { entities: string[] }).entities.includes('orders')));
    expect((await call('orders.list', { scope: 'mine' })).map((i) => i.order.id)).toContain(order(3).id);
    const final: SyncStatus = await call('sync.status', {});
    expect(final.state).toBe('idle');
  });

  it('claims: opening takes the server claim; another user’s claim arrives live and shows with their name until it ends', async () => {
    start({ sync: { live: true, periodMs: 60_000, reconnectMinMs: 50 } });
    await login();
    await until(() => crm.liveClients() === 1);
    const id = order(1).id;
    expect(await call('orders.claim', { orderId: id })).toEqual({ taken: true, holderName: null });
    // Our own claim is ours: it is not shown as someone else calling.
    await until(async () => (await call('orders.get', { id })).claim?.mine === true);
    expect(await call('orders.release', { orderId: id })).toEqual({ ok: true });
    await until(async () => (await call('orders.get', { id })).claim === null);

    // Иван (another client) takes order 2's claim: it reaches us through the live channel.
    const other = { entity: 'orders' as const, entityId: order(2).id, userId: TECH.id };
    crm.write({ entity: 'claims', op: 'upsert', data: { ...other, expiresAt: new Date(Date.now() + 60_000).toISOString() } });
    const claimOf = async (orderId: string) => (await call('orders.list', { scope: 'all' })).find((i) => i.order.id === orderId)?.claim;
    await until(async () => (await claimOf(order(2).id)) != null);
    expect(await claimOf(order(2).id)).toMatchObject({ userId: TECH.id, holderName: 'Иван', mine: false });
    expect((await call('orders.get', { id: order(2).id })).claim).toMatchObject({ holderName: 'Иван', mine: false });
    // Released (or expired): gone everywhere.
    crm.write({ entity: 'claims', op: 'upsert', data: { ...other, expiresAt: new Date(Date.now() - 1).toISOString() } });
    await until(async () => (await claimOf(order(2).id)) === null);
  });

  it('claims: a refused claim names the holder; offline it is a plain unreachable error', async () => {
    start();
    await login('ivan');
    await call('sync.now', {});
    expect(await call('orders.claim', { orderId: order(1).id })).toEqual({ taken: true, holderName: null });
    await call('session.logout', {});
    await login('anna');
    expect(await call('orders.claim', { orderId: order(1).id })).toEqual({ taken: false, holderName: 'Иван' });
    await crm.close();
    expect(await core!.handle('orders.claim', { orderId: order(1).id })).toMatchObject({ ok: false, error: { code: 'server.unreachable' } });
  });
});
