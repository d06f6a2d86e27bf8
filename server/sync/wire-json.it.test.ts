// The database-built wire JSON must equal what the mappers make of the same rows, field for
// field, on both databases — including sub-millisecond timestamps, nulls, jsonb and quotes.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { Call, Callback, Claim, Customer, Offer, Order, OrderNote, Pipeline, User } from '../../core/domain.js';
import type { SyncEntity } from '../../core/sync.js';
import { toCall, toCallback, toClaim, toCustomer, toOffer, toOrder, toOrderNote, toPipeline, toUser } from '../db/mappers.js';
import { reserveVersions } from '../db/versions.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { entityDataJson } from './wire-json.js';

describe.each(DB_KINDS)('pull wire JSON on %s', (kind) => {
  const h = useServer(kind);

  /** Rows the demo seed lacks: an offer, a note, a done callback, odd text and µs timestamps. */
  async function addOddRows(): Promise<void> {
    const db = h.db;
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const order = await db.selectFrom('orders').select(['id', 'customer_id']).executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      const [v1 = 0, v2 = 0, v3 = 0, v4 = 0, v5 = 0, v6 = 0, v7 = 0] = await reserveVersions(trx, 7);
      const referred = await trx.selectFrom('customers').select('id').where('id', '!=', order.customer_id).executeTakeFirstOrThrow();
      // An order with every optional field set, a referred customer, and a claim.
      await trx.updateTable('orders').set({ district: 'Северный', failure_reason: 'too_expensive', sla_due_at: '2026-03-01T10:20:30.123456Z', version: v5 }).where('id', '=', order.id).execute();
      await trx.updateTable('customers').set({ referrer_id: order.customer_id, bonus_points: 150, version: v6 }).where('id', '=', referred.id).execute();
      await trx.insertInto('claims').values({ entity: 'orders', entity_id: order.id, user_id: user.id, expires_at: '2026-03-01T10:20:30.5Z', version: v7 }).execute();
      await trx.insertInto('offers').values({
        id: uuidv7(), sku: 'SKU-"q"\\', name: 'Смеситель «Grohe» \u2028 "кавычки" \n новая строка', prices: JSON.stringify({ '*': 100, Москва: 120 }),
        stock: 3, updated_at: '2026-03-01T10:20:30.123999Z', version: v1,
      }).execute();
      await trx.insertInto('order_notes').values({
        id: uuidv7(), order_id: order.id, author_id: user.id, text: 'Тест\tтаб', created_at: '2026-03-01T10:20:30.999999Z', version: v2,
      }).execute();
      await trx.insertInto('callbacks').values({
        id: uuidv7(), phone: '+79001112233', customer_id: order.customer_id, assignee_id: null, due_at: '1999-12-31T23:59:59.000500Z',
        done_at: '2026-03-01T00:00:00.000001Z', reason: '', version: v3,
      }).execute();
      await trx.insertInto('calls').values({
        id: uuidv7(), direction: 'incoming', outcome: 'missed', phone: null, customer_id: null, order_id: null, user_id: null,
        started_at: '2026-03-01T10:20:30.5Z', duration_sec: 0, note: '', version: v4,
      }).execute();
    });
  }

  it('equals the mappers for every row of every entity', async () => {
    await addOddRows();
    const db = h.db;
    const mapped: Record<SyncEntity, () => Promise<{ id: string; data: unknown }[]>> = {
      users: async () => (await db.selectFrom('users').selectAll().execute()).map((r) => ({ id: r.id, data: toUser(r) })),
      pipelines: async () => (await db.selectFrom('pipelines').selectAll().execute()).map((r) => ({ id: r.id, data: toPipeline(r) })),
      offers: async () => (await db.selectFrom('offers').selectAll().execute()).map((r) => ({ id: r.id, data: toOffer(r) })),
      customers: async () => (await db.selectFrom('customers').selectAll().execute()).map((r) => ({ id: r.id, data: toCustomer(r) })),
      orders: async () => (await db.selectFrom('orders').selectAll().execute()).map((r) => ({ id: r.id, data: toOrder(r) })),
      order_notes: async () => (await db.selectFrom('order_notes').selectAll().execute()).map((r) => ({ id: r.id, data: toOrderNote(r) })),
      calls: async () => (await db.selectFrom('calls').selectAll().execute()).map((r) => ({ id: r.id, data: toCall(r) })),
      callbacks: async () => (await db.selectFrom('callbacks').selectAll().execute()).map((r) => ({ id: r.id, data: toCallback(r) })),
      claims: async () => (await db.selectFrom('claims').selectAll().execute()).map((r) => ({ id: r.entity_id, data: toClaim(r) })),
    };
    const schemas = { users: User, pipelines: Pipeline, offers: Offer, customers: Customer, orders: Order, order_notes: OrderNote, calls: Call, callbacks: Callback, claims: Claim };
    for (const entity of Object.keys(mapped) as SyncEntity[]) {
      const expected = await mapped[entity]();
      expect(expected.length, entity).toBeGreaterThan(0);
      const built = (await entityDataJson(entity, expected.map((e) => e.id)).execute(db)).rows;
      const byId = new Map(built.map((b) => [b.id, JSON.parse(b.data) as unknown]));
      for (const e of expected) {
        expect(byId.get(e.id), `${entity} ${e.id}`).toEqual(e.data);
        expect(schemas[entity].safeParse(byId.get(e.id)).success, `${entity} ${e.id} fits the core schema`).toBe(true);
      }
    }
  });
});
