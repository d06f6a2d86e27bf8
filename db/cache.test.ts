import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loadMigrations, migrate } from './migrate.js';
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

describe('bulk load (first sync)', () => {
  const indexes = () => cache.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all();
  const upsert = (version: number, data: ReturnType<typeof customer>) => ({ entity: 'customers' as const, op: 'upsert' as const, version, data });

  it('drops the indexes, appends, then builds them again: newest row per id, late deletes applied', () => {
    const before = indexes();
    expect(JSON.stringify(before)).toContain('customers_id');
    cache.beginBulkLoad();
    expect(cache.inBulkLoad()).toBe(true);
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('truncate');
    expect(indexes()).not.toEqual(expect.arrayContaining([expect.objectContaining({ name: 'customers_id' })]));
    cache.applyChanges([...seedChanges(), upsert(8, customer(3)), upsert(9, customer(4))], 9);
    // Reads still work while the indexes are down.
    expect(cache.getCustomer(customer(3).id)).toEqual(customer(3));
    // Customer 3 changed while the sync ran and comes again; 1 and 4 are deleted, 4 comes back later.
    cache.applyChanges(
      [
        upsert(10, { ...customer(3), name: 'Клиент 3, новое имя' }),
        { entity: 'customers', op: 'delete', version: 11, id: customer(1).id },
        { entity: 'customers', op: 'delete', version: 12, id: customer(4).id },
      ],
      12,
    );
    cache.applyChanges([upsert(13, { ...customer(4), name: 'Клиент 4 снова' })], 13);
    // A page long enough for the many-rows-per-statement path (and its remainder).
    const many = Array.from({ length: 123 }, (_, i) => upsert(100 + i, customer(1000 + i)));
    cache.applyChanges(many, 222);
    cache.endBulkLoad();
    expect(cache.inBulkLoad()).toBe(false);
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(indexes()).toEqual(before);
    expect(cache.getCustomer(customer(1).id)).toBeNull();
    expect(cache.getCustomer(customer(2).id)).toEqual(customer(2));
    expect(cache.getCustomer(customer(3).id)?.name).toBe('Клиент 3, новое имя');
    expect(cache.getCustomer(customer(4).id)?.name).toBe('Клиент 4 снова');
    expect(cache.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(3 + 123);
    expect(cache.getCustomer(customer(1122).id)).toEqual(customer(1122));
    expect(cache.findCustomersByPhone(customer(1050).phone)).toEqual([customer(1050)]);
    expect(cache.db.prepare('SELECT count(*) FROM bulk_deletes').pluck().get()).toBe(0);
    expect(cache.syncState().cursor).toBe(222);
    expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Back to upserts: the same id replaces its row.
    cache.applyChanges([upsert(223, { ...customer(2), name: 'Клиент 2 после' })], 223);
    expect(cache.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(3 + 123);
    expect(cache.findCustomersByPhone(customer(2).phone).map((c) => c.name)).toEqual(['Клиент 2 после']);
  });

  it('a bulk load cut by a crash is finished at the next open', () => {
    const before = indexes();
    cache.beginBulkLoad();
    cache.applyChanges([...seedChanges(), { entity: 'customers', op: 'delete', version: 8, id: customer(2).id }], 8);
    // No endBulkLoad and no clean close: what a killed app leaves behind.
    cache.db.close();
    cache = openCache(file());
    expect(cache.inBulkLoad()).toBe(false);
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(indexes()).toEqual(before);
    expect(cache.getCustomer(customer(2).id)).toBeNull();
    expect(cache.listServerOrders()).toHaveLength(2);
    expect(cache.syncState().cursor).toBe(8);
  });
});

describe('migration 007 (unique id indexes)', () => {
  it('keeps rows, their rowids (catalog search) and upserts of an older cache', () => {
    const old = path.join(dir, 'v6.sqlite');
    const v6 = new Database(old);
    migrate(v6, loadMigrations().filter((m) => m.version <= 6));
    const row = (t: string, cols: string[], vals: unknown[]) => v6.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...vals);
    row('pipelines', ['id', 'version', 'definition'], ['repair', 3, JSON.stringify(PIPELINE)]);
    for (const [i, o] of [order(1), order(2)].entries()) {
      row('orders', ['id', 'customer_id', 'operator_id', 'technician_id', 'stage_id', 'created_at', 'version', 'data'], [o.id, o.customerId, o.operatorId, o.technicianId, o.stageId, o.createdAt, 6 + i, JSON.stringify(o)]);
    }
    // A deleted offer leaves a rowid gap: the copy must keep rowids, not renumber them.
    const offer = (n: number, name: string) => ({ id: `01900000-0000-7000-8000-30000000000${n}`, sku: `GROHE-${n}`, name, prices: { '*': 100 }, stock: 1, updatedAt: '2025-01-01T00:00:00.000Z' });
    for (const o of [offer(1, 'Унитаз'), offer(2, 'Смеситель Grohe')]) row('offers', ['id', 'sku', 'version', 'data'], [o.id, o.sku, 8, JSON.stringify(o)]);
    v6.prepare('DELETE FROM offers WHERE id = ?').run(offer(1, '').id);
    const call = { id: '01900000-0000-7000-8000-400000000001', direction: 'incoming', outcome: 'answered', phone: '+79120001234', customerId: null, orderId: null, userId: null, startedAt: '2025-01-03T00:00:00.000Z', durationSec: 5, note: '' };
    row('calls', ['id', 'started_at', 'phone', 'version', 'data'], [call.id, call.startedAt, call.phone, 9, JSON.stringify(call)]);
    v6.close();
    const migrated = openCache(old);
    try {
      expect(migrated.db.pragma('user_version', { simple: true })).toBe(loadMigrations().at(-1)!.version);
      expect(migrated.getPipeline('repair')).toEqual(PIPELINE);
      expect(migrated.listServerOrders()).toHaveLength(2);
      expect(migrated.searchOffers('смес', 5).map((o) => o.sku)).toEqual(['GROHE-2']);
      expect(migrated.searchOffers('унит', 5)).toEqual([]);
      expect(migrated.recentServerCallsByPhone('+79120001234', 5).map((c) => c.id)).toEqual(['01900000-0000-7000-8000-400000000001']);
      const names = migrated.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").pluck().all();
      expect(names).toEqual(expect.arrayContaining(['customers_id', 'customers_phone', 'orders_id', 'orders_stage', 'calls_id', 'calls_phone', 'calls_customer', 'callbacks_open', 'offers_sku']));
      migrated.applyChanges([{ entity: 'orders', op: 'upsert', version: 9, data: order(1, { stageId: 'assigned', version: 9 }) }], 9);
      expect(migrated.listServerOrders()).toHaveLength(2);
      expect(migrated.getServerOrder(order(1).id)?.stageId).toBe('assigned');
      expect(migrated.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      migrated.close();
    }
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

  it('a pending visit time shows at once, the latest one wins, and survives reopening the cache', () => {
    cache.applyChanges(seedChanges(), 7);
    const o = order(1);
    cache.enqueue({ name: 'orders.setAppointment', args: { orderId: o.id, appointmentAt: '2030-03-05T11:00:00.000Z' } });
    cache.enqueue({ name: 'orders.setAppointment', args: { orderId: o.id, appointmentAt: '2030-03-06T11:00:00.000Z' } });
    const view = () => replayOrder(cache.getServerOrder(o.id)!, cache.pendingFor(o.id), PIPELINE, OPERATOR.role);
    expect(view()).toMatchObject({ pending: true, order: { appointmentAt: '2030-03-06T11:00:00.000Z' } });
    expect(cache.getServerOrder(o.id)?.appointmentAt).toBeUndefined();
    cache.close();
    cache = openCache(file());
    expect(view().order.appointmentAt).toBe('2030-03-06T11:00:00.000Z');
    // Cleared offline: nothing shows, though the server row still has a time.
    cache.applyChanges([{ entity: 'orders', op: 'upsert', version: 8, data: order(1, { appointmentAt: '2030-03-06T11:00:00.000Z' }) }], 8);
    cache.enqueue({ name: 'orders.setAppointment', args: { orderId: o.id, appointmentAt: null } });
    expect(view().order.appointmentAt).toBeNull();
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
