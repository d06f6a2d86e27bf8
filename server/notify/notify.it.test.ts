// The notification outbox against a real SMTP server and a local SMS.ru-compatible HTTP
// server, on PGlite and PostgreSQL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { silentLogger } from '../logger.js';
import { seedDemo, DEMO_CUSTOMER_ANNA } from '../seed/demo.js';
import { SEED_ORDERS } from '../seed/orders.js';
import { DB_KINDS, freshDatabase, type TestDatabase } from '../test/databases.js';
import { startMailbox, type Mailbox } from '../test/mailbox.js';
import { createNotificationWorker, enqueueStageNotifications, MAX_ATTEMPTS, orderNotifications } from './outbox.js';
import { smsRuGateway } from './sms-ru.js';
import { smtpSender } from './smtp.js';
import { changeStage } from '../orders/change-stage.js';

/** Answers like SMS.ru; `mode` switches between success, a server error and a permanent refusal. */
async function startSmsRu() {
  const requests: URLSearchParams[] = [];
  const state = { mode: 'ok' as 'ok' | 'down' | 'bad_number' };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      requests.push(form);
      if (req.url !== '/sms/send' || req.method !== 'POST') return res.writeHead(404).end();
      if (state.mode === 'down') return res.writeHead(503).end('busy');
      const to = form.get('to') ?? '';
      const one =
        state.mode === 'ok'
          ? { status: 'OK', status_code: 100, sms_id: '000000-10000001' }
          : { status: 'ERROR', status_code: 207, status_text: 'На этот номер нельзя отправлять сообщения' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'OK', status_code: 100, sms: { [to]: one }, balance: 100.5 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { baseUrl: `http://127.0.0.1:${port}`, requests, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ANNA_ORDER = SEED_ORDERS.find((o) => o.number === 'П-1001');
if (!ANNA_ORDER) throw new Error('seed order П-1001 missing');
const company = { name: 'Унитаз-Дешево.РФ', phone: '+7 800 555-35-35' };

describe.each(DB_KINDS)('notification outbox on %s', (kind) => {
  let database: TestDatabase;
  let smtp: Mailbox;
  let sms: Awaited<ReturnType<typeof startSmsRu>>;
  // Messages are enqueued at the database's now(); the worker's clock starts there and moves on.
  let clock = new Date();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await migrate(database.db);
    await seedDemo(database.db);
    smtp = await startMailbox();
    sms = await startSmsRu();
    await database.db.updateTable('customers').set({ email: 'anna.sokolova@example.ru' }).where('id', '=', DEMO_CUSTOMER_ANNA.id).execute();
    await database.db
      .insertInto('notification_templates')
      .values([
        { id: 'confirmed-email', channel: 'email', pipeline_id: 'delivery', stage_id: 'confirmed', subject: 'Заказ № {{order.number}} подтверждён', body: 'Здравствуйте, {{customer.name}}! Ваш заказ № {{order.number}} ({{order.title}}) — {{stage.name}}. Сумма: {{order.amount}}. {{company.name}}, {{company.phone}}' },
        { id: 'confirmed-sms', channel: 'sms', pipeline_id: 'delivery', stage_id: 'confirmed', body: '{{company.name}}: заказ {{order.number}} — {{stage.name}}' },
      ])
      .execute();
    // Which templates a stage sends is the stage's entry actions (the pipeline editor's setting).
    const row = await database.db.selectFrom('pipelines').select('definition').where('id', '=', 'delivery').executeTakeFirstOrThrow();
    const definition = row.definition as { stages: Array<{ id: string; entryActions?: unknown[] }> };
    for (const stage of definition.stages) {
      if (stage.id === 'confirmed') {
        stage.entryActions = [
          { kind: 'send_template', templateId: 'confirmed-email', channel: 'email' },
          { kind: 'send_template', templateId: 'confirmed-sms', channel: 'sms' },
        ];
      }
    }
    await database.db.updateTable('pipelines').set({ definition: JSON.stringify(definition) }).where('id', '=', 'delivery').execute();
  });
  afterAll(async () => {
    await smtp?.close();
    await sms?.close();
    await database?.dispose();
  });

  const worker = () =>
    createNotificationWorker({
      db: database.db,
      email: smtpSender({ host: '127.0.0.1', port: smtp.port, from: 'Pult <noreply@pult.local>' }),
      sms: smsRuGateway({ apiId: 'test-api-id', baseUrl: sms.baseUrl }),
      logger: silentLogger(),
      now: () => clock,
    });

  it('a stage change enqueues its templates, and the worker delivers them by SMTP and SMS.ru', async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('orders').set({ stage_id: 'confirmed' }).where('id', '=', ANNA_ORDER.id).execute();
      expect(await enqueueStageNotifications(trx, ANNA_ORDER.id, company)).toBe(2);
    });
    clock = new Date(Date.now() + 1_000);
    expect(await worker().runOnce()).toBe(2);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.to).toEqual(['anna.sokolova@example.ru']);
    // The mailbox decodes the body (quoted-printable or base64, as nodemailer chose).
    const parsed = { subject: mail?.subject, text: mail?.text ?? '' };
    expect(parsed.subject).toBe('Заказ № П-1001 подтверждён');
    expect(parsed.text).toContain('Здравствуйте, Анна Соколова! Ваш заказ № П-1001');
    expect(parsed.text).toContain('Подтверждён');
    // Intl separates thousands with a no-break space.
    expect(parsed.text.replace(/\s/g, ' ')).toContain('Сумма: 12 490 ₽.');

    expect(sms.requests).toHaveLength(1);
    const form = sms.requests[0];
    expect(form?.get('api_id')).toBe('test-api-id');
    expect(form?.get('to')).toBe('79123456789');
    expect(form?.get('json')).toBe('1');
    expect(form?.get('msg')).toBe('Унитаз-Дешево.РФ: заказ П-1001 — Подтверждён');

    const rows = await orderNotifications(database.db, ANNA_ORDER.id);
    expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'sent']);
    expect(await worker().runOnce()).toBe(0);
  });

  it('a gateway that is down is retried later; a refused number fails visibly, never silently', async () => {
    sms.state.mode = 'down';
    sms.requests.length = 0;
    await database.db.transaction().execute((trx) => enqueueStageNotifications(trx, ANNA_ORDER.id, company));
    expect(await worker().runOnce()).toBe(2);
    let rows = await orderNotifications(database.db, ANNA_ORDER.id);
    const pendingSms = rows.find((r) => r.channel === 'sms' && r.status === 'pending');
    expect(pendingSms?.attempts).toBe(1);
    expect(pendingSms?.last_error).toContain('503');

    // Not due yet: nothing is sent again before the retry delay.
    expect(await worker().runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 60_000);
    sms.state.mode = 'bad_number';
    expect(await worker().runOnce()).toBe(1);
    rows = await orderNotifications(database.db, ANNA_ORDER.id);
    const failed = rows.find((r) => r.channel === 'sms' && r.status === 'failed');
    expect(failed?.last_error).toContain('207');
    expect(failed?.attempts).toBeLessThan(MAX_ATTEMPTS);
    expect(sms.requests).toHaveLength(2);
  });

  it('messages survive a restart: a new worker picks up what is due', async () => {
    sms.state.mode = 'down';
    await database.db.transaction().execute((trx) => enqueueStageNotifications(trx, ANNA_ORDER.id, company));
    await worker().runOnce();
    sms.state.mode = 'ok';
    clock = new Date(clock.getTime() + 5 * 60_000);
    const fresh = worker();
    expect(await fresh.runOnce()).toBe(1);
    const rows = await orderNotifications(database.db, ANNA_ORDER.id);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(0);
  });

  it('an order moved into a stage with templates gets its messages in the same transaction', async () => {
    const order = SEED_ORDERS.find((o) => o.number === 'П-1002');
    if (!order) throw new Error('seed order П-1002 missing');
    const before = (await orderNotifications(database.db, order.id)).length;
    const current = await database.db.selectFrom('orders').select(['version', 'stage_id']).where('id', '=', order.id).executeTakeFirstOrThrow();
    expect(current.stage_id).toBe('new');
    await database.db.transaction().execute((trx) =>
      changeStage(trx, { orderId: order.id, toStageId: 'confirmed', baseVersion: Number(current.version) }, 'operator'),
    );
    const rows = await orderNotifications(database.db, order.id);
    expect(rows.length - before).toBe(2);
    expect(rows.slice(0, 2).map((r) => r.channel).sort()).toEqual(['email', 'sms']);
    expect(rows.slice(0, 2).every((r) => r.status === 'pending')).toBe(true);
  });

  it('a customer without an email gets only the SMS; nothing is queued for nobody', async () => {
    const order = SEED_ORDERS.find((o) => o.number === 'П-1003');
    if (!order) throw new Error('seed order П-1003 missing');
    const customer = await database.db.selectFrom('customers').select('email').where('id', '=', (await database.db.selectFrom('orders').select('customer_id').where('id', '=', order.id).executeTakeFirstOrThrow()).customer_id).executeTakeFirstOrThrow();
    expect(customer.email).toBeNull();
    const current = await database.db.selectFrom('orders').select(['version']).where('id', '=', order.id).executeTakeFirstOrThrow();
    await database.db.transaction().execute((trx) =>
      changeStage(trx, { orderId: order.id, toStageId: 'confirmed', baseVersion: Number(current.version) }, 'operator'),
    );
    const rows = await orderNotifications(database.db, order.id);
    expect(rows.map((r) => r.channel)).toEqual(['sms']);
  });
});
