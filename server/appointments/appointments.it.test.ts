// An order's appointment on PGlite and PostgreSQL: set through sync push, it schedules the
// customer's two reminders (19:00 the evening before, 2 hours before — Moscow time) as outbox
// rows waiting for their moment; moving replaces them, clearing or closing drops them, a
// restart neither loses nor doubles them, and only those who may set it can.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../core/domain.js';
import { PullResponse, PushResponse, type SetAppointmentArgs } from '../../core/sync.js';
import { migrate } from '../db/migrate.js';
import { openDatabase, type Db, type OpenedDatabase } from '../db/database.js';
import { silentLogger } from '../logger.js';
import { createNotificationWorker } from '../notify/outbox.js';
import type { EmailSender, SmsGateway } from '../notify/types.js';
import { changeStage } from '../orders/change-stage.js';
import { seedDemoCatalog } from '../seed/catalog.js';
import { SEED_ORDERS } from '../seed/orders.js';
import { seedDemo } from '../seed/demo.js';
import { DB_KINDS, freshDatabase } from '../test/databases.js';
import { useServer, type Harness } from '../test/harness.js';
import { setAppointment } from './set-appointment.js';

const byNumber = (number: string): string => {
  const o = SEED_ORDERS.find((x) => x.number === number);
  if (!o) throw new Error(`no seed order ${number}`);
  return o.id;
};
/** A Moscow wall-clock time as a UTC instant (Moscow is UTC+3 all year). */
const msk = (local: string) => new Date(`${local}+03:00`);

async function push(h: Harness, token: string, deviceId: string, seq: number, args: SetAppointmentArgs) {
  const m = { id: uuidv7(), seq, createdAt: new Date().toISOString(), name: 'orders.setAppointment' as const, args };
  const res = await h.post('/api/sync/push', { deviceId, mutations: [m] }, token);
  expect(res.statusCode).toBe(200);
  return PushResponse.parse(res.json()).results[0];
}

async function pulledOrder(h: Harness, token: string, id: string): Promise<Order | undefined> {
  const page = PullResponse.parse((await h.get('/api/sync/pull?limit=10000', token)).json());
  const c = page.changes.find((x) => x.op === 'upsert' && x.entity === 'orders' && x.data.id === id);
  return c?.op === 'upsert' && c.entity === 'orders' ? c.data : undefined;
}

async function pendingReminders(h: Harness, orderId: string) {
  const rows = await h.db
    .selectFrom('notification_outbox')
    .select(['appointment_reminder', 'channel', 'next_attempt_at', 'body', 'template_id'])
    .where('order_id', '=', orderId)
    .where('status', '=', 'pending')
    .where('appointment_reminder', 'is not', null)
    .orderBy('next_attempt_at')
    .orderBy('channel')
    .execute();
  return rows.map((r) => ({ kind: r.appointment_reminder, channel: r.channel, at: new Date(r.next_attempt_at).toISOString(), body: r.body, template: r.template_id }));
}

/** The channels the order's customer can be reached on (SMS always, email when on file). */
async function channelsOf(h: Harness, orderId: string): Promise<Array<'email' | 'sms'>> {
  const c = await h.db.selectFrom('orders').innerJoin('customers', 'customers.id', 'orders.customer_id').select('customers.email').where('orders.id', '=', orderId).executeTakeFirstOrThrow();
  return c.email ? ['email', 'sms'] : ['sms'];
}

describe.each(DB_KINDS)('order appointments and their reminders, on %s', (kind) => {
  const h = useServer(kind);
  beforeAll(async () => {
    await seedDemoCatalog(h.db); // the reminder templates of the service and delivery pipelines
  });

  it('setting a visit queues the evening-before and 2-hours-before reminders at the right instants; the order carries it', async () => {
    const token = await h.login('operator');
    const id = byNumber('П-1001');
    const visit = msk('2030-03-05T14:00:00');
    expect(await push(h, token, uuidv7(), 1, { orderId: id, appointmentAt: visit.toISOString() })).toMatchObject({ status: 'applied' });
    // Another client (the supervisor's desktop) pulls it with the order.
    expect((await pulledOrder(h, await h.login('supervisor'), id))?.appointmentAt).toBe(visit.toISOString());

    const channels = await channelsOf(h, id);
    const rows = await pendingReminders(h, id);
    expect(rows.map((r) => [r.kind, r.channel, r.at])).toEqual([
      ...channels.map((c) => ['evening_before', c, '2030-03-04T16:00:00.000Z']),
      ...channels.map((c) => ['hours_before', c, '2030-03-05T09:00:00.000Z']),
    ]);
    const sms = rows.filter((r) => r.channel === 'sms');
    expect(sms[0]?.body).toContain('завтра в 14:00');
    expect(sms[1]?.body).toContain('сегодня в 14:00');
    expect(sms[0]?.body).toContain('П-1001');
    expect(sms.every((r) => r.template === 'delivery-appointment-sms')).toBe(true);
  });

  it('moving the visit drops the unsent old reminders and queues the new ones; clearing drops them all', async () => {
    const token = await h.login('operator');
    const id = byNumber('П-1002');
    const device = uuidv7();
    await push(h, token, device, 1, { orderId: id, appointmentAt: msk('2030-04-10T11:00:00').toISOString() });
    const n = (await channelsOf(h, id)).length;
    expect(await pendingReminders(h, id)).toHaveLength(2 * n);

    expect(await push(h, token, device, 2, { orderId: id, appointmentAt: msk('2030-04-12T16:30:00').toISOString() })).toMatchObject({ status: 'applied' });
    const moved = await pendingReminders(h, id);
    expect([...new Set(moved.map((r) => r.at))]).toEqual(['2030-04-11T16:00:00.000Z', '2030-04-12T11:30:00.000Z']);
    expect(moved).toHaveLength(2 * n);

    expect(await push(h, token, device, 3, { orderId: id, appointmentAt: null })).toMatchObject({ status: 'applied' });
    expect(await pendingReminders(h, id)).toEqual([]);
    expect((await pulledOrder(h, token, id))?.appointmentAt).toBeNull();
  });

  it('closing the order drops its reminders; a closed order takes no new visit', async () => {
    const token = await h.login('operator');
    const id = byNumber('П-1003');
    const device = uuidv7();
    await push(h, token, device, 1, { orderId: id, appointmentAt: msk('2030-05-20T10:00:00').toISOString() });
    expect((await pendingReminders(h, id)).length).toBeGreaterThan(0);
    const current = await h.db.selectFrom('orders').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await h.db.transaction().execute((trx) =>
      changeStage(trx, { orderId: id, toStageId: 'cancelled', baseVersion: Number(current.version), reason: 'unreachable' }, 'operator'),
    );
    expect(await pendingReminders(h, id)).toEqual([]);
    const again = await push(h, token, device, 2, { orderId: id, appointmentAt: msk('2030-05-21T10:00:00').toISOString() });
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'appointment.order_closed' } });
  });

  it('a visit booked late gets only the reminders still ahead', async () => {
    const id = byNumber('П-1016'); // service pipeline, the operator's
    const user = { id: '00000000-0000-7000-8000-000000000000', role: 'admin' as const };
    // Booked at 10:00 for 14:00 the same day: the evening before is gone, 12:00 is ahead.
    await h.db.transaction().execute((trx) => setAppointment(trx, { orderId: id, appointmentAt: msk('2030-06-05T14:00:00').toISOString() }, user, msk('2030-06-05T10:00:00')));
    const rows = await pendingReminders(h, id);
    expect([...new Set(rows.map((r) => [r.kind, r.at].join(' ')))]).toEqual(['hours_before 2030-06-05T09:00:00.000Z']);
    expect(rows.every((r) => r.template?.startsWith('service-appointment-'))).toBe(true);
    // Booked at 12:30 for 14:00: nothing left to remind of, and nothing queued.
    await h.db.transaction().execute((trx) => setAppointment(trx, { orderId: id, appointmentAt: msk('2030-06-06T14:00:00').toISOString() }, user, msk('2030-06-06T12:30:00')));
    expect(await pendingReminders(h, id)).toEqual([]);
  });

  it('only the order’s operator or technician, supervisors and admins may set it', async () => {
    const theirs = byNumber('П-1005'); // operator2's, technician «tech»
    const result = await push(h, await h.login('operator'), uuidv7(), 1, { orderId: theirs, appointmentAt: msk('2030-07-01T12:00:00').toISOString() });
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(await pendingReminders(h, theirs)).toEqual([]);
    expect((await h.db.selectFrom('orders').select('appointment_at').where('id', '=', theirs).executeTakeFirstOrThrow()).appointment_at).toBeNull();

    expect(await push(h, await h.login('tech'), uuidv7(), 1, { orderId: theirs, appointmentAt: msk('2030-07-01T12:00:00').toISOString() })).toMatchObject({ status: 'applied' });
    expect(await push(h, await h.login('supervisor'), uuidv7(), 1, { orderId: theirs, appointmentAt: msk('2030-07-01T13:00:00').toISOString() })).toMatchObject({ status: 'applied' });
    const notTechs = byNumber('П-1001'); // no technician, operator's
    expect(await push(h, await h.login('tech'), uuidv7(), 1, { orderId: notTechs, appointmentAt: msk('2030-07-02T12:00:00').toISOString() })).toMatchObject({
      status: 'rejected', error: { code: 'forbidden' },
    });
  });
});

// A real restart: the server's database closed and opened again (a PGlite data directory, or
// a new pool on the same PostgreSQL database), migrations run again as at start; the reminders
// are there once, and workers send each exactly once at its moment.
describe.each(DB_KINDS)('appointment reminders across a restart, on %s', (kind) => {
  it('survive a restart, are not doubled, and are sent once each when due', async () => {
    const dir = kind === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'pult-appointments-')) : null;
    const fresh = kind === 'postgres' ? await freshDatabase('postgres') : null;
    const open = () => (dir ? openDatabase({ dataDir: dir }) : openDatabase({ databaseUrl: fresh?.url ?? '' }));
    const id = byNumber('П-1004');
    const now = new Date();
    const visit = new Date(now.getTime() + 3 * 86_400_000);
    const admin = { id: '00000000-0000-7000-8000-000000000000', role: 'admin' as const };
    const reminders = (db: Db) =>
      db.selectFrom('notification_outbox').select(['id', 'status', 'next_attempt_at']).where('order_id', '=', id).where('appointment_reminder', 'is not', null).orderBy('id').execute();
    let second: OpenedDatabase | null = null;
    try {
      const first = open();
      await migrate(first.db);
      await seedDemo(first.db);
      await seedDemoCatalog(first.db);
      await first.db.transaction().execute((trx) => setAppointment(trx, { orderId: id, appointmentAt: visit.toISOString() }, admin, now));
      const before = await reminders(first.db);
      expect(before.length).toBeGreaterThanOrEqual(2);
      await first.close();

      second = open();
      const db = second.db;
      await migrate(db);
      await seedDemoCatalog(db); // start-up seeding again: idempotent
      const after = await reminders(db);
      expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));

      const sent: string[] = [];
      const sms: SmsGateway = { name: 'recorder', send: async (to, text) => (sent.push(`sms ${to} ${text}`), { ok: true, providerId: String(sent.length) }) };
      const email: EmailSender = { send: async (m) => (sent.push(`email ${m.to} ${m.subject}`), { ok: true, providerId: String(sent.length) }) };
      let clock = now;
      const worker = () => createNotificationWorker({ db, email, sms, logger: silentLogger(), now: () => clock });
      // Nothing is due before its moment.
      expect(await worker().runOnce()).toBe(0);
      clock = new Date(Math.max(...after.map((r) => new Date(r.next_attempt_at).getTime())) + 1_000);
      // Two workers (two server instances) share the due rows: each row is claimed once.
      await Promise.all([worker().runOnce(), worker().runOnce()]);
      await worker().runOnce();
      expect((await reminders(db)).map((r) => r.status)).toEqual(before.map(() => 'sent'));
      expect(sent).toHaveLength(before.length);
    } finally {
      await second?.close();
      await fresh?.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
});
