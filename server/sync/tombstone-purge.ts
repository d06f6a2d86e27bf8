// The tombstone purge as a background job: once at start, then daily. Tombstones must outlive
// the longest offline period (TOMBSTONE_DAYS); a client offline for longer is told to rebuild
// its cache, after pushing its outbox, so no pending change is lost (see the sync engine).
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { periodic } from '../jobs/periodic.js';
import { purgeTombstones } from './pull.js';

export const DEFAULT_TOMBSTONE_DAYS = 90;
const DAY_MS = 86_400_000;

export function createTombstonePurge(db: Db, logger: Logger, days: number = DEFAULT_TOMBSTONE_DAYS, clock: () => Date = () => new Date()) {
  const job = periodic('tombstone purge', logger, async () => {
    const purged = await purgeTombstones(db, days, clock());
    if (purged > 0) logger.info({ purged, days }, 'old tombstones purged');
    return purged;
  });
  return {
    run: () => job.run(),
    start(intervalMs = DAY_MS): void {
      void job.run().catch((e: unknown) => logger.error({ err: e }, 'tombstone purge failed'));
      job.start(intervalMs);
    },
    stop: () => job.stop(),
  };
}
