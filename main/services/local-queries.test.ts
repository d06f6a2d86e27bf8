import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Call } from '../../core/domain.js';
import { openCache, type Cache } from '../../db/cache.js';
import { OPERATOR, PIPELINE, customer, order } from '../../db/test-fixtures.js';
import { createLocalQueries } from './local-queries.js';
import { logCall } from './order-mutations.js';

const PHONE = customer(1).phone;
const callId = (n: number) => `01900000-0000-7000-8000-3000000${String(n).padStart(5, '0')}`;
const serverCall = (n: number, startedAt: string, over: Partial<Call> = {}): Call => ({
  id: callId(n), direction: 'incoming', outcome: 'answered', phone: PHONE, customerId: customer(1).id, orderId: null,
  userId: OPERATOR.id, startedAt, durationSec: 125, note: `звонок ${n}`, ...over,
});

describe('the screen pop lookup', () => {
  let dir = '';
  let cache: Cache | undefined;
  afterEach(() => {
    cache?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function setUp(): Cache {
    dir = mkdtempSync(path.join(tmpdir(), 'pult-lq-'));
    const c = openCache(path.join(dir, 'cache.sqlite'));
    c.applyChanges(
      [
        { entity: 'pipelines', op: 'upsert', version: 1, data: PIPELINE },
        { entity: 'customers', op: 'upsert', version: 2, data: customer(1) },
        { entity: 'customers', op: 'upsert', version: 3, data: customer(2) },
        { entity: 'orders', op: 'upsert', version: 4, data: order(1) },
        { entity: 'calls', op: 'upsert', version: 5, data: serverCall(1, '2025-03-01T09:00:00.000Z') },
        { entity: 'calls', op: 'upsert', version: 6, data: serverCall(2, '2025-03-02T09:00:00.000Z', { outcome: 'missed', durationSec: 0, note: '' }) },
        { entity: 'calls', op: 'upsert', version: 7, data: serverCall(3, '2025-03-03T09:00:00.000Z', { direction: 'outgoing' }) },
        { entity: 'calls', op: 'upsert', version: 8, data: serverCall(9, '2025-03-04T09:00:00.000Z', { phone: customer(2).phone, customerId: customer(2).id }) },
      ],
      8,
    );
    cache = c;
    return c;
  }

  it("shows the caller's last three calls, newest first, only with this number", () => {
    const q = createLocalQueries(setUp(), OPERATOR);
    const pop = q.findByPhone('8 912 000-00-01');
    expect(pop?.lastCalls?.map((c) => [c.id, c.direction, c.outcome, c.pending])).toEqual([
      [callId(3), 'outgoing', 'answered', false],
      [callId(2), 'incoming', 'missed', false],
      [callId(1), 'incoming', 'answered', false],
    ]);
  });

  it('includes a call logged here that has not reached the server yet, once', () => {
    const c = setUp();
    const q = createLocalQueries(c, OPERATOR);
    const entry = logCall(c, { direction: 'incoming', outcome: 'answered', phone: PHONE, customerId: customer(1).id, orderId: null, startedAt: '2025-03-05T09:00:00.000Z', durationSec: 30, note: 'просит перезвонить' });
    let calls = q.findByPhone(PHONE)?.lastCalls ?? [];
    expect(calls.map((x) => [x.id, x.pending, x.note])).toEqual([
      [entry.targetId, true, 'просит перезвонить'],
      [callId(3), false, 'звонок 3'],
      [callId(2), false, ''],
    ]);
    // The pull brings the server's copy before the outbox row is confirmed: still one entry.
    c.applyChanges([{ entity: 'calls', op: 'upsert', version: 9, data: serverCall(10, '2025-03-05T09:00:00.000Z', { id: entry.targetId, durationSec: 30, note: 'просит перезвонить' }) }], 9);
    calls = q.findByPhone(PHONE)?.lastCalls ?? [];
    expect(calls.filter((x) => x.id === entry.targetId)).toHaveLength(1);
    expect(calls).toHaveLength(3);
  });

  it('a customer who never called gets an empty list, not an error', () => {
    const c = setUp();
    c.applyChanges([{ entity: 'customers', op: 'upsert', version: 10, data: customer(3) }], 10);
    expect(createLocalQueries(c, OPERATOR).findByPhone(customer(3).phone)?.lastCalls).toEqual([]);
  });
});

describe('the catalog while talking', () => {
  let dir = '';
  let cache: Cache | undefined;
  afterEach(() => {
    cache?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const offerId = (n: number) => `01900000-0000-7000-8000-4000000${String(n).padStart(5, '0')}`;
  const offer = (n: number, sku: string, name: string, prices: Record<string, number>, stock: number) => ({
    entity: 'offers' as const, op: 'upsert' as const, version: n,
    data: { id: offerId(n), sku, name, prices, stock, updatedAt: '2026-11-01T00:00:00.000Z' },
  });

  function setUp(): Cache {
    dir = mkdtempSync(path.join(tmpdir(), 'pult-catalog-'));
    const c = openCache(path.join(dir, 'cache.sqlite'));
    c.applyChanges(
      [
        offer(1, 'GROHE-33202', 'Смеситель для кухни Grohe Eurosmart', { '*': 1_249_000, 'Санкт-Петербург': 1_199_000 }, 14),
        offer(2, 'HG-71400', 'Смеситель для ванны Hansgrohe Logis', { '*': 1_590_000 }, 0),
        offer(3, 'INSTALL-STD', 'Установка сантехники (стандарт)', { '*': 250_000, 'Москва': 300_000 }, 999),
      ],
      3,
    );
    cache = c;
    return c;
  }

  it('«смес» finds the mixers, priced for the city asked, with stock in words-ready form', () => {
    const q = createLocalQueries(setUp(), OPERATOR);
    const r = q.searchCatalog({ query: 'смес', city: 'Санкт-Петербург', limit: 50 });
    expect(r.more).toBe(false);
    expect(r.hits.map((h) => [h.sku, h.priceKopecks, h.cityPrice, h.inStock])).toEqual([
      ['GROHE-33202', 1_199_000, true, true],
      ['HG-71400', 1_590_000, false, false],
    ]);
    expect(q.searchCatalog({ query: 'grohe-33202', limit: 50 }).hits.map((h) => [h.sku, h.priceKopecks])).toEqual([['GROHE-33202', 1_249_000]]);
    expect(q.searchCatalog({ query: 'ванн', city: null, limit: 50 }).hits.map((h) => h.sku)).toEqual(['HG-71400']);
    expect(q.searchCatalog({ query: 'кран', limit: 50 })).toEqual({ hits: [], more: false });
  });

  it('says when more match than were asked for', () => {
    const q = createLocalQueries(setUp(), OPERATOR);
    const r = q.searchCatalog({ query: 'смес', limit: 1 });
    expect(r.hits).toHaveLength(1);
    expect(r.more).toBe(true);
  });

  it('lists the cities with their own prices, and reads them afresh once told the catalog changed', () => {
    const c = setUp();
    const q = createLocalQueries(c, OPERATOR);
    expect(q.catalogCities()).toEqual(['Москва', 'Санкт-Петербург']);
    c.applyChanges([offer(4, 'TH-80', 'Водонагреватель Thermex 80 л', { '*': 2_190_000, 'Казань': 2_100_000 }, 3)], 4);
    expect(q.catalogCities()).toEqual(['Москва', 'Санкт-Петербург']);
    q.forgetCatalogCities();
    expect(q.catalogCities()).toEqual(['Казань', 'Москва', 'Санкт-Петербург']);
  });
});
