// «Что делать сейчас», the customer card and customer search, answered from the cache with
// pending local changes on top.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkingHours } from '../../core/calendar.js';
import { PultError } from '../../core/errors.js';
import { openCache, type Cache } from '../../db/cache.js';
import { OPERATOR, TECH, customer, order, seedChanges } from '../../db/test-fixtures.js';
import { createLocalQueries } from './local-queries.js';
import { changeStage, logCall } from './order-mutations.js';

const ALWAYS = WorkingHours.parse({ timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' });
let dir: string;
let cache: Cache;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-homeq-'));
  cache = openCache(path.join(dir, 'cache.sqlite'));
  cache.applyChanges(
    [
      ...seedChanges(),
      // Unassigned and new: the operators' pool.
      { entity: 'orders', op: 'upsert', version: 8, data: order(3, { operatorId: null, customerId: customer(1).id }) },
      // Another operator's.
      { entity: 'orders', op: 'upsert', version: 9, data: order(4, { operatorId: TECH.id }) },
      { entity: 'callbacks', op: 'upsert', version: 10, data: { id: '01900000-0000-7000-8000-500000000001', phone: customer(1).phone, customerId: customer(1).id, assigneeId: null, dueAt: '2025-01-01T09:00:00.000Z', doneAt: null, reason: 'Пропущенный звонок' } },
      { entity: 'calls', op: 'upsert', version: 11, data: { id: '01900000-0000-7000-8000-400000000001', direction: 'incoming', outcome: 'missed', phone: customer(1).phone, customerId: null, orderId: null, userId: null, startedAt: '2025-01-01T08:58:00.000Z', durationSec: 0, note: '' } },
    ],
    11,
  );
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('home.todo', () => {
  it("lists the operator's callback, own new order and the pool's, most urgent first", () => {
    const items = createLocalQueries(cache, OPERATOR, ALWAYS).todo();
    expect(items.map((i) => [i.kind, i.kind === 'callback' ? i.customer?.name : i.order.number])).toEqual([
      ['callback', 'Клиент 1'],
      ['new_order', 'A-1'],
      ['new_order', 'A-3'],
    ]);
  });

  it('follows a stage change made here before the server confirmed it', () => {
    changeStage(cache, OPERATOR, order(1).id, 'assigned');
    const items = createLocalQueries(cache, OPERATOR, ALWAYS).todo();
    expect(items.map((i) => i.id)).not.toContain(order(1).id);
  });

  it('drops the callback at once when a call to that number connects here, before the server hears of it', () => {
    const q = createLocalQueries(cache, OPERATOR, ALWAYS);
    // A failed attempt changes nothing; the callback stays, on the home screen and on the card.
    logCall(cache, { direction: 'outgoing', outcome: 'failed', phone: customer(1).phone, customerId: customer(1).id, orderId: null, startedAt: '2025-01-01T09:01:00.000Z', durationSec: 0, note: '' });
    expect(q.todo().filter((i) => i.kind === 'callback')).toHaveLength(1);
    expect(q.getCustomer(customer(1).id).callbacks).toHaveLength(1);
    logCall(cache, { direction: 'outgoing', outcome: 'answered', phone: customer(1).phone, customerId: customer(1).id, orderId: null, startedAt: '2025-01-01T09:02:00.000Z', durationSec: 90, note: 'договорились' });
    expect(q.todo().filter((i) => i.kind === 'callback')).toEqual([]);
    expect(q.getCustomer(customer(1).id).callbacks).toEqual([]);
    // Another number's call would not have closed it.
    expect(q.todo().map((i) => i.kind)).toEqual(['new_order', 'new_order']);
  });

  it("gives the technician the order in their stage, and no callbacks", () => {
    const items = createLocalQueries(cache, TECH, ALWAYS).todo();
    expect(items.map((i) => i.kind === 'callback' ? i.id : i.order.number)).toEqual(['A-2']);
  });
});

describe('customers.get', () => {
  it('shows open orders first, calls by link or phone (pending ones too), and open callbacks', () => {
    changeStage(cache, OPERATOR, order(1).id, 'lost', 'customer_refused');
    // Not connected: the callback stays open (an answered call would close it, see home.todo).
    logCall(cache, { direction: 'outgoing', outcome: 'failed', phone: customer(1).phone, customerId: customer(1).id, orderId: null, startedAt: '2025-01-01T09:01:00.000Z', durationSec: 0, note: 'Перезвонила' });
    const card = createLocalQueries(cache, OPERATOR, ALWAYS).getCustomer(customer(1).id);
    expect(card.customer.name).toBe('Клиент 1');
    expect(card.orders.map((o) => [o.order.number, o.stage?.id, o.pending])).toEqual([
      ['A-3', 'new', false],
      ['A-1', 'lost', true],
    ]);
    expect(card.calls.map((c) => [c.note, c.pending])).toEqual([
      ['Перезвонила', true],
      ['', false],
    ]);
    expect(card.callbacks).toHaveLength(1);
  });

  it('says not_found for a customer the cache does not have', () => {
    expect(() => createLocalQueries(cache, OPERATOR).getCustomer('01900000-0000-7000-8000-999999999999')).toThrow(PultError);
  });
});

describe('customers.search', () => {
  it('finds by phone digits in any form and by name', () => {
    const q = createLocalQueries(cache, OPERATOR);
    expect(q.searchCustomers('8 912 000 0002').map((c) => c.name)).toEqual(['Клиент 2']);
    expect(q.searchCustomers('клиент').map((c) => c.name).sort()).toEqual(['Клиент 1', 'Клиент 2']);
    expect(q.searchCustomers('')).toEqual([]);
  });
});

describe('customers.findByPhone for the screen pop', () => {
  it("offers each open order's next stages for this user's role, following local changes", () => {
    const q = createLocalQueries(cache, OPERATOR, ALWAYS);
    const pop = q.findByPhone(customer(1).phone);
    expect(pop?.nextStages[order(1).id]?.map((s) => s.id)).toEqual(['assigned', 'lost']);
    changeStage(cache, OPERATOR, order(1).id, 'assigned');
    // «Назначена» is the technician's to move on; the operator may only refuse it now.
    expect(q.findByPhone(customer(1).phone)?.nextStages[order(1).id]?.map((s) => s.id)).toEqual(['lost']);
  });
});
