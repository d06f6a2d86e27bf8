// The robots' deadline travels to clients on the order (slaDueAt): set with each timer, moved by
// a stage change, cleared where nothing is timed; the migration gives existing timers theirs.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../core/domain.js';
import { API } from '../../core/http.js';
import { LEAD_KEY_HEADER, LEADS_PATH, LeadResponse } from '../../core/leads.js';
import { PullResponse } from '../../core/sync.js';
import { migrate } from '../db/migrate.js';
import { reserveVersion } from '../db/versions.js';
import { DEMO_LEAD_KEY, seedDemoCatalog } from '../seed/catalog.js';
import { DB_KINDS } from '../test/databases.js';
import { databaseBefore } from '../test/migrated-before.js';
import { useServer, type Harness } from '../test/harness.js';

const MIN = 60_000;

async function pulled(h: Harness, token: string, id: string, cursor = 0): Promise<{ order: Order | undefined; cursor: number }> {
  const page = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${cursor}&limit=10000`, token)).json());
  const c = page.changes.find((x) => x.op === 'upsert' && x.entity === 'orders' && x.data.id === id);
  return { order: c?.op === 'upsert' && c.entity === 'orders' ? c.data : undefined, cursor: page.cursor };
}

describe.each(DB_KINDS)('SLA deadline on the order, on %s', (kind) => {
  const h = useServer(kind);
  beforeAll(async () => {
    await seedDemoCatalog(h.db);
    await h.login('operator');
    await h.db.insertInto('settings').values({ key: 'working_hours', value: JSON.stringify({ timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' }) }).execute();
  });

  it('a lead carries its 30-minute deadline; each stage change brings the new stage’s, or none', async () => {
    const token = await h.login('operator');
    const t0 = Date.now();
    const res = await h.app.inject({ method: 'POST', url: LEADS_PATH, payload: { name: 'Клиент', phone: '+79160000801' }, headers: { [LEAD_KEY_HEADER]: DEMO_LEAD_KEY } });
    const { orderId } = LeadResponse.parse(res.json());
    const first = await pulled(h, token, orderId);
    const due = Date.parse(first.order?.slaDueAt ?? '');
    expect(due).toBeGreaterThanOrEqual(t0 + 30 * MIN - 1_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 30 * MIN + 1_000);
    const timer = await h.db.selectFrom('robot_timers').select('due_at').where('entity_id', '=', orderId).executeTakeFirstOrThrow();
    expect(new Date(timer.due_at).toISOString()).toBe(first.order?.slaDueAt);

    // «Недозвон»: 2 hours of its own, delivered with the stage change itself.
    const t1 = Date.now();
    await h.post(`${API.orders}/${orderId}/stage`, { toStageId: 'no_answer' }, token);
    const second = await pulled(h, token, orderId, first.cursor);
    expect(second.order?.stageId).toBe('no_answer');
    expect(Date.parse(second.order?.slaDueAt ?? '')).toBeGreaterThanOrEqual(t1 + 120 * MIN - 1_000);
    // Cancelled: nothing timed any more.
    await h.post(`${API.orders}/${orderId}/stage`, { toStageId: 'cancelled', reason: 'unreachable' }, token);
    expect((await pulled(h, token, orderId, second.cursor)).order).toMatchObject({ stageId: 'cancelled', slaDueAt: null });
  });

  it('the migration gives orders with a pending timer their deadline under a new version', async () => {
    // A database migrated to just before the deadline column, with a timer on one order.
    const before = await databaseBefore(kind, '_order_sla_due');
    const { database, target } = before;
    try {
      // Rows written in that schema's own terms (the current seed may need later columns).
      const [timed, other] = [{ id: uuidv7() }, { id: uuidv7() }];
      const customer = uuidv7();
      await sql`UPDATE sync_counter SET value = 100`.execute(database.db);
      await sql`INSERT INTO pipelines (id, name, definition, version) VALUES ('p', 'P', '{"stages":[],"transitions":[]}', 1)`.execute(database.db);
      await sql`INSERT INTO customers (id, name, phone, phone_raw, version) VALUES (${customer}, 'К', '+79160000000', '+79160000000', 2)`.execute(database.db);
      for (const [i, o] of [timed, other].entries()) {
        await sql`INSERT INTO orders (id, number, customer_id, pipeline_id, stage_id, channel, version, stage_version)
          VALUES (${o.id}, ${`T-${i}`}, ${customer}, 'p', 'new', 'web', ${3 + i}, ${3 + i})`.execute(database.db);
      }
      const due = new Date(Date.now() + 17 * MIN);
      await database.db.insertInto('robot_timers').values({ kind: 'order_untouched', entity_id: timed.id, due_at: due, subject: '', fired_at: null }).execute();
      await database.db.insertInto('robot_timers').values({ kind: 'callback_overdue', entity_id: uuidv7(), due_at: due, subject: '', fired_at: null }).execute();
      const before = await database.db.selectFrom('orders').select(['id', 'version']).where('id', 'in', [timed.id, other.id]).execute();
      const counterBefore = Number((await database.db.selectFrom('sync_counter').select('value').executeTakeFirstOrThrow()).value);

      expect(await migrate(database.db)).toContain(target);
      const after = await database.db.selectFrom('orders').select(['id', 'version', 'sla_due_at']).where('id', 'in', [timed.id, other.id]).execute();
      const a = after.find((r) => r.id === timed.id);
      const b = after.find((r) => r.id === other.id);
      expect(new Date(a?.sla_due_at ?? 0).toISOString()).toBe(due.toISOString());
      expect(Number(a?.version)).toBe(counterBefore + 1);
      expect(b?.sla_due_at).toBeNull();
      expect(Number(b?.version)).toBe(Number(before.find((r) => r.id === other.id)?.version));
      // The counter moved past the version handed out: the next write gets a later one.
      await database.db.transaction().execute(async (trx) => expect(await reserveVersion(trx)).toBe(counterBefore + 2));
    } finally {
      await before.dispose();
    }
  });
});
