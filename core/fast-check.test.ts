import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileCheck } from './fast-check.js';
import { Change, PullChange, Tombstone } from './sync.js';

const ID = '01900000-0000-7000-8000-000000000001';
const ID2 = '01900000-0000-7000-8000-000000000002';
const AT = '2026-01-31T09:05:00.123Z';

/** One valid wire change per entity, plus a tombstone. */
const SAMPLES: unknown[] = [
  { entity: 'users', op: 'upsert', version: 1, data: { id: ID, login: 'anna', displayName: 'Анна', role: 'operator', district: null } },
  {
    entity: 'pipelines', op: 'upsert', version: 2,
    data: {
      id: 'repair', name: 'Ремонт', updatedAt: AT,
      stages: [{ id: 'new', name: 'Новая', color: '#3366ff', role: 'operator', kind: 'open', slaMinutes: 15 }, { id: 'done', name: 'Готово', color: '#00AA00', role: 'technician', kind: 'success', slaMinutes: null }],
      transitions: [{ from: 'new', to: 'done', roles: ['technician', 'admin'] }],
    },
  },
  { entity: 'offers', op: 'upsert', version: 3, data: { id: ID, sku: 'GROHE-33202', name: 'Смеситель «Grohe»', prices: { '*': 100_000, Москва: 120_000 }, stock: 0, updatedAt: AT } },
  { entity: 'customers', op: 'upsert', version: 4, data: { id: ID, name: 'Клиент', phone: '+79001234567', phoneRaw: '8 900 123-45-67', email: 'a.b@example.ru', city: 'Москва', partnerNumber: null, notes: '', updatedAt: '2026-01-31T09:05:00+03:00', referrerId: null, bonusPoints: 0 } },
  // Optional fields absent (rows from before they existed).
  { entity: 'customers', op: 'upsert', version: 4, data: { id: ID2, name: 'Старый', phone: '+79001234568', phoneRaw: '', email: null, city: null, partnerNumber: 'P-1', notes: 'n', updatedAt: AT } },
  {
    entity: 'orders', op: 'upsert', version: 5,
    data: {
      id: ID, number: 'Б-1', customerId: ID2, pipelineId: 'repair', stageId: 'new', operatorId: null, technicianId: ID2, title: '', amountKopecks: 0, city: null,
      district: 'Северный', address: 'ул. Ленина, 1', channel: 'phone', notes: 'n', failureReason: null, slaDueAt: AT, version: 5, createdAt: AT, updatedAt: AT,
    },
  },
  { entity: 'order_notes', op: 'upsert', version: 6, data: { id: ID, orderId: ID2, authorId: ID2, text: 'Перезвонить', createdAt: AT } },
  { entity: 'calls', op: 'upsert', version: 7, data: { id: ID, direction: 'incoming', outcome: 'missed', phone: null, customerId: null, orderId: ID2, userId: null, startedAt: AT, durationSec: 0, note: '' } },
  { entity: 'callbacks', op: 'upsert', version: 8, data: { id: ID, phone: '+79001234567', customerId: null, assigneeId: ID2, dueAt: AT, doneAt: null, reason: 'Пропущенный' } },
  { entity: 'claims', op: 'upsert', version: 9, data: { entity: 'orders', entityId: ID, userId: ID2, expiresAt: AT } },
  { entity: 'customers', op: 'delete', version: 10, id: ID },
];

/** Values that sit on or just past the schemas' edges. */
const TRICKY: unknown[] = [
  null, undefined, true, 0, -0, 1, -1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, '', ' ', 'x', 'x'.repeat(64), 'x'.repeat(65),
  'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(10_001), ID, ID.toUpperCase(), '01900000-0000-9000-8000-000000000001', '01900000-0000-7000-c000-000000000001',
  '00000000-0000-0000-0000-000000000000', AT, '2026-02-30T09:05:00Z', '2026-01-31T09:05:00', '2026-01-31 09:05:00Z', '2026-01-31T09:05:00.1234567Z',
  '+79001234567', '+0123456', '89001234567', 'a@b.ru', 'a@b', '#12345G', '#abcdef', 'operator', 'root', 'upsert', 'delete', 'customers', 'nope',
  [], [1], {}, { a: 1 }, [{ from: 'a', to: 'b', roles: [] }],
];

/** A small seeded PRNG so a failure is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every object/array inside `v` with its path, for picking a place to break. */
function containers(v: unknown, out: (Record<string, unknown> | unknown[])[] = []): (Record<string, unknown> | unknown[])[] {
  if (typeof v === 'object' && v !== null) {
    out.push(v as Record<string, unknown>);
    for (const x of Object.values(v)) containers(x, out);
  }
  return out;
}

function mutate(value: unknown, random: () => number): unknown {
  const copy = structuredClone(value);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const tricky = () => structuredClone(pick(TRICKY));
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const target = pick(containers(copy));
    const keys = Object.keys(target);
    const what = random();
    if (Array.isArray(target)) {
      if (what < 0.3) target.pop();
      else if (what < 0.6) target.push(tricky());
      else if (keys.length) target[Number(pick(keys))] = tricky();
    } else if (what < 0.15 && keys.length) delete target[pick(keys)];
    else if (what < 0.25) target[pick(['extra', 'ID', 'Data'])] = tricky();
    // An own '__proto__' key, as JSON.parse makes it.
    else if (what < 0.3) Object.defineProperty(target, '__proto__', { value: 1, enumerable: true, configurable: true, writable: true });
    else if (keys.length) target[pick(keys)] = tricky();
  }
  return copy;
}

describe('compileCheck', () => {
  const check = compileCheck(PullChange);

  it('passes every valid change as it is', () => {
    for (const s of SAMPLES) {
      expect(check(s), JSON.stringify(s)).toBe(true);
      expect(PullChange.parse(s)).toEqual(s);
    }
  });

  it('says yes exactly when zod accepts the value and returns an equal copy (10,000 broken changes)', () => {
    const random = rng(20_261_126);
    const tally = { yes: 0, no: 0, zodCleaned: 0 };
    for (let i = 0; i < 10_000; i++) {
      const input = mutate(SAMPLES[i % SAMPLES.length], random);
      const fast = check(input);
      const slow = PullChange.safeParse(input);
      const same = slow.success && isDeepStrictEqual(slow.data, input);
      if (fast !== same) throw new Error(`fast=${String(fast)} zod=${String(slow.success)} same=${String(same)} for ${JSON.stringify(input)}`);
      if (fast) tally.yes++;
      else if (slow.success) tally.zodCleaned++;
      else tally.no++;
    }
    // Both answers were exercised, and zod-accepted-but-changed values went zod's way.
    expect(tally.yes).toBeGreaterThan(300);
    expect(tally.no).toBeGreaterThan(5_000);
    expect(tally.zodCleaned).toBeGreaterThan(100);
  }, 60_000);

  it('takes unions apart by a key with distinct literal values', () => {
    expect(check({ ...(SAMPLES.at(-1) as object), op: 'upsert' })).toBe(false);
    expect(compileCheck(Change)(SAMPLES[0])).toBe(true);
    expect(compileCheck(Tombstone)(SAMPLES.at(-1))).toBe(true);
  });

  it('refuses to compile what it cannot check exactly', () => {
    expect(() => compileCheck(z.string().url())).toThrow(/format/);
    expect(() => compileCheck(z.string().trim())).toThrow(/check/);
    expect(() => compileCheck(z.object({ a: z.string().default('x') }))).toThrow(/default/);
    expect(() => compileCheck(z.number().multipleOf(2))).toThrow(/check/);
    expect(() => compileCheck(z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]))).toThrow(/union/);
    expect(() => compileCheck(z.object({ a: z.string() }).passthrough())).toThrow(/object/);
    expect(() => compileCheck(z.date())).toThrow(/date/);
  });
});
