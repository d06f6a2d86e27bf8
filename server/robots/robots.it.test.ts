// SLA robots on PGlite and PostgreSQL: a timer fires once, survives a restart, and is moot
// when the world moved on.
import { beforeAll, describe, expect, it } from 'vitest';
import { LEAD_KEY_HEADER, LEADS_PATH, LeadResponse } from '../../core/leads.js';
import { silentLogger } from '../logger.js';
import { changeStage } from '../orders/change-stage.js';
import { DEMO_LEAD_KEY, seedDemoCatalog } from '../seed/catalog.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { createRobots, onCallbackCreated, openEscalations } from './robots.js';

const MIN = 60_000;

describe.each(DB_KINDS)('SLA robots on %s', (kind) => {
  const h = useServer(kind);
  beforeAll(async () => {
    await seedDemoCatalog(h.db);
    await h.login('operator'); // a logged-in operator gets the leads, and their escalations
    // Round-the-clock hours make deadlines plain arithmetic in the test.
    await h.db.insertInto('settings').values({ key: 'working_hours', value: JSON.stringify({ timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' }) }).execute();
  });
  const lead = async (phone: string) => {
    const res = await h.app.inject({ method: 'POST', url: LEADS_PATH, payload: { name: 'Клиент', phone }, headers: { [LEAD_KEY_HEADER]: DEMO_LEAD_KEY } });
    expect(res.statusCode).toBe(201);
    return LeadResponse.parse(res.json());
  };
  const escalationsFor = async (id: string) => (await openEscalations(h.db)).filter((e) => e.entity_id === id);

  it('an order untouched for 30 minutes escalates once, even across a server restart', async () => {
    const { orderId } = await lead('+79160000001');
    const t0 = Date.now();
    const first = createRobots(h.db, silentLogger());
    expect(await first.tick(new Date(t0 + 29 * MIN))).toBe(0);
    await first.stop();
    // "Restart": a new robots instance over the same database finds the timer and fires it.
    const second = createRobots(h.db, silentLogger());
    expect(await second.tick(new Date(t0 + 31 * MIN))).toBeGreaterThanOrEqual(1);
    const raised = await escalationsFor(orderId);
    expect(raised.map((e) => e.kind)).toEqual(['order_untouched']);
    expect(raised[0]?.user_id).not.toBeNull();
    expect(await second.tick(new Date(t0 + 60 * MIN))).toBe(0);
    expect(await escalationsFor(orderId)).toHaveLength(1);
  });

  it('an order the operator handled in time raises nothing; its new stage’s SLA takes over', async () => {
    const { orderId } = await lead('+79160000002');
    const row = await h.db.selectFrom('orders').select('version').where('id', '=', orderId).executeTakeFirstOrThrow();
    await h.db.transaction().execute((trx) => changeStage(trx, { orderId, toStageId: 'no_answer', baseVersion: Number(row.version) }, 'operator'));
    const robots = createRobots(h.db, silentLogger());
    const t0 = Date.now();
    expect(await robots.tick(new Date(t0 + 60 * MIN))).toBe(0);
    // «Недозвон» has a 2-hour SLA of its own.
    expect(await robots.tick(new Date(t0 + 121 * MIN))).toBe(1);
    expect((await escalationsFor(orderId)).map((e) => e.kind)).toEqual(['stage_sla']);
  });

  it('a callback not done in 2 minutes escalates; one done in time does not', async () => {
    const callbacks = await h.db.selectFrom('callbacks').select('id').where('done_at', 'is', null).limit(2).execute();
    const [late, done] = callbacks;
    if (!late || !done) throw new Error('need two open seeded callbacks');
    const t0 = new Date();
    await h.db.transaction().execute(async (trx) => {
      expect((await onCallbackCreated(trx, late.id, t0)).getTime()).toBe(t0.getTime() + 2 * MIN);
      await onCallbackCreated(trx, done.id, t0);
    });
    await h.db.updateTable('callbacks').set({ done_at: new Date(t0.getTime() + MIN) }).where('id', '=', done.id).execute();
    const robots = createRobots(h.db, silentLogger());
    await robots.tick(new Date(t0.getTime() + 3 * MIN));
    expect((await escalationsFor(late.id)).map((e) => e.kind)).toEqual(['callback_overdue']);
    expect(await escalationsFor(done.id)).toEqual([]);
  });
});
