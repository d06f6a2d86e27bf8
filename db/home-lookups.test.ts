// The cache lookups behind «Что делать сейчас» and the customer card (migration 006).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planCustomerSearch } from '../core/customer-search.js';
import type { Call, Callback } from '../core/domain.js';
import type { Change } from '../core/sync.js';
import { openCache, type Cache } from './cache.js';
import { OPERATOR, customer, order, seedChanges } from './test-fixtures.js';

let dir: string;
let cache: Cache;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-home-'));
  cache = openCache(path.join(dir, 'cache.sqlite'));
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (n: number, over: Partial<Call>): Call => ({
  id: `01900000-0000-7000-8000-4000000${String(n).padStart(5, '0')}`, direction: 'incoming', outcome: 'answered', phone: null, customerId: null,
  orderId: null, userId: OPERATOR.id, startedAt: `2025-01-10T10:${String(n).padStart(2, '0')}:00.000Z`, durationSec: 10, note: '', ...over,
});
const callback = (n: number, over: Partial<Callback>): Callback => ({
  id: `01900000-0000-7000-8000-5000000${String(n).padStart(5, '0')}`, phone: '+79120000001', customerId: null, assigneeId: null,
  dueAt: `2025-01-10T11:${String(n).padStart(2, '0')}:00.000Z`, doneAt: null, reason: 'Перезвонить', ...over,
});

describe('home lookups', () => {
  it("finds a customer's calls by link or by phone, newest first, once each", () => {
    const c = customer(1);
    const changes: Change[] = [
      ...seedChanges(),
      { entity: 'calls', op: 'upsert', version: 10, data: call(1, { customerId: c.id, phone: c.phone }) },
      { entity: 'calls', op: 'upsert', version: 11, data: call(2, { phone: c.phone }) },
      { entity: 'calls', op: 'upsert', version: 12, data: call(3, { customerId: c.id }) },
      { entity: 'calls', op: 'upsert', version: 13, data: call(4, { phone: customer(2).phone }) },
    ];
    cache.applyChanges(changes, 13);
    expect(cache.callsOfCustomer(c.id, c.phone, 10).map((x) => x.id)).toEqual([call(3, {}).id, call(2, {}).id, call(1, {}).id]);
    expect(cache.callsOfCustomer(c.id, c.phone, 2)).toHaveLength(2);
    const plan = cache.db.prepare("EXPLAIN QUERY PLAN SELECT data FROM calls WHERE json_extract(data, '$.customerId') = ?").all('x');
    expect(JSON.stringify(plan)).toContain('calls_customer');
  });

  it('lists open callbacks by due time, and forgets one once it is done', () => {
    cache.applyChanges(
      [
        { entity: 'callbacks', op: 'upsert', version: 1, data: callback(2, {}) },
        { entity: 'callbacks', op: 'upsert', version: 2, data: callback(1, {}) },
        { entity: 'callbacks', op: 'upsert', version: 3, data: callback(3, { doneAt: '2025-01-10T10:00:00.000Z' }) },
      ],
      3,
    );
    expect(cache.openCallbacks().map((x) => x.id)).toEqual([callback(1, {}).id, callback(2, {}).id]);
    cache.applyChanges([{ entity: 'callbacks', op: 'upsert', version: 4, data: callback(1, { doneAt: '2025-01-10T10:30:00.000Z' }) }], 4);
    expect(cache.openCallbacks().map((x) => x.id)).toEqual([callback(2, {}).id]);
  });

  it('reads the unassigned pool and orders by stage', () => {
    cache.applyChanges([...seedChanges(), { entity: 'orders', op: 'upsert', version: 8, data: order(3, { operatorId: null }) }], 8);
    expect(cache.serverOrdersUnassigned().map((o) => o.number).sort()).toEqual(['A-2', 'A-3']);
    expect(cache.serverOrdersInStages(['assigned']).map((o) => o.number)).toEqual(['A-2']);
    expect(cache.serverOrdersInStages([])).toEqual([]);
  });

  it('searches customers by phone prefix and by name, in any letter case', () => {
    const anna = { ...customer(7, '+79161234567'), name: 'Анна Соколова' };
    const boris = { ...customer(8, '+79169990000'), name: 'Борис Аннин' };
    cache.applyChanges(
      [
        { entity: 'customers', op: 'upsert', version: 1, data: anna },
        { entity: 'customers', op: 'upsert', version: 2, data: boris },
        { entity: 'customers', op: 'upsert', version: 3, data: customer(9, '+74951112233') },
      ],
      3,
    );
    const find = (text: string) => cache.searchCustomers(planCustomerSearch(text), 10).map((c) => c.name).sort();
    expect(find('8 916')).toEqual(['Анна Соколова', 'Борис Аннин']);
    expect(find('+7 916 123')).toEqual(['Анна Соколова']);
    expect(find('соколова')).toEqual(['Анна Соколова']);
    expect(find('СОКОЛОВА АННА')).toEqual(['Анна Соколова']);
    expect(find('анн')).toEqual(['Анна Соколова', 'Борис Аннин']);
    expect(find('Пётр')).toEqual([]);
    expect(find('91')).toEqual([]);
  });
});
