// Inbound email leads on PGlite and PostgreSQL: raw messages as a mail provider's webhook posts
// them (built by nodemailer, as real mail is), each a lead on the right customer, assigned;
// redeliveries, junk and oversize mail store nothing.
import nodemailer from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_LEAD_BODY_LIMIT, EMAIL_LEADS_PATH, LEAD_KEY_HEADER, LeadResponse } from '../../core/leads.js';
import { ANNA_PHONE_E164 } from '../seed/customers.js';
import { DEMO_LEAD_KEY, DEMO_MAIL_KEY, seedDemoCatalog } from '../seed/catalog.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';

/** Writes the message as a real mailer does, into a buffer instead of onto the wire. */
const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
type MailOptions = Parameters<typeof transport.sendMail>[0];

async function compose(mail: MailOptions): Promise<Buffer> {
  return (await transport.sendMail({ to: 'zakaz@pult.test', ...mail })).message as Buffer;
}

describe.each(DB_KINDS)('inbound email leads on %s', (kind) => {
  const h = useServer(kind);
  beforeAll(async () => {
    await seedDemoCatalog(h.db);
  });
  const post = (raw: Buffer | string, key: string | null = DEMO_MAIL_KEY, contentType = 'message/rfc822') =>
    h.app.inject({ method: 'POST', url: EMAIL_LEADS_PATH, payload: raw, headers: { 'content-type': contentType, ...(key ? { [LEAD_KEY_HEADER]: key } : {}) } });
  const counts = async () => ({
    orders: Number((await h.db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    customers: Number((await h.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    submissions: Number((await h.db.selectFrom('lead_submissions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('a new sender: customer from From, phone from the body, codes priced, the mail kept as the note, assigned; a redelivery adds nothing', async () => {
    await h.login('operator2'); // the only operator with a live session is the available one
    const before = await counts();
    const raw = await compose({
      from: { name: 'Пётр Васильев', address: 'Petr.Vasiliev@Example.ru' },
      subject: 'Заказ смесителя',
      text: 'Добрый день!\nХочу GROHE-33202 и INSTALL-STD x 2, ещё NOPE-404 (не знаю код точно).\nМой телефон: 8 (916) 000-77-66.\n',
      html: '<p>Добрый день! (html)</p>',
      messageId: '<order-1@example.ru>',
    });
    const res = await post(raw);
    expect(res.statusCode, res.body).toBe(201);
    const lead = LeadResponse.parse(res.json());
    const order = await h.db.selectFrom('orders').selectAll().where('id', '=', lead.orderId).executeTakeFirstOrThrow();
    expect(order.channel).toBe('email');
    expect(order.stage_id).toBe('new');
    expect(order.title).toBe('Смеситель для кухни Grohe Eurosmart; Установка сантехники (стандарт) × 2');
    expect(order.amount_kopecks).toBe(1_249_000 + 2 * 250_000);
    expect(order.notes).toContain('Тема: Заказ смесителя');
    expect(order.notes).toContain('NOPE-404 (не знаю код точно)');
    expect(order.notes).toContain('Мой телефон: 8 (916) 000-77-66.');
    const olga = await h.db.selectFrom('users').select('id').where('login', '=', 'operator2').executeTakeFirstOrThrow();
    expect(lead.operatorId).toBe(olga.id);
    const customer = await h.db.selectFrom('customers').selectAll().where('id', '=', lead.customerId).executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ name: 'Пётр Васильев', email: 'petr.vasiliev@example.ru', phone: '+79160007766', phone_raw: '8 (916) 000-77-66' });
    expect(await counts()).toEqual({ orders: before.orders + 1, customers: before.customers + 1, submissions: before.submissions + 1 });

    // The provider delivers it again (and once more as text/plain): the same order, nothing new.
    const again = await post(raw);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'lead.duplicate', fields: { order: order.number } });
    expect((await post(raw, DEMO_MAIL_KEY, 'text/plain')).statusCode).toBe(409);
    expect(await counts()).toEqual({ orders: before.orders + 1, customers: before.customers + 1, submissions: before.submissions + 1 });
  });

  it('a known customer by email (no phone in the mail) or by the phone written: their card, not a new one', async () => {
    const anna = await h.db.selectFrom('customers').selectAll().where('phone', '=', ANNA_PHONE_E164).executeTakeFirstOrThrow();
    expect(anna.email).toBeTruthy();
    const before = await counts();
    const byEmail = await post(await compose({ from: `Анна <${(anna.email ?? '').toUpperCase()}>`, subject: 'Ещё один', text: 'Пришлите, пожалуйста, CERS-PARVA.', messageId: '<anna-1@mail.ru>' }));
    expect(byEmail.statusCode, byEmail.body).toBe(201);
    expect(LeadResponse.parse(byEmail.json()).customerId).toBe(anna.id);

    const byPhone = await post(await compose({ from: 'someone.else@example.org', subject: 'Лампы', text: `OSRAM-H7-NB — 2 шт. Тел. ${ANNA_PHONE_E164}`, messageId: '<anna-2@example.org>' }));
    expect(byPhone.statusCode, byPhone.body).toBe(201);
    const second = LeadResponse.parse(byPhone.json());
    expect(second.customerId).toBe(anna.id);
    const order = await h.db.selectFrom('orders').selectAll().where('id', '=', second.orderId).executeTakeFirstOrThrow();
    expect(order.title).toBe('Лампа Osram Night Breaker H7 × 2');
    expect(await counts()).toMatchObject({ orders: before.orders + 2, customers: before.customers });
  });

  it('refused with a reason and nothing stored: no phone from a stranger, junk, oversize, wrong key, JSON', async () => {
    const before = await counts();
    const noPhone = await post(await compose({ from: 'stranger@example.net', subject: 'Цена?', text: 'Сколько стоит GROHE-33202?', messageId: '<s-1@example.net>' }));
    expect(noPhone.statusCode).toBe(422);
    expect(noPhone.json()).toMatchObject({ code: 'lead.no_phone' });

    const junk = await post('Hello, this is not an email at all');
    expect(junk.statusCode).toBe(400);
    expect(junk.json()).toMatchObject({ code: 'lead.bad_message' });
    expect((await post('From: Пётр без адреса\r\nSubject: x\r\n\r\n8 916 000 11 22')).json()).toMatchObject({ code: 'lead.bad_message' });
    expect((await post('')).statusCode).toBe(400);

    const huge = await compose({ from: 'big@example.ru', subject: 'Вложение', text: `Тел. 8 916 000-11-99\n${'ы'.repeat(EMAIL_LEAD_BODY_LIMIT)}`, messageId: '<big@example.ru>' });
    const tooBig = await post(huge);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'payload_too_large' });

    const good = await compose({ from: 'x@example.ru', text: 'Тел. 8 916 000-11-98', messageId: '<k@example.ru>' });
    expect((await post(good, null)).json()).toMatchObject({ code: 'lead.bad_key' });
    expect((await post(good, 'wrong-key-000')).statusCode).toBe(401);
    const json = await h.app.inject({ method: 'POST', url: EMAIL_LEADS_PATH, payload: { from: 'x@example.ru' }, headers: { [LEAD_KEY_HEADER]: DEMO_MAIL_KEY } });
    expect(json.json()).toMatchObject({ code: 'lead.bad_message' });
    expect(await counts()).toEqual(before);
    // The web-form key works for mail too (its own source), but the channel is still email.
    const viaWebKey = await post(good, DEMO_LEAD_KEY);
    expect(viaWebKey.statusCode, viaWebKey.body).toBe(201);
    const order = await h.db.selectFrom('orders').select('channel').where('id', '=', LeadResponse.parse(viaWebKey.json()).orderId).executeTakeFirstOrThrow();
    expect(order.channel).toBe('email');
  });
});
