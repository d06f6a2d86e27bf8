// Partner programme and one-person-one-card, on both databases: partner numbers given at
// registration, a referrer named by partner number, points on completion (once), and the merge
// of duplicate cards keeping every order, call and point.
import { DuplicatesResponse, MergeResponse } from '../../core/duplicates.js';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEAD_KEY_HEADER, LEADS_PATH, LeadResponse } from '../../core/leads.js';
import { DEMO_LEAD_KEY, seedDemoCatalog } from '../seed/catalog.js';
import { changeStage } from '../orders/change-stage.js';
import { reserveVersion } from '../db/versions.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer, type Harness } from '../test/harness.js';

async function lead(h: Harness, body: Record<string, unknown>) {
  const res = await h.app.inject({ method: 'POST', url: LEADS_PATH, headers: { [LEAD_KEY_HEADER]: DEMO_LEAD_KEY }, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return LeadResponse.parse(res.json());
}

const customer = (h: Harness, id: string) => h.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Walks an order of the delivery pipeline to «Выполнен» as an admin would. */
async function complete(h: Harness, orderId: string) {
  for (const to of ['confirmed', 'in_work', 'done']) {
    await h.db.transaction().execute(async (trx) => {
      const o = await trx.selectFrom('orders').select('version').where('id', '=', orderId).executeTakeFirstOrThrow();
      await changeStage(trx, { orderId, toStageId: to, baseVersion: Number(o.version) }, 'admin');
    });
  }
}

describe.each(DB_KINDS)('partner programme on %s', (kind) => {
  const h = useServer(kind);
  beforeAll(async () => {
    await seedDemoCatalog(h.db);
  });

  it('gives a partner number at registration; the referrer named by it earns points with the buyer, once', async () => {
    const a = await lead(h, { name: 'Ольга Ветрова', phone: '+7 917 000-11-22', items: [{ sku: 'GROHE-33202', qty: 1 }] });
    const olga = await customer(h, a.customerId);
    expect(olga.partner_number).toMatch(/^P-\d{6}$/);

    const b = await lead(h, { name: 'Сергей Ветров', phone: '+7 917 000-33-44', referrer: olga.partner_number?.toLowerCase(), items: [{ sku: 'GROHE-33202', qty: 2 }] });
    const sergey = await customer(h, b.customerId);
    expect(sergey.referrer_id).toBe(olga.id);
    expect(sergey.partner_number).not.toBe(olga.partner_number); // spouses never share a number

    const amount = Number((await h.db.selectFrom('orders').select('amount_kopecks').where('id', '=', b.orderId).executeTakeFirstOrThrow()).amount_kopecks);
    await complete(h, b.orderId);
    expect(Number((await customer(h, b.customerId)).bonus_points)).toBe(Math.floor((amount / 100) * 0.05));
    expect(Number((await customer(h, a.customerId)).bonus_points)).toBe(Math.floor((amount / 100) * 0.03));

    // Reopened and completed again: not paid twice.
    await h.db.transaction().execute(async (trx) => {
      const v = await reserveVersion(trx);
      await trx.updateTable('orders').set({ stage_id: 'new', version: v }).where('id', '=', b.orderId).execute();
    });
    await complete(h, b.orderId);
    expect(Number((await customer(h, b.customerId)).bonus_points)).toBe(Math.floor((amount / 100) * 0.05));
  });

  it('an unknown referrer number or a self-referral is ignored, the lead still arrives', async () => {
    const r = await lead(h, { name: 'Инна', phone: '+7 917 000-55-66', referrer: 'P-999999' });
    expect((await customer(h, r.customerId)).referrer_id).toBeNull();
    const self = (await customer(h, r.customerId)).partner_number;
    const again = await lead(h, { name: 'Инна', phone: '+7 917 000-55-66', referrer: self, items: [{ sku: 'GROHE-33202', qty: 1 }] });
    expect((await customer(h, again.customerId)).referrer_id).toBeNull();
  });

  it('the same email is the same person too: one card', async () => {
    const a = await lead(h, { name: 'Пётр', phone: '+7 917 000-77-88', email: 'Petr@Example.ru' });
    const b = await lead(h, { name: 'Пётр', phone: '+7 903 000-77-88', email: 'petr@example.ru', items: [{ sku: 'GROHE-33202', qty: 1 }] });
    expect(b.customerId).toBe(a.customerId);
  });

  it('merges duplicate cards: orders, calls and points move, the other card becomes a tombstone', async () => {
    const admin = await h.login('admin');
    // Two cards for one person, as an import from an old CRM would leave them.
    const keep = await lead(h, { name: 'Мария Ким', phone: '+7 917 100-00-01' });
    const dropId = uuidv7();
    await h.db.transaction().execute(async (trx) => {
      const v = await reserveVersion(trx);
      await trx.insertInto('customers').values({ id: dropId, name: 'Ким Мария', phone: '+79171000001', phone_raw: '89171000001', email: 'kim@example.ru', city: 'Казань', partner_number: 'P-000777', notes: 'Звонить после обеда', updated_at: new Date(), version: v, bonus_points: 40 }).execute();
      await trx.updateTable('orders').set({ customer_id: dropId }).where('id', '=', keep.orderId).execute();
      await trx.insertInto('calls').values({ id: uuidv7(), direction: 'incoming', outcome: 'answered', phone: '+79171000001', customer_id: dropId, order_id: null, user_id: null, started_at: new Date(), duration_sec: 60, note: '', version: v }).execute();
    });

    const operator = await h.login('operator');
    expect((await h.get('/api/customers/duplicates', operator)).statusCode).toBe(403);
    const dup = DuplicatesResponse.parse((await h.get('/api/customers/duplicates', admin)).json());
    const group = dup.groups.find((g) => g.key === 'phone:+79171000001');
    expect(group?.customerIds.sort()).toEqual([keep.customerId, dropId].sort());
    // Side by side for the merge screen: why they match, and what hangs on each card.
    expect(group).toMatchObject({ reason: 'phone', value: '+79171000001' });
    expect(group?.cards?.map((c) => [c.customer.id, c.customer.name, c.orders, c.calls]).sort()).toEqual(
      [[keep.customerId, 'Мария Ким', 0, 0], [dropId, 'Ким Мария', 1, 1]].sort(),
    );

    const bad = await h.post('/api/customers/merge', { keepId: keep.customerId, dropId: keep.customerId }, admin);
    expect(bad.statusCode).toBe(400);
    const res = await h.post('/api/customers/merge', { keepId: keep.customerId, dropId }, admin);
    expect(res.statusCode, res.body).toBe(200);
    const merged = MergeResponse.parse(res.json());
    expect(merged.moved).toEqual({ orders: 1, calls: 1, callbacks: 0 });
    expect(merged.kept).toMatchObject({ id: keep.customerId, name: 'Мария Ким', city: 'Казань' });

    const kept = await customer(h, keep.customerId);
    expect(kept).toMatchObject({ email: 'kim@example.ru', city: 'Казань', notes: 'Звонить после обеда' });
    expect(Number(kept.bonus_points)).toBe(40);
    expect(kept.partner_number).toMatch(/^P-/);
    expect(await h.db.selectFrom('customers').select('id').where('id', '=', dropId).executeTakeFirst()).toBeUndefined();
    expect((await h.db.selectFrom('orders').select('customer_id').where('id', '=', keep.orderId).executeTakeFirstOrThrow()).customer_id).toBe(keep.customerId);
    expect(await h.db.selectFrom('calls').select('id').where('customer_id', '=', dropId).execute()).toEqual([]);
    expect(await h.db.selectFrom('tombstones').select('id').where('id', '=', dropId).where('entity', '=', 'customers').executeTakeFirst()).toEqual({ id: dropId });
    const after = (await h.get('/api/customers/duplicates', admin)).json() as { groups: { key: string }[] };
    expect(after.groups.map((g) => g.key)).not.toContain('phone:+79171000001');
  });
});
