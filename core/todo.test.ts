import { describe, expect, it } from 'vitest';
import { WorkingHours } from './calendar.js';
import type { Callback, Customer, Order, Pipeline } from './domain.js';
import { buildTodo, isMyTurn, type TodoOrderInput } from './todo.js';

// Every day, all day: deadlines are plain minutes, so the test reads like the rule.
const ALWAYS = WorkingHours.parse({ timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' });
const ME = { id: '01900000-0000-7000-8000-00000000000a', role: 'operator' as const };
const OTHER = '01900000-0000-7000-8000-00000000000b';
const TECH = { id: '01900000-0000-7000-8000-00000000000c', role: 'technician' as const };

const PIPELINE: Pipeline = {
  id: 'p',
  name: 'Доставка',
  stages: [
    { id: 'new', name: 'Новый', color: '#2f80ed', role: 'operator', kind: 'open', slaMinutes: 30 },
    { id: 'no_answer', name: 'Недозвон', color: '#f2994a', role: 'operator', kind: 'open', slaMinutes: 120 },
    { id: 'paused', name: 'Пауза', color: '#f2c94c', role: 'operator', kind: 'open', slaMinutes: null },
    { id: 'confirmed', name: 'Подтверждён', color: '#27ae60', role: 'technician', kind: 'open', slaMinutes: 60 },
    { id: 'done', name: 'Выполнен', color: '#219653', role: 'technician', kind: 'success', slaMinutes: null },
    { id: 'cancelled', name: 'Отменён', color: '#828282', role: 'operator', kind: 'failure', slaMinutes: null },
  ],
  transitions: [],
  updatedAt: '2025-01-01T00:00:00.000Z',
};

const customer: Customer = {
  id: '01900000-0000-7000-8000-100000000001', name: 'Анна', phone: '+79123456789', phoneRaw: '+79123456789',
  email: null, city: null, partnerNumber: null, notes: '', updatedAt: '2025-01-01T00:00:00.000Z',
};

let n = 0;
function order(stageId: string, over: Partial<Order> = {}): TodoOrderInput {
  n++;
  return {
    order: {
      id: `01900000-0000-7000-8000-2000000000${String(n).padStart(2, '0')}`, number: `П-${n}`, customerId: customer.id, pipelineId: 'p', stageId,
      operatorId: ME.id, technicianId: null, title: '', amountKopecks: 0, city: null, address: null, channel: 'phone', notes: '', version: 1,
      createdAt: '2025-03-03T10:00:00.000Z', updatedAt: '2025-03-03T10:00:00.000Z', ...over,
    },
    customer,
    pipeline: PIPELINE,
    pending: false,
  };
}
function callback(dueAt: string, over: Partial<Callback> = {}): { callback: Callback; customer: Customer | null } {
  n++;
  return {
    callback: { id: `01900000-0000-7000-8000-3000000000${String(n).padStart(2, '0')}`, phone: customer.phone, customerId: customer.id, assigneeId: ME.id, dueAt, doneAt: null, reason: 'Пропущенный звонок', ...over },
    customer,
  };
}

describe('«Что делать сейчас»', () => {
  it('takes new and waiting orders of my stages, and my or unassigned open callbacks', () => {
    const items = buildTodo({
      me: ME,
      hours: ALWAYS,
      orders: [
        order('new'),
        order('no_answer'),
        order('new', { operatorId: null }), // the pool
        order('new', { operatorId: OTHER }), // a colleague's
        order('confirmed'), // the technician's turn
        order('done'),
        order('cancelled'),
      ],
      callbacks: [
        callback('2025-03-03T10:05:00.000Z'),
        callback('2025-03-03T10:05:00.000Z', { assigneeId: null }),
        callback('2025-03-03T10:05:00.000Z', { assigneeId: OTHER }),
        callback('2025-03-03T10:05:00.000Z', { doneAt: '2025-03-03T10:01:00.000Z' }),
      ],
    });
    expect(items.map((i) => i.kind).sort()).toEqual(['callback', 'callback', 'new_order', 'new_order', 'waiting_order']);
  });

  it('sorts by deadline: overdue first, no deadline last; ties: callbacks, then new, then waiting', () => {
    const neu = order('new', { createdAt: '2025-03-03T10:00:00.000Z' }); // due 10:30
    const noAnswer = order('no_answer', { updatedAt: '2025-03-03T08:00:00.000Z' }); // due 10:00
    const paused = order('paused'); // no SLA
    const late = callback('2025-03-03T09:00:00.000Z');
    const sameAsNew = callback('2025-03-03T10:30:00.000Z');
    const items = buildTodo({ me: ME, hours: ALWAYS, orders: [paused, neu, noAnswer], callbacks: [sameAsNew, late] });
    expect(items.map((i) => i.id)).toEqual([late.callback.id, noAnswer.order.id, sameAsNew.callback.id, neu.order.id, paused.order.id]);
    expect(items.map((i) => i.dueAt)).toEqual([
      '2025-03-03T09:00:00.000Z', '2025-03-03T10:00:00.000Z', '2025-03-03T10:30:00.000Z', '2025-03-03T10:30:00.000Z', null,
    ]);
  });

  it('counts a new order in working minutes, like the robots', () => {
    const hours = WorkingHours.parse({ timeZone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    // Arrived Friday 17:50 UTC: 10 minutes on Friday, 20 on Monday morning.
    const [item] = buildTodo({ me: ME, hours, orders: [order('new', { createdAt: '2025-03-07T17:50:00.000Z' })], callbacks: [] });
    expect(item?.dueAt).toBe('2025-03-10T09:20:00.000Z');
  });

  it("gives the technician their own orders in the technician's stages, and no callbacks", () => {
    const mine = order('confirmed', { technicianId: TECH.id });
    const items = buildTodo({
      me: TECH,
      hours: ALWAYS,
      orders: [mine, order('confirmed', { technicianId: null }), order('new')],
      callbacks: [callback('2025-03-03T10:05:00.000Z', { assigneeId: null })],
    });
    expect(items.map((i) => i.id)).toEqual([mine.order.id]);
  });

  it('has nothing for a supervisor, and skips orders whose pipeline is not cached yet', () => {
    expect(isMyTurn({ id: ME.id, role: 'supervisor' }, order('new').order, PIPELINE.stages[0]!)).toBe(false);
    expect(buildTodo({ me: ME, hours: ALWAYS, orders: [{ ...order('new'), pipeline: null }], callbacks: [] })).toEqual([]);
  });

  it("takes the robots' deadline from the server when it has one, unless a local stage change made it stale", () => {
    const fromServer = order('new', { slaDueAt: '2025-03-03T12:00:00.000Z' });
    const stale = { ...order('no_answer', { slaDueAt: '2025-03-03T18:00:00.000Z', updatedAt: '2025-03-03T10:00:00.000Z' }), pending: true };
    const none = order('paused', { slaDueAt: null });
    const items = buildTodo({ me: ME, hours: ALWAYS, orders: [fromServer, stale, none], callbacks: [] });
    const due = Object.fromEntries(items.map((i) => [i.id, i.dueAt]));
    expect(due[fromServer.order.id]).toBe('2025-03-03T12:00:00.000Z');
    expect(due[stale.order.id]).toBe('2025-03-03T12:00:00.000Z'); // «Недозвон»: 10:00 + 120 min by the rule
    expect(due[none.order.id]).toBeNull();
  });
});
