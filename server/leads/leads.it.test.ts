// The public lead endpoint on PGlite and PostgreSQL: a good lead becomes one assigned order;
// bad input gets a clear 4xx with a reason and stores nothing.
import { describe, expect, it, beforeAll } from 'vitest';
import { LEAD_KEY_HEADER, LEADS_PATH, LeadResponse } from '../../core/leads.js';
import { DEMO_LEAD_KEY, seedDemoCatalog } from '../seed/catalog.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';

describe.each(DB_KINDS)('web-form leads on %s', (kind) => {
  const h = useServer(kind);
  beforeAll(async () => {
    await seedDemoCatalog(h.db);
  });
  const post = (body: unknown, key: string | null = DEMO_LEAD_KEY) =>
    h.app.inject({ method: 'POST', url: LEADS_PATH, payload: body as object, headers: key ? { [LEAD_KEY_HEADER]: key } : {} });
  const counts = async () => ({
    orders: Number((await h.db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    customers: Number((await h.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('a lead with product codes becomes one priced order on a new customer, assigned to a logged-in operator', async () => {
    await h.login('operator2'); // the only operator with a live session is the available one
    const before = await counts();
    const res = await post({
      name: 'Пётр Васильев', phone: '8 (916) 000-11-22', email: 'petr@example.ru', city: 'Москва',
      items: [{ sku: 'GROHE-33202', qty: 1 }, { sku: 'INSTALL-STD', qty: 2 }], utm: { source: 'yandex', campaign: 'smesiteli' },
      submissionId: 'form-0001-abcdef',
    });
    expect(res.statusCode).toBe(201);
    const lead = LeadResponse.parse(res.json());
    const order = await h.db.selectFrom('orders').selectAll().where('id', '=', lead.orderId).executeTakeFirstOrThrow();
    expect(order.title).toBe('Смеситель для кухни Grohe Eurosmart; Установка сантехники (стандарт) × 2');
    expect(order.amount_kopecks).toBe(1_249_000 + 2 * 300_000);
    expect(order.stage_id).toBe('new');
    expect(order.channel).toBe('web');
    const olga = await h.db.selectFrom('users').select('id').where('login', '=', 'operator2').executeTakeFirstOrThrow();
    expect(lead.operatorId).toBe(olga.id);
    const customer = await h.db.selectFrom('customers').selectAll().where('id', '=', lead.customerId).executeTakeFirstOrThrow();
    expect(customer.phone).toBe('+79160001122');
    expect(await counts()).toEqual({ orders: before.orders + 1, customers: before.customers + 1 });
  });

  it('a repeat customer keeps one card, and the same submission twice makes one order', async () => {
    const body = { name: 'Анна', phone: '+7 912 345-67-89', items: [{ sku: 'CERS-PARVA' }], submissionId: 'form-0002-abcdef' };
    const before = await counts();
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    const again = await post(body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'lead.duplicate' });
    // Without a submission id, a double click (same phone, same products) is caught too.
    const { submissionId: _drop, ...noId } = body;
    expect((await post(noId)).statusCode).toBe(409);
    expect(await counts()).toEqual({ orders: before.orders + 1, customers: before.customers });
    const anna = await h.db.selectFrom('customers').select('name').where('id', '=', LeadResponse.parse(first.json()).customerId).executeTakeFirstOrThrow();
    expect(anna.name).toBe('Анна Соколова');
  });

  it('bad input: a clear 4xx with a reason, nothing stored half-way', async () => {
    const before = await counts();
    const cases: Array<[unknown, number, string, string | null]> = [
      [{ name: 'Иван' }, 400, 'validation', 'phone'],
      [{ name: 'Иван', phone: '12345' }, 400, 'lead.bad_phone', 'phone'],
      [{ name: 'Иван', phone: '+79161112233', items: [{ sku: 'GROHE-33202' }, { sku: 'NO-SUCH-SKU' }] }, 422, 'lead.unknown_product', 'items.1.sku'],
      [{ name: '<script>alert(1)</script>', phone: '+79161112233' }, 400, 'validation', 'name'],
      [{ name: 'Иван "Ваня" <b>', phone: '+79161112233' }, 400, 'validation', 'name'],
      [{ name: 'Иван', phone: '+79161112233', items: [{ sku: 'CERS-PARVA', qty: 1000 }] }, 400, 'validation', 'items.0.qty'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      const json = res.json() as { code: string; fields?: Record<string, string>; message: string };
      expect(json.code).toBe(code);
      expect(json.message.length).toBeGreaterThan(0);
      if (field) expect(Object.keys(json.fields ?? {})).toContain(field);
    }
    const huge = await post({ name: 'Иван', phone: '+79161112233', comment: 'я'.repeat(1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'payload_too_large' });
    expect((await post({ name: 'Иван', phone: '+79161112233' }, null)).statusCode).toBe(401);
    expect((await post({ name: 'Иван', phone: '+79161112233' }, 'wrong-key')).json()).toMatchObject({ code: 'lead.bad_key' });
    expect(await counts()).toEqual(before);
  });
});
