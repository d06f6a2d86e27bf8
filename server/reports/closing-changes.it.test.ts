// The history columns the database keeps for fast reports (migration 017): the next closing
// change of the same kind, which makes "an order's last sale in the period" a row condition,
// the keys that group stays by stage and by move, and the order's last success. Checked against the plain definitions
// on history written out of order, on PGlite and PostgreSQL.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { lastInPeriod, type ReportContext } from './context.js';

const DAY = 86_400_000;
const START = Date.parse('2025-06-01T00:00:00Z');

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(DB_KINDS)('closing changes and stage keys on %s', (kind) => {
  const h = useServer(kind);

  beforeAll(async () => {
    const orders = await h.db.selectFrom('orders').select(['id', 'pipeline_id', 'created_at']).orderBy('number').limit(4).execute();
    expect(orders.length).toBe(4);
    await h.db.deleteFrom('order_stage_history').execute();
    await sql`UPDATE orders SET last_success_at = NULL`.execute(h.db);
    const next = random(7);
    const stages = ['new', 'confirmed', 'in_work', 'done', 'cancelled'];
    // Changes arrive in random order (offline desktops), some at the same instant.
    for (let i = 0; i < 60; i++) {
      const order = orders[Math.floor(next() * orders.length)]!;
      const kindRoll = next();
      const toKind = kindRoll < 0.4 ? 'success' : kindRoll < 0.7 ? 'failure' : 'open';
      const at = new Date(START + Math.floor(next() * 10) * DAY + (next() < 0.2 ? 0 : Math.floor(next() * DAY)));
      await h.db.insertInto('order_stage_history').values({
        id: uuidv7(), order_id: order.id, pipeline_id: order.pipeline_id,
        from_stage_id: stages[Math.floor(next() * 3)]!, to_stage_id: toKind === 'success' ? 'done' : toKind === 'failure' ? 'cancelled' : 'confirmed',
        to_kind: toKind, from_entered_at: new Date(at.getTime() - Math.floor(next() * DAY)), transition_no: i + 1,
        user_id: null, role: null, reason: null, changed_at: at, operator_id: null, technician_id: null,
        amount_kopecks: Math.floor(next() * 100_000), city: null, order_created_at: order.created_at,
      }).execute();
    }
  });

  it('the last closing change of each kind in a period is the row the DISTINCT ON definition picks', async () => {
    let checked = 0;
    for (let from = 0; from < 10; from += 2) {
      for (let to = from + 1; to <= 11; to += 3) {
        const ctx = { fromUtc: new Date(START + from * DAY), toUtc: new Date(START + to * DAY) } as ReportContext;
        const byRow = await sql<{ id: string }>`
          SELECT h.id FROM order_stage_history h
          WHERE h.changed_at >= ${ctx.fromUtc} AND h.changed_at < ${ctx.toUtc} AND h.to_kind <> 'open' ${lastInPeriod(ctx)}
          ORDER BY h.id`.execute(h.db);
        const bySort = await sql<{ id: string }>`
          SELECT id FROM (
            SELECT DISTINCT ON (h.order_id, h.to_kind) h.id FROM order_stage_history h
            WHERE h.changed_at >= ${ctx.fromUtc} AND h.changed_at < ${ctx.toUtc} AND h.to_kind <> 'open'
            ORDER BY h.order_id, h.to_kind, h.changed_at DESC, h.id DESC
          ) x ORDER BY id`.execute(h.db);
        expect(byRow.rows, `days ${from}–${to}`).toEqual(bySort.rows);
        checked += bySort.rows.length;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('open changes carry no next change; the stay and the keys follow the ids', async () => {
    const { rows } = await sql<{ open_marked: number; stay_wrong: number; stage_groups: number; stage_keys: number; move_groups: number; move_keys: number }>`
      SELECT count(*) FILTER (WHERE to_kind = 'open' AND next_same_kind_at IS NOT NULL)::int AS open_marked,
        count(*) FILTER (WHERE abs(stay_minutes - date_part('epoch', changed_at - from_entered_at) / 60) > 1e-9)::int AS stay_wrong,
        count(DISTINCT (pipeline_id, from_stage_id))::int AS stage_groups, count(DISTINCT stage_key)::int AS stage_keys,
        count(DISTINCT (pipeline_id, from_stage_id, to_stage_id))::int AS move_groups, count(DISTINCT move_key)::int AS move_keys
      FROM order_stage_history`.execute(h.db);
    const r = rows[0]!;
    expect(r.open_marked).toBe(0);
    expect(r.stay_wrong).toBe(0);
    expect(r.stage_keys).toBe(r.stage_groups);
    expect(r.move_keys).toBe(r.move_groups);
    expect(r.move_groups).toBeGreaterThan(r.stage_groups);
  });

  it('each order keeps when it last reached a success stage, whatever order the changes came in', async () => {
    const { rows } = await sql<{ id: string; kept: Date | null; from_history: Date | null }>`
      SELECT o.id, o.last_success_at AS kept,
        (SELECT max(h.changed_at) FROM order_stage_history h WHERE h.order_id = o.id AND h.to_kind = 'success') AS from_history
      FROM orders o WHERE EXISTS (SELECT 1 FROM order_stage_history h WHERE h.order_id = o.id)`.execute(h.db);
    expect(rows.filter((r) => r.from_history !== null).length).toBeGreaterThan(0);
    for (const r of rows) expect(r.kept === null ? null : new Date(r.kept).toISOString(), r.id).toBe(r.from_history === null ? null : new Date(r.from_history).toISOString());
  });
});
