// The scheduled tombstone purge: old deletes go at start and then daily, the horizon follows.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { reserveVersion } from '../db/versions.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { createTombstonePurge } from './tombstone-purge.js';

describe.each(DB_KINDS)('tombstone purge on %s', (kind) => {
  const h = useServer(kind, { seed: false });

  async function tombstone(daysAgo: number): Promise<number> {
    return h.db.transaction().execute(async (trx) => {
      const v = await reserveVersion(trx);
      await trx.insertInto('tombstones').values({ entity: 'calls', id: uuidv7(), version: v, deleted_at: new Date(Date.now() - daysAgo * 86_400_000) }).execute();
      return v;
    });
  }
  const horizon = async () => Number((await h.db.selectFrom('sync_counter').select('tombstone_horizon').executeTakeFirstOrThrow()).tombstone_horizon);
  const left = async () => (await h.db.selectFrom('tombstones').select('version').orderBy('version').execute()).map((r) => Number(r.version));

  it('purges at start, then on its interval, only what is older than the setting', async () => {
    const old1 = await tombstone(200);
    const old2 = await tombstone(31);
    const fresh = await tombstone(1);
    let now = new Date();
    const purge = createTombstonePurge(h.db, silentLogger(), 30, () => now);
    purge.start(40);
    try {
      for (let i = 0; i < 100 && (await left()).length > 1; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await left()).toEqual([fresh]);
      expect(await horizon()).toBe(Math.max(old1, old2));
      // Two days later the fresh one is still younger than 30 days; 40 days later it goes.
      now = new Date(Date.now() + 2 * 86_400_000);
      expect(await purge.run()).toBe(0);
      now = new Date(Date.now() + 40 * 86_400_000);
      for (let i = 0; i < 100 && (await left()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await left()).toEqual([]);
      expect(await horizon()).toBe(fresh);
    } finally {
      await purge.stop();
    }
  });
});
