// The daily call rollup (migration *_call_rollups.sql) against a GROUP BY over the raw calls after every kind
// of write, and after a change of the site's zone, on PGlite and PostgreSQL.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TableReportResult } from '../../core/reports.js';
import type { Db } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { seedDemo } from '../seed/demo.js';
import { DB_KINDS } from '../test/databases.js';
import { databaseBefore } from '../test/migrated-before.js';
import { useServer } from '../test/harness.js';
import { ensureCallRollupZone } from './call-rollup.js';
import { runTableReport } from './run.js';

type Key = { day: string; user_id: string | null; direction: string; outcome: string; called_number: string | null; calls: number; duration_sec: number };

/** What the rollup must hold: the calls grouped by day in `zone`. */
async function grouped(db: Db, zone: string): Promise<Key[]> {
  const { rows } = await sql<Key>`
    SELECT (started_at AT TIME ZONE ${zone})::date::text AS day, user_id, direction, outcome, called_number,
      count(*)::int AS calls, sum(duration_sec)::int AS duration_sec
    FROM calls GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`.execute(db);
  return rows;
}

async function rollup(db: Db): Promise<Key[]> {
  const { rows } = await sql<Key>`
    SELECT day::text AS day, user_id, direction, outcome, called_number, calls, duration_sec::int AS duration_sec
    FROM call_stats_daily ORDER BY 1, 2, 3, 4, 5`.execute(db);
  return rows;
}

describe.each(DB_KINDS)('the call rollup migration on %s', (kind) => {
  it('backfills the calls a database already has, in Moscow days', async () => {
    const before = await databaseBefore(kind, '_call_rollups');
    const { database, target } = before;
    try {
      await seedDemo(database.db);
      const expected = await grouped(database.db, 'Europe/Moscow');
      expect(expected.length).toBeGreaterThan(0);
      expect(await migrate(database.db)).toContain(target);
      expect(await rollup(database.db)).toEqual(expected);
    } finally {
      await before.dispose();
    }
  });
});

const zoneOf = async (db: Db) => (await db.selectFrom('report_rollup_zone').select('zone').executeTakeFirstOrThrow()).zone;

describe.each(DB_KINDS)('daily call rollup on %s', (kind) => {
  const h = useServer(kind);
  let users: string[] = [];
  let version = 2_000_000_000;
  beforeAll(async () => {
    users = (await h.db.selectFrom('users').select('id').orderBy('login').limit(2).execute()).map((u) => u.id);
  });

  const call = (over: Partial<{ id: string; direction: string; outcome: string; user_id: string | null; started_at: string; duration_sec: number; called_number: string | null }>) => ({
    id: uuidv7(), direction: 'incoming', outcome: 'answered', phone: '+79161234567', customer_id: null, order_id: null,
    user_id: users[0] ?? null, started_at: '2025-06-10T09:00:00Z', duration_sec: 60, called_number: '+74950000001', version: version++, ...over,
  });

  async function expectConsistent(): Promise<void> {
    const expected = await grouped(h.db, await zoneOf(h.db));
    expect(await rollup(h.db)).toEqual(expected);
  }

  it('follows the demo seed', async () => {
    expect(await zoneOf(h.db)).toBe('Europe/Moscow');
    expect((await rollup(h.db)).length).toBeGreaterThan(0);
    await expectConsistent();
  });

  it('counts a single insert and a multi-row insert (same key twice, no operator, no line)', async () => {
    await h.db.insertInto('calls').values(call({ id: 'a0000000-0000-4000-8000-000000000001', duration_sec: 30 })).execute();
    await expectConsistent();
    await h.db.insertInto('calls').values([
      call({ duration_sec: 45 }),
      call({ duration_sec: 15 }),
      call({ user_id: null, outcome: 'missed', duration_sec: 0 }),
      call({ direction: 'outgoing', called_number: null, user_id: users[1] ?? null, started_at: '2025-06-11T08:00:00Z', duration_sec: 200 }),
    ]).execute();
    await expectConsistent();
    const day = (await rollup(h.db)).filter((r) => r.day === '2025-06-10' && r.user_id === users[0] && r.outcome === 'answered');
    expect(day).toEqual([{ day: '2025-06-10', user_id: users[0], direction: 'incoming', outcome: 'answered', called_number: '+74950000001', calls: 3, duration_sec: 90 }]);
  });

  it('moves calls an update changes (outcome, operator, day) and ignores one that changes nothing it counts', async () => {
    const id = 'a0000000-0000-4000-8000-000000000001';
    await h.db.updateTable('calls').set({ outcome: 'declined', duration_sec: 0 }).where('id', '=', id).execute();
    await expectConsistent();
    await h.db.updateTable('calls').set({ user_id: users[1] ?? null, started_at: new Date('2025-06-12T10:00:00Z') })
      .where('started_at', '>=', new Date('2025-06-10T00:00:00Z')).where('started_at', '<', new Date('2025-06-11T00:00:00Z')).execute();
    await expectConsistent();
    // Nothing is left on 10 June: the emptied keys are gone, not kept at 0.
    expect((await rollup(h.db)).filter((r) => r.day === '2025-06-10')).toEqual([]);
    const before = await rollup(h.db);
    await h.db.updateTable('calls').set({ note: 'перезвонить' }).where('started_at', '>=', new Date('2025-06-01T00:00:00Z')).execute();
    expect(await rollup(h.db)).toEqual(before);
  });

  it('subtracts deleted calls and drops keys left without calls', async () => {
    await h.db.deleteFrom('calls').where('direction', '=', 'outgoing').where('started_at', '=', new Date('2025-06-11T08:00:00Z')).execute();
    await expectConsistent();
    expect((await rollup(h.db)).filter((r) => r.day === '2025-06-11')).toEqual([]);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM call_stats_daily WHERE calls <= 0`.execute(h.db)).rows[0]?.n).toBe(0);
  });

  it('is rebuilt in a new zone: a call at 22:30 UTC is the next day in Moscow and the same day in UTC', async () => {
    await h.db.insertInto('calls').values(call({ started_at: '2025-07-01T22:30:00Z', called_number: '+74950000022', duration_sec: 77 })).execute();
    const at = async () => (await rollup(h.db)).filter((r) => r.called_number === '+74950000022').map((r) => r.day);
    expect(await at()).toEqual(['2025-07-02']);
    expect(await ensureCallRollupZone(h.db, 'Europe/Moscow')).toBe(false);
    expect(await ensureCallRollupZone(h.db, 'UTC')).toBe(true);
    expect(await zoneOf(h.db)).toBe('UTC');
    expect(await at()).toEqual(['2025-07-01']);
    await expectConsistent();
    expect(await ensureCallRollupZone(h.db, 'UTC')).toBe(false);
    // Writes after the rebuild count in the new zone.
    await h.db.insertInto('calls').values(call({ started_at: '2025-07-01T23:30:00Z', called_number: '+74950000022', duration_sec: 3 })).execute();
    expect(await at()).toEqual(['2025-07-01']);
    await expectConsistent();
    expect(await ensureCallRollupZone(h.db, 'Europe/Moscow')).toBe(true);
    expect(await at()).toEqual(['2025-07-02']);
    await expectConsistent();
  });

  it('a report after the working-hours zone changes counts the days of the new zone', async () => {
    const july = { from: '2025-07-01', to: '2025-07-02' };
    const days = async () => {
      const r = (await runTableReport(h.db, 'calls', july)) as Extract<TableReportResult, { report: 'calls' }>;
      return { zone: r.timeZone, rows: r.rows.map((x) => [x.day, x.incoming, x.answered]), total: r.totals && 'incoming' in r.totals ? r.totals.incoming : null };
    };
    expect(await days()).toEqual({ zone: 'Europe/Moscow', rows: [['2025-07-02', 2, 2]], total: 2 });
    const hours = (timeZone: string) => JSON.stringify({ timeZone, days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    await h.db.insertInto('settings').values({ key: 'working_hours', value: hours('UTC') })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: hours('UTC') })).execute();
    expect(await days()).toEqual({ zone: 'UTC', rows: [['2025-07-01', 2, 2]], total: 2 });
    expect(await zoneOf(h.db)).toBe('UTC');
    const talk = await runTableReport(h.db, 'handling-time', { ...july, operatorId: users[0] });
    expect(talk.totals).toMatchObject({ answeredCalls: 2, talkMinutes: 1.3 });
    await h.db.updateTable('settings').set({ value: hours('Europe/Moscow') }).where('key', '=', 'working_hours').execute();
    expect(await days()).toEqual({ zone: 'Europe/Moscow', rows: [['2025-07-02', 2, 2]], total: 2 });
  });
});
