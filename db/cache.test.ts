import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate.js';
import { openCache, toMutation, type Cache } from './cache.js';
import { replayOrder } from './optimistic.js';
import { OPERATOR, PIPELINE, customer, order, seedChanges } from './test-fixtures.js';

let dir: string;
let cache: Cache;
const file = () => path.join(dir, 'cache.sqlite');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-cache-'));
  cache = openCache(file());
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('applies all at open, sets user_version and the durable pragmas', () => {
    const latest = loadMigrations().at(-1)!.version;
    expect(cache.db.pragma('user_version', { simple: true })).toBe(latest);
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(cache.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(cache.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = cache.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['users', 'pipelines', 'customers', 'orders', 'calls', 'callbacks', 'outbox', 'sync_state', 'meta']));
  });

  it('reopening keeps data and the device id, and runs nothing twice', () => {
    const deviceId = cache.syncState().deviceId;
    cache.applyChanges(seedChanges(), 7);
    cache.close();
    cache = openCache(file());
    expect(cache.syncState()).toMatchObject({ deviceId, cursor: 7 });
    expect(cache.getPipeline('repair')).toEqual(PIPELINE);
  });

  it('refuses a cache written by a newer app', () => {
    cache.db.pragma('user_version = 999');
    cache.close();
    expect(() => openCache(file())).toThrow(/newer/);
    cache = openCache(path.join(dir, 'other.sqlite'));
  });
});

describe('applyChanges', () => {
  it('is idempotent and stores the cursor with the page', () => {
    cache.applyChanges(seedChanges(), 7);
    cache.applyChanges(seedChanges(), 7);
    expect(cache.listServerOrders()).toHaveLength(2);
    expect(cache.syncState().cursor).toBe(7);
    expect(cache.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);
  });

  it('upserts replace and tombstones delete, atomically', () => {
    cache.applyChanges(seedChanges(), 7);
    const moved = order(1, { stageId: 'assigned', version: 2 });
    cache.applyChanges(
      [
        { entity: 'orders', op: 'upsert', version: 8, data: moved },
        { entity: 'customers', op: 'delete', version: 9, id: customer(2).id },
      ],
      9,
    );
    expect(cache.getServerOrder(moved.id)).toEqual(moved);
    expect(cache.getCustomer(customer(2).id)).toBeNull();
    // A failing page leaves nothing behind, cursor included.
    expect(() =>
      cache.applyChanges(
        [
          { entity: 'orders', op: 'upsert', version: 10, data: order(3) },
          // @ts-expect-error a broken row must abort the whole page
          { entity: 'orders', op: 'upsert', version: 11, data: { id: 'x' } },
        ],
        11,
      ),
    ).toThrow();
    expect(cache.getServerOrder(order(3).id)).toBeNull();
    expect(cache.syncState().cursor).toBe(9);
  });
});

describe('claims', () => {
  it('keeps the last claim per thing, expired ones included, and a rebuild empties them', () => {
    const claim = (entityId: string, userId: string, expiresAt: string) => ({ entity: 'orders' as const, entityId, userId, expiresAt });
    cache.applyChanges(seedChanges(), 7);
    cache.applyChanges([{ entity: 'claims', op: 'upsert', version: 8, data: claim(order(1).id, OPERATOR.id, '2030-01-01T00:00:00.000Z') }], 8);
    cache.applyChanges([{ entity: 'claims', op: 'upsert', version: 9, data: claim(order(1).id, OPERATOR.id, '2025-01-01T00:00:00.000Z') }], 9);
    expect(cache.getClaim('orders', order(1).id)?.expiresAt).toBe('2025-01-01T00:00:00.000Z');
    expect(cache.getClaim('callbacks', order(1).id)).toBeNull();
    expect([...cache.claimsOn('orders').keys()]).toEqual([order(1).id]);
    cache.resetData();
    expect(cache.claimsOn('orders').size).toBe(0);
  });
});

describe('phone index', () => {
  it('finds a customer by E.164 through the index', () => {
    cache.applyChanges(seedChanges(), 7);
    expect(cache.findCustomersByPhone(customer(2).phone)).toEqual([customer(2)]);
    expect(cache.findCustomersByPhone('+79990000000')).toEqual([]);
    const plan = cache.db.prepare('EXPLAIN QUERY PLAN SELECT data FROM customers WHERE phone = ?').all('+7');
    expect(JSON.stringify(plan)).toContain('customers_phone');
  });
});

describe('outbox and optimistic view', () => {
  it('queues with increasing seq that never repeats, even after confirmation', () => {
    cache.applyChanges(seedChanges(), 7);
    const a = cache.enqueue({ name: 'orders.changeStage', args: { orderId: order(1).id, toStageId: 'assigned', baseVersion: 1 } });
    const b = cache.enqueue({ name: 'orders.changeStage', args: { orderId: order(2).id, toStageId: 'lost', baseVersion: 1 } });
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(cache.pendingCount()).toBe(2);
    cache.applyChanges([], 8, { confirmed: [a.id, b.id] });
    expect(cache.pendingCount()).toBe(0);
    const c = cache.enqueue({ name: 'orders.changeStage', args: { orderId: order(1).id, toStageId: 'lost', baseVersion: 2 } });
    expect(c.seq).toBe(3);
    expect(toMutation(c)).toMatchObject({ id: c.id, seq: 3, name: 'orders.changeStage', args: { toStageId: 'lost' } });
  });

  it('shows the target stage while pending, the server row stays untouched', () => {
    cache.applyChanges(seedChanges(), 7);
    const o = order(1);
    cache.enqueue({ name: 'orders.changeStage', args: { orderId: o.id, toStageId: 'assigned', baseVersion: 1 } });
    expect(cache.getServerOrder(o.id)?.stageId).toBe('new');
    const view = replayOrder(cache.getServerOrder(o.id)!, cache.pendingFor(o.id), PIPELINE, OPERATOR.role);
    expect(view).toMatchObject({ pending: true, order: { stageId: 'assigned' } });
  });

  it('a pending failed close shows its reason, and the old stage’s deadline is gone until the server sets the new one', () => {
    cache.applyChanges([...seedChanges(), { entity: 'orders', op: 'upsert', version: 8, data: order(1, { slaDueAt: '2030-01-01T00:00:00.000Z' }) }], 8);
    const o = order(1);
    cache.enqueue({ name: 'orders.changeStage', args: { orderId: o.id, toStageId: 'lost', baseVersion: 1, reason: 'too_expensive' } });
    const view = replayOrder(cache.getServerOrder(o.id)!, cache.pendingFor(o.id), PIPELINE, OPERATOR.role);
    expect(view.order).toMatchObject({ stageId: 'lost', failureReason: 'too_expensive', slaDueAt: null });
    expect(cache.getServerOrder(o.id)?.slaDueAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('a rejected mutation keeps the server value and leaves a visible error', () => {
    cache.applyChanges(seedChanges(), 7);
    const o = order(1);
    const m = cache.enqueue({ name: 'orders.changeStage', args: { orderId: o.id, toStageId: 'assigned', baseVersion: 1 } });
    cache.markRejected(m.id, { code: 'conflict', message: 'order changed meanwhile' });
    expect(cache.pendingCount()).toBe(0);
    const view = replayOrder(cache.getServerOrder(o.id)!, cache.pendingFor(o.id), PIPELINE, OPERATOR.role);
    expect(view).toEqual({ order: o, pending: false });
    expect(cache.rejectedMutations()).toEqual([expect.objectContaining({ id: m.id, status: 'rejected', error: { code: 'conflict', message: 'order changed meanwhile' } })]);
    // Confirming a rejected id (a late duplicate answer) does not erase the evidence.
    cache.applyChanges([], 8, { confirmed: [m.id] });
    expect(cache.rejectedMutations()).toHaveLength(1);
  });

  it('skips an intent the rules no longer allow on the new base', () => {
    const serverMovedOn = order(1, { stageId: 'done', version: 3 });
    const m = { id: 'm', seq: 1, createdAt: '', status: 'pending' as const, error: null, targetId: serverMovedOn.id, body: { name: 'orders.changeStage' as const, args: { orderId: serverMovedOn.id, toStageId: 'assigned', baseVersion: 1 } } };
    expect(replayOrder(serverMovedOn, [m], PIPELINE, 'operator')).toEqual({ order: serverMovedOn, pending: true });
  });

  it('an outbox write rolls back with its transaction', () => {
    cache.applyChanges(seedChanges(), 7);
    expect(() =>
      cache.transaction(() => {
        cache.enqueue({ name: 'orders.changeStage', args: { orderId: order(1).id, toStageId: 'assigned', baseVersion: 1 } });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(cache.pendingCount()).toBe(0);
    expect(cache.enqueue({ name: 'orders.changeStage', args: { orderId: order(1).id, toStageId: 'assigned', baseVersion: 1 } }).seq).toBe(1);
  });
});
