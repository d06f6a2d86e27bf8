// The daily call rollup (call_stats_daily, migration *_call_rollups.sql) counts calls by calendar day in one
// zone, kept by triggers on calls. The call reports read it in the site's zone, so when the
// working-hours zone changes the rollup is rebuilt, once, by the first report that notices.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Makes the rollup count days in `timeZone`. Equal (the usual case): one SELECT. Otherwise one
 * transaction re-checks under the zone row's lock (two reports may race; the second finds the work
 * done), stores the zone, and regroups every call. Writers of calls read the zone row FOR SHARE, so
 * they wait for the rebuild and then count in the new zone.
 * Returns whether it rebuilt.
 */
export async function ensureCallRollupZone(db: Db, timeZone: string): Promise<boolean> {
  const current = await db.selectFrom('report_rollup_zone').select('zone').executeTakeFirst();
  if (current?.zone === timeZone) return false;
  return db.transaction().execute(async (trx) => {
    // An update that waited for another rebuild re-reads the row and skips it if already done.
    const moved = await trx.updateTable('report_rollup_zone').set({ zone: timeZone }).where('zone', '<>', timeZone).executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return false;
    await trx.deleteFrom('call_stats_daily').execute();
    await sql`SELECT call_stats_fill()`.execute(trx);
    return true;
  });
}
