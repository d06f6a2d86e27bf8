// The sync bench's client: the real main-side sync engine and SQLite cache doing a first sync.
// Prints one JSON line {rows, seconds, cpu_s, peak_rss_mb}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openCache } from '../../db/cache.js';
import { createServerClient } from '../../main/services/server-client.js';
import { createSyncEngine } from '../../main/services/sync-engine.js';

const url = process.argv[2];
if (!url) throw new Error('usage: sync-client.ts URL');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-bench-sync-'));
const client = createServerClient(url, { syncTimeoutMs: 120_000 });
const login = await client.login('supervisor', 'demo');
client.setToken(login.token);
const cache = openCache(path.join(dir, 'cache.sqlite'));
let lastProgress = 0;
const engine = createSyncEngine({
  cache,
  client,
  logger: pino({ level: 'warn' }),
  live: false,
  periodMs: 3_600_000,
  onStatus: (s) => {
    if (s.progress && s.progress.done - lastProgress >= 200_000) {
      lastProgress = s.progress.done;
      process.stderr.write(`  progress ${s.progress.done} / ${s.progress.total}\n`);
    }
  },
  onDataChanged: () => undefined,
});
const t0 = performance.now();
const cpu0 = process.cpuUsage();
engine.start();
const status = await engine.syncNow();
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
await engine.stop();
if (status.state !== 'idle') throw new Error(`sync ended ${status.state}: ${JSON.stringify(status.lastError)}`);
const count = (t: string) => (cache.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
const rows = { customers: count('customers'), offers: count('offers'), orders: count('orders') };
cache.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ rows, seconds, cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
