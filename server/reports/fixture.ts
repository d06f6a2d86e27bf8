// A small fixed data set for the report integration tests (March 2025, Moscow time), written
// through the real stage-change path so the stage history is what production writes. Every
// figure the tests expect is worked out by hand from the comments below.
//
// Orders (delivery pipeline unless said; times UTC, Moscow = UTC+3):
//  O1  Ирина, tech Сергей, Москва, phone via +74950000001, 10 000 ₽, created 03-03 07:00
//      new→confirmed 07:30 (30 min), →in_work 03-04 07:30 (1440), →done 03-04 10:30 (180)
//  O2  Ирина, tech Сергей, Москва, web form «Форма на сайте» utm yandex/cpc/spring, 5 000 ₽, created 03-05 09:00
//      new→no_answer 09:10 (10), →confirmed 11:10 (120), →in_work 03-06 09:10 (1320), →done 12:10 (180)
//  O3  Ольга, Казань, web form utm google/cpc/spring, 2 500 ₽, created 03-10 08:00; new→cancelled 08:20 (20) too_expensive
//  O4  Ольга, tech Сергей, Казань, phone via +74950000002, 8 000 ₽, created 03-12 10:00
//      new→confirmed 10:40 (40), →cancelled by admin 03-13 10:40 (1440) out_of_stock
//  O5  Ирина, Тверь, missed_call, 3 000 ₽, created 02-28 21:30 (= 03-01 00:30 Moscow); new→confirmed 03-01 06:30 (540)
//  O6  Ольга, tech Сергей, Москва, phone, 12 000 ₽, created 02-20 10:00 (February)
//      new→confirmed 02-20 11:00 (60, February), →in_work 03-02 10:00 (14 340), →done 03-02 14:00 (240)
//  O7  Ирина, Москва, web form, 1 000 ₽, created 03-31 21:30 (= April 1 Moscow); new→cancelled 22:00 customer_refused
//  O8  unassigned, Самара, sub-dealer «Восток» panel, 4 000 ₽, created 03-04 12:00; new→done by supervisor 03-05 12:00 (1440)
//  O9  Ольга, Москва, email, store pipeline, 6 000 ₽, created 03-06 08:00
//      new→reserved 08:30 (30), →cancelled 03-07 08:30 (1440) customer_refused
//  O10 unassigned, tech Павел, Самара, sub-dealer «Восток» panel, 1 500 ₽, created 03-06 10:00; new→done by supervisor 03-07 10:00 (1440)
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../core/domain.js';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/database.js';
import { reserveVersion } from '../db/versions.js';
import { changeStage } from '../orders/change-stage.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo.js';

export const FIXTURE_RANGE = { from: '2025-03-01', to: '2025-03-31' } as const;
export const FIXTURE_WEEK = '2025-03-05';

export const LINE_1 = '+74950000001';
export const LINE_2 = '+74950000002';

export const IRINA = DEMO_USERS.operator;
export const OLGA = DEMO_USERS.operator2;
export const SERGEY = DEMO_USERS.tech;
export const ELENA = DEMO_USERS.supervisor;
export const PAVEL = { id: '0193c0de-0000-7000-8100-00000000f001', login: 'tech2', displayName: 'Павел Орлов', role: 'technician' as const, district: 'Южный' };

const CUSTOMERS = {
  anna: { name: 'Анна Ковалёва', phone: '+79161000001', email: 'anna@example.ru', city: 'Москва', partner: 'P-1001' },
  petr: { name: 'Пётр Иванов', phone: '+79161000002', email: null, city: 'Казань', partner: null },
  maria: { name: 'Мария Орлова', phone: '+79161000003', email: null, city: 'Тверь', partner: 'P-1003' },
  igor: { name: 'Игорь Белов', phone: '+79161000004', email: null, city: 'Москва', partner: null },
  boris: { name: 'Борис Носов', phone: '+79161000005', email: null, city: 'Самара', partner: null },
  vera: { name: 'Вера Лебедева', phone: '+79161000006', email: 'vera@example.ru', city: 'Самара', partner: 'P-2002' },
} as const;
type CustomerKey = keyof typeof CUSTOMERS;

interface Move {
  to: string;
  at: string;
  by: { id: string; role: Role };
  reason?: string;
}

interface FixtureOrder {
  n: number;
  pipeline: 'delivery' | 'store';
  customer: CustomerKey;
  operator: string | null;
  technician: string | null;
  channel: string;
  calledNumber?: string;
  source?: { id: string; utm?: { source: string; medium: string; campaign: string } };
  rub: number;
  created: string;
  moves: Move[];
}

const op = (u: { id: string }) => ({ id: u.id, role: 'operator' as const });
const tech = (u: { id: string }) => ({ id: u.id, role: 'technician' as const });
const ADMIN = { id: DEMO_USERS.admin.id, role: 'admin' as const };
const SUPERVISOR = { id: ELENA.id, role: 'supervisor' as const };

const ORDERS: FixtureOrder[] = [
  {
    n: 1, pipeline: 'delivery', customer: 'anna', operator: IRINA.id, technician: SERGEY.id, channel: 'phone', calledNumber: LINE_1, rub: 10_000,
    created: '2025-03-03T07:00:00Z',
    moves: [
      { to: 'confirmed', at: '2025-03-03T07:30:00Z', by: op(IRINA) },
      { to: 'in_work', at: '2025-03-04T07:30:00Z', by: tech(SERGEY) },
      { to: 'done', at: '2025-03-04T10:30:00Z', by: tech(SERGEY) },
    ],
  },
  {
    n: 2, pipeline: 'delivery', customer: 'anna', operator: IRINA.id, technician: SERGEY.id, channel: 'web',
    source: { id: 'site-form', utm: { source: 'yandex', medium: 'cpc', campaign: 'spring' } }, rub: 5_000, created: '2025-03-05T09:00:00Z',
    moves: [
      { to: 'no_answer', at: '2025-03-05T09:10:00Z', by: op(IRINA) },
      { to: 'confirmed', at: '2025-03-05T11:10:00Z', by: op(IRINA) },
      { to: 'in_work', at: '2025-03-06T09:10:00Z', by: tech(SERGEY) },
      { to: 'done', at: '2025-03-06T12:10:00Z', by: tech(SERGEY) },
    ],
  },
  {
    n: 3, pipeline: 'delivery', customer: 'petr', operator: OLGA.id, technician: null, channel: 'web',
    source: { id: 'site-form', utm: { source: 'google', medium: 'cpc', campaign: 'spring' } }, rub: 2_500, created: '2025-03-10T08:00:00Z',
    moves: [{ to: 'cancelled', at: '2025-03-10T08:20:00Z', by: op(OLGA), reason: 'too_expensive' }],
  },
  {
    n: 4, pipeline: 'delivery', customer: 'petr', operator: OLGA.id, technician: SERGEY.id, channel: 'phone', calledNumber: LINE_2, rub: 8_000,
    created: '2025-03-12T10:00:00Z',
    moves: [
      { to: 'confirmed', at: '2025-03-12T10:40:00Z', by: op(OLGA) },
      { to: 'cancelled', at: '2025-03-13T10:40:00Z', by: ADMIN, reason: 'out_of_stock' },
    ],
  },
  {
    n: 5, pipeline: 'delivery', customer: 'maria', operator: IRINA.id, technician: null, channel: 'missed_call', rub: 3_000,
    created: '2025-02-28T21:30:00Z',
    moves: [{ to: 'confirmed', at: '2025-03-01T06:30:00Z', by: op(IRINA) }],
  },
  {
    n: 6, pipeline: 'delivery', customer: 'igor', operator: OLGA.id, technician: SERGEY.id, channel: 'phone', rub: 12_000,
    created: '2025-02-20T10:00:00Z',
    moves: [
      { to: 'confirmed', at: '2025-02-20T11:00:00Z', by: op(OLGA) },
      { to: 'in_work', at: '2025-03-02T10:00:00Z', by: tech(SERGEY) },
      { to: 'done', at: '2025-03-02T14:00:00Z', by: tech(SERGEY) },
    ],
  },
  {
    n: 7, pipeline: 'delivery', customer: 'igor', operator: IRINA.id, technician: null, channel: 'web', source: { id: 'site-form' }, rub: 1_000,
    created: '2025-03-31T21:30:00Z',
    moves: [{ to: 'cancelled', at: '2025-03-31T22:00:00Z', by: op(IRINA), reason: 'customer_refused' }],
  },
  {
    n: 8, pipeline: 'delivery', customer: 'boris', operator: null, technician: null, channel: 'web', source: { id: 'vostok' }, rub: 4_000,
    created: '2025-03-04T12:00:00Z',
    moves: [{ to: 'done', at: '2025-03-05T12:00:00Z', by: SUPERVISOR }],
  },
  {
    n: 9, pipeline: 'store', customer: 'igor', operator: OLGA.id, technician: null, channel: 'email', rub: 6_000,
    created: '2025-03-06T08:00:00Z',
    moves: [
      { to: 'reserved', at: '2025-03-06T08:30:00Z', by: op(OLGA) },
      { to: 'cancelled', at: '2025-03-07T08:30:00Z', by: op(OLGA), reason: 'customer_refused' },
    ],
  },
  {
    n: 10, pipeline: 'delivery', customer: 'vera', operator: null, technician: PAVEL.id, channel: 'web', source: { id: 'vostok' }, rub: 1_500,
    created: '2025-03-06T10:00:00Z',
    moves: [{ to: 'done', at: '2025-03-07T10:00:00Z', by: SUPERVISOR }],
  },
];

// Calls: [startedAt, user, direction, outcome, seconds, line, customer]
//  K3 at 03-03 21:10 UTC is 03-04 in Moscow; K7 at 02-28 20:59 UTC is still February in Moscow.
const CALLS: Array<[string, string, 'incoming' | 'outgoing', 'answered' | 'missed' | 'declined', number, string | null, CustomerKey]> = [
  ['2025-03-03T06:50:00Z', IRINA.id, 'incoming', 'answered', 120, LINE_1, 'anna'],
  ['2025-03-03T07:20:00Z', IRINA.id, 'outgoing', 'answered', 60, null, 'anna'],
  ['2025-03-03T21:10:00Z', IRINA.id, 'incoming', 'missed', 0, LINE_1, 'petr'],
  ['2025-03-04T08:00:00Z', OLGA.id, 'incoming', 'answered', 300, LINE_2, 'petr'],
  ['2025-03-04T09:00:00Z', OLGA.id, 'incoming', 'declined', 0, LINE_2, 'maria'],
  ['2025-03-04T10:00:00Z', OLGA.id, 'outgoing', 'missed', 0, null, 'maria'],
  ['2025-02-28T20:59:00Z', IRINA.id, 'incoming', 'answered', 100, LINE_1, 'anna'],
  ['2025-03-10T12:00:00Z', IRINA.id, 'incoming', 'answered', 90, null, 'igor'],
];

// Callbacks: [assignee, createdAt, dueAt, doneAt]
const CALLBACKS: Array<[string | null, string, string, string | null]> = [
  [IRINA.id, '2025-03-03T07:00:00Z', '2025-03-03T07:02:00Z', '2025-03-03T07:01:30Z'], // 1.5 min, in time
  [IRINA.id, '2025-03-04T08:00:00Z', '2025-03-04T08:02:00Z', '2025-03-04T08:10:00Z'], // 10 min, late
  [OLGA.id, '2025-03-05T09:00:00Z', '2025-03-05T09:02:00Z', null], // never done: overdue
  [null, '2025-03-06T10:00:00Z', '2025-03-06T10:02:00Z', '2025-03-06T10:01:00Z'], // 1 min, in time
  [OLGA.id, '2025-02-27T10:00:00Z', '2025-02-27T10:02:00Z', '2025-02-27T10:05:00Z'], // February
  [OLGA.id, '2025-03-20T10:00:00Z', '2025-03-20T10:02:00Z', '2025-03-20T10:03:00Z'], // 3 min, late
];

export const FIXTURE_DEALER = { name: 'Дилерский центр «Здоровье»', code: 'D-0042' };

/** Writes the fixture into a migrated, demo-seeded database. */
export async function seedReportFixture(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const customerIds = new Map<CustomerKey, string>();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values({
      id: PAVEL.id, login: PAVEL.login, display_name: PAVEL.displayName, role: PAVEL.role, district: PAVEL.district,
      password_hash: passwordHash, version: await reserveVersion(trx),
    }).execute();
    for (const [key, c] of Object.entries(CUSTOMERS) as Array<[CustomerKey, (typeof CUSTOMERS)[CustomerKey]]>) {
      const id = uuidv7();
      customerIds.set(key, id);
      await trx.insertInto('customers').values({
        id, name: c.name, phone: c.phone, phone_raw: c.phone, email: c.email, city: c.city, partner_number: c.partner,
        version: await reserveVersion(trx),
      }).execute();
    }
    await trx.insertInto('lead_sources').values([
      { id: 'site-form', name: 'Форма на сайте', key_hash: 'fixture-site-form', pipeline_id: 'delivery', stage_id: 'new', channel: 'web' },
      { id: 'vostok', name: 'Субдилер «Восток»', key_hash: 'fixture-vostok', pipeline_id: 'delivery', stage_id: 'new', channel: 'web', subdealer: true },
    ]).execute();
    await trx.insertInto('settings').values([
      { key: 'company.name', value: FIXTURE_DEALER.name },
      { key: 'dealer.code', value: FIXTURE_DEALER.code },
    ]).onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))).execute();
  });

  for (const o of ORDERS) {
    const id = uuidv7();
    const customer = CUSTOMERS[o.customer];
    await db.transaction().execute(async (trx) => {
      const version = await reserveVersion(trx);
      await trx.insertInto('orders').values({
        id, number: `Т-${o.n}`, customer_id: customerIds.get(o.customer) ?? '', pipeline_id: o.pipeline, stage_id: 'new',
        operator_id: o.operator, technician_id: o.technician, title: `Заказ ${o.n}`, amount_kopecks: o.rub * 100, city: customer.city,
        address: null, channel: o.channel, called_number: o.calledNumber ?? null, created_at: o.created, updated_at: o.created,
        version, stage_version: version,
      }).execute();
      if (o.source) {
        await trx.insertInto('lead_submissions').values({
          source_id: o.source.id, submission_key: `fixture-${o.n}`, order_id: id, phone: customer.phone, items_key: '',
          utm: o.source.utm ? JSON.stringify(o.source.utm) : null, created_at: o.created,
        }).execute();
      }
    });
    for (const m of o.moves) {
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('orders').select('version').where('id', '=', id).executeTakeFirstOrThrow();
        await changeStage(trx, { orderId: id, toStageId: m.to, baseVersion: Number(row.version), reason: m.reason ?? null }, m.by.role, new Date(m.at), m.by.id);
      });
    }
  }

  await db.transaction().execute(async (trx) => {
    for (const [at, user, direction, outcome, sec, line, customer] of CALLS) {
      await trx.insertInto('calls').values({
        id: uuidv7(), direction, outcome, phone: CUSTOMERS[customer].phone, customer_id: customerIds.get(customer) ?? null, order_id: null,
        user_id: user, started_at: at, duration_sec: sec, called_number: line, version: await reserveVersion(trx),
      }).execute();
    }
    for (const [assignee, created, due, done] of CALLBACKS) {
      await trx.insertInto('callbacks').values({
        id: uuidv7(), phone: '+79161000009', customer_id: null, assignee_id: assignee, created_at: created, due_at: due, done_at: done,
        reason: 'Пропущенный звонок', version: await reserveVersion(trx),
      }).execute();
    }
  });
}
