// Demo data: users (password `demo`), three pipelines, 42 customers, 30 orders, calls and
// callbacks. Ids and contents are fixed; timestamps are offsets from the seeding moment so
// the demo always looks current. Idempotent: does nothing once any user exists.
import { sql } from 'kysely';
import type { Role } from '../../core/domain.js';
import { normalizePhone } from '../../core/phone.js';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/database.js';
import { reserveVersions } from '../db/versions.js';
import { ANNA_PHONE_E164, SEED_CUSTOMERS } from './customers.js';
import { seedId } from './ids.js';
import { SEED_ORDERS, seedAddress, type DemoLogin } from './orders.js';
import { SEED_PIPELINES } from './pipelines.js';

export const DEMO_PASSWORD = 'demo';

export interface DemoUser {
  id: string;
  login: DemoLogin;
  displayName: string;
  role: Role;
  district: string | null;
}

export const DEMO_USERS: Record<DemoLogin, DemoUser> = {
  operator: { id: seedId('user', 1), login: 'operator', displayName: 'Ирина Петрова', role: 'operator', district: null },
  operator2: { id: seedId('user', 2), login: 'operator2', displayName: 'Ольга Смирнова', role: 'operator', district: null },
  tech: { id: seedId('user', 3), login: 'tech', displayName: 'Сергей Кузнецов', role: 'technician', district: 'Северный' },
  admin: { id: seedId('user', 4), login: 'admin', displayName: 'Дмитрий Волков', role: 'admin', district: null },
  supervisor: { id: seedId('user', 5), login: 'supervisor', displayName: 'Елена Морозова', role: 'supervisor', district: null },
};

/** Login + password pairs for tests and the login screen hint. */
export const DEMO_CREDENTIALS = Object.fromEntries(
  Object.values(DEMO_USERS).map((u) => [u.login, { login: u.login, password: DEMO_PASSWORD }]),
) as Record<DemoLogin, { login: DemoLogin; password: string }>;

export const DEMO_CUSTOMER_ANNA = { id: seedId('customer', 1), name: 'Анна Соколова', phone: ANNA_PHONE_E164 } as const;

const CALLS: Array<[customer: number, direction: 'incoming' | 'outgoing', outcome: 'answered' | 'missed' | 'declined' | 'failed', user: DemoLogin, sec: number, hoursAgo: number, note: string]> = [
  [1, 'incoming', 'answered', 'operator', 184, 2, 'Уточнила время доставки'],
  [2, 'outgoing', 'answered', 'operator', 95, 5, 'Подтвердил заказ'],
  [3, 'outgoing', 'missed', 'operator', 0, 6, 'Не берёт трубку'],
  [5, 'incoming', 'answered', 'operator2', 240, 8, 'Вопрос по установке'],
  [8, 'incoming', 'missed', 'operator2', 0, 1, ''],
  [12, 'outgoing', 'declined', 'operator2', 0, 3, 'Сбросила вызов'],
  [15, 'incoming', 'answered', 'operator', 130, 10, 'Записан на сервис'],
  [22, 'incoming', 'answered', 'operator', 310, 12, 'Консультация по фарам'],
];

const CALLBACKS: Array<[customer: number, assignee: DemoLogin, dueInMinutes: number, done: boolean, reason: string]> = [
  [3, 'operator', 15, false, 'Недозвон: перезвонить по заказу'],
  [8, 'operator2', 2, false, 'Пропущенный входящий'],
  [16, 'operator', 60, false, 'Уточнить удобное время приезда'],
  [12, 'operator2', -120, true, 'Перезвонить после 14:00'],
];

function phoneOf(raw: string): string {
  const e164 = normalizePhone(raw);
  if (!e164) throw new Error(`Seed phone ${raw} does not normalize`);
  return e164;
}

/** Seeds demo data into an empty database. Returns false when users already existed. */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
  const hasUsers = async () => (await db.selectFrom('users').select('id').limit(1).execute()).length > 0;
  if (await hasUsers()) return false;
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const users = Object.values(DEMO_USERS);
  // Hash outside the transaction: argon2 is deliberately slow.
  const hashes = await Promise.all(users.map(() => hashPassword(DEMO_PASSWORD)));
  const customerIds = SEED_CUSTOMERS.map((c) => c.id);
  const customerId = (n: number): string => customerIds[n - 1] ?? customerIds[0]!;
  const phoneById = new Map(SEED_CUSTOMERS.map((c) => [c.id, phoneOf(c.phoneRaw)]));

  return db.transaction().execute(async (trx) => {
    // Two servers starting on one empty database: the second waits here, then sees users.
    await sql`SELECT pg_advisory_xact_lock(7310002)`.execute(trx);
    if ((await trx.selectFrom('users').select('id').limit(1).execute()).length > 0) return false;
    const total = users.length + SEED_PIPELINES.length + SEED_CUSTOMERS.length + SEED_ORDERS.length + CALLS.length + CALLBACKS.length;
    const versions = await reserveVersions(trx, total);
    let next = 0;
    const v = (): number => {
      const version = versions[next++];
      if (version === undefined) throw new Error('seed ran out of versions');
      return version;
    };

    await trx.insertInto('users').values(users.map((u, i) => ({
      id: u.id, login: u.login, display_name: u.displayName, role: u.role, district: u.district,
      password_hash: hashes[i] ?? '', updated_at: now, version: v(),
    }))).execute();
    await trx.insertInto('pipelines').values(SEED_PIPELINES.map((p) => ({
      id: p.id, name: p.name, definition: JSON.stringify({ stages: p.stages, transitions: p.transitions }), updated_at: now, version: v(),
    }))).execute();
    await trx.insertInto('customers').values(SEED_CUSTOMERS.map((c, i) => ({
      id: c.id, name: c.name, phone: phoneOf(c.phoneRaw), phone_raw: c.phoneRaw, email: c.email, city: c.city,
      partner_number: c.partnerNumber, notes: c.notes, updated_at: ago(100 - i), version: v(),
    }))).execute();
    await trx.insertInto('orders').values(SEED_ORDERS.map((o, i) => {
      const version = v();
      const customer = SEED_CUSTOMERS[o.customer - 1];
      return {
        id: o.id, number: o.number, customer_id: customerId(o.customer), pipeline_id: o.pipelineId, stage_id: o.stageId,
        operator_id: o.operator ? DEMO_USERS[o.operator].id : null,
        technician_id: o.technician ? DEMO_USERS[o.technician].id : null,
        title: o.title, amount_kopecks: o.amountKopecks, city: customer?.city ?? null, address: seedAddress(i), channel: o.channel,
        notes: '', created_at: ago(o.hoursAgo), updated_at: ago(o.hoursAgo / 2), version, stage_version: version,
      };
    })).execute();
    await trx.insertInto('calls').values(CALLS.map(([c, direction, outcome, user, sec, hours, note], i) => ({
      id: seedId('call', i + 1), direction, outcome, phone: phoneById.get(customerId(c)) ?? null, customer_id: customerId(c),
      order_id: null, user_id: DEMO_USERS[user].id, started_at: ago(hours), duration_sec: sec, note, version: v(),
    }))).execute();
    await trx.insertInto('callbacks').values(CALLBACKS.map(([c, assignee, dueIn, done, reason], i) => ({
      id: seedId('callback', i + 1), phone: phoneById.get(customerId(c)) ?? '', customer_id: customerId(c),
      assignee_id: DEMO_USERS[assignee].id, due_at: new Date(now.getTime() + dueIn * 60_000),
      // Raised before now: two minutes before it was due (a missed call's), or 10 minutes ago for later ones.
      created_at: new Date(Math.min(now.getTime() - 10 * 60_000, now.getTime() + (dueIn - 2) * 60_000)),
      done_at: done ? ago(1) : null, reason, version: v(),
    }))).execute();
    return true;
  });
}

/** Row counts the demo seed writes, for tests. */
export const DEMO_COUNTS = {
  users: Object.keys(DEMO_USERS).length,
  pipelines: SEED_PIPELINES.length,
  customers: SEED_CUSTOMERS.length,
  orders: SEED_ORDERS.length,
  calls: CALLS.length,
  callbacks: CALLBACKS.length,
} as const;
