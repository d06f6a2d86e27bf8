// The sync bench's server: the real CRM server on PostgreSQL (BENCH_DATABASE_URL, an empty
// database) or on PGlite in memory, migrated, demo-seeded plus the bulk volume.
// Prints `BENCH_SERVER_READY <url>`; on SIGTERM prints its CPU seconds since then
// (`BENCH_SERVER_SYNC_CPU_S <s>`) and `BENCH_SERVER_PEAK_RSS_MB <n>`, and exits.
import { createServer } from '../../server/app.js';
import { openDatabase } from '../../server/db/database.js';
import { migrate } from '../../server/db/migrate.js';
import { seedDemo } from '../../server/seed/demo.js';
import { bulkSeed } from './bulk-seed.js';

const [customers = 1_000_000, offers = 500_000, orders = 200_000] = process.argv.slice(2).map(Number);
const database = openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL || undefined });
await migrate(database.db);
await seedDemo(database.db);
const t0 = Date.now();
await bulkSeed(database.db, { customers, offers, orders });
process.stderr.write(`bench server (${database.kind}): seeded ${customers + offers + orders} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
const app = createServer({ db: database.db, version: 'bench' });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const port = typeof addr === 'object' && addr ? addr.port : 0;
const cpuAtReady = process.cpuUsage();
process.stdout.write(`BENCH_SERVER_READY http://127.0.0.1:${port}\n`);
process.on('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtReady);
  process.stdout.write(`BENCH_SERVER_SYNC_CPU_S ${((cpu.user + cpu.system) / 1e6).toFixed(1)}\n`);
  process.stdout.write(`BENCH_SERVER_PEAK_RSS_MB ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
  void app.close().then(() => database.close()).finally(() => process.exit(0));
});
