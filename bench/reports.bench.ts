// `npm run bench -- reports [runs]`: every report over a year of data (200,000 orders with their
// stage history, 1,000,000 calls, 100,000 callbacks) on a throwaway Debian PostgreSQL, through
// the real HTTP endpoint as a supervisor. Each report runs `runs` times (after a warm-up) over
// the whole year, and `runs` times with the default filters (the last 30 days); the weekly
// partner report over last week. p95 per report and period, target ≤ 500 ms for every one.
// BENCH_EXPLAIN=1 logs every plan slower than 50 ms (auto_explain) and prints them at the end.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { LoginResponse } from '../core/http.js';
import { ReportName, reportPath } from '../core/reports.js';
import { createServer } from '../server/app.js';
import { openDatabase } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { seedDemoCatalog } from '../server/seed/catalog.js';
import { seedDemo } from '../server/seed/demo.js';
import { findPgBin, startThrowawayPostgres } from '../server/test/throwaway-postgres.js';
import { percentile } from './stats.js';
import { generateReportData } from './support/report-data.js';

const RUNS = Number(process.argv[2] ?? 20);
const COUNTS = { orders: 200_000, calls: 1_000_000, customers: 100_000, callbacks: 100_000, operators: 30, technicians: 15 };
const TARGET_MS = 500;
const log = (m: string) => process.stderr.write(`${m}\n`);
const explain = process.env.BENCH_EXPLAIN === '1';

const bin = findPgBin();
if (!bin) throw new Error('the reports bench needs Debian PostgreSQL (apt install postgresql)');
const pg = await startThrowawayPostgres(bin, explain
  ? { shared_preload_libraries: 'auto_explain', 'auto_explain.log_min_duration': '50', 'auto_explain.log_analyze': 'on', 'auto_explain.log_buffers': 'on' }
  : {});
// An interrupted run must not leave the cluster behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void pg.stop().finally(() => process.exit(130)));
const database = openDatabase({ databaseUrl: pg.url });
const app = createServer({ db: database.db, version: 'bench' });
try {
  await migrate(database.db);
  await seedDemo(database.db);
  await seedDemoCatalog(database.db);
  log(`generating a year of data (${COUNTS.orders} orders, ${COUNTS.calls} calls)…`);
  const t0 = Date.now();
  const { history } = await generateReportData(database.db, COUNTS);
  log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${history} stage changes`);

  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'supervisor', password: 'demo' }) });
  const { token } = LoginResponse.parse(await login.json());

  async function time(url: string): Promise<{ ms: number; rows: number }> {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { rows?: unknown[] };
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
    return { ms, rows: body.rows?.length ?? 0 };
  }

  // Other work on the machine slows every figure; the run records how busy it was.
  const loadBefore = loadavg()[0] ?? 0;
  const p95: Record<string, number> = {};
  const p50: Record<string, number> = {};
  const monthP95: Record<string, number> = {};
  const today = new Date();
  const yearAgo = new Date(today.getTime() - 364 * 86_400_000);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(d);
  async function sample(url: string): Promise<{ samples: number[]; rows: number }> {
    await time(url); // warm-up: plan cache, buffers
    await time(url);
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await time(url);
      samples.push(r.ms);
      rows = r.rows;
    }
    return { samples, rows };
  }
  for (const name of ReportName.options) {
    const url = `${base}${reportPath(name)}`;
    // The partner report is a week by definition; every other report is asked for the whole year.
    const year = await sample(name === 'partner-weekly' ? url : `${url}?from=${day(yearAgo)}&to=${day(today)}`);
    p95[name] = percentile(year.samples, 95);
    p50[name] = percentile(year.samples, 50);
    const month = name === 'partner-weekly' ? null : await sample(url);
    if (month) monthP95[name] = percentile(month.samples, 95);
    log(`${name.padEnd(24)} ${String(year.rows).padStart(4)} rows  p50 ${p50[name]} ms  p95 ${p95[name]} ms${month ? `   (last 30 days p95 ${monthP95[name]} ms)` : ''}`);
  }
  const maxP95 = Math.max(...Object.values(p95), ...Object.values(monthP95));
  const load = { cpus: cpus().length, load1_before: Number(loadBefore.toFixed(2)), load1_after: Number((loadavg()[0] ?? 0).toFixed(2)) };
  log(`machine: ${load.cpus} CPUs, 1-minute load average ${load.load1_before} before the timed runs, ${load.load1_after} after`);
  log(`max p95 ${maxP95} ms (target ≤ ${TARGET_MS} ms): ${maxP95 <= TARGET_MS ? 'ok' : 'MISSED'}`);
  if (explain) log(`\n--- auto_explain (plans ≥ 50 ms) ---\n${readFileSync(pg.logFile, 'utf8').split('\n').filter((l) => !/checkpoint/.test(l)).join('\n')}`);
  console.log(JSON.stringify({
    bench: 'reports', orders: COUNTS.orders, calls: COUNTS.calls, callbacks: COUNTS.callbacks, stage_changes: history,
    runs: RUNS, period: 'whole year (partner-weekly: last week)', p95_ms: p95, p50_ms: p50, last_30_days_p95_ms: monthP95, max_p95_ms: maxP95, target_ms: TARGET_MS, ...load,
  }));
} finally {
  await app.close();
  await database.close();
  await pg.stop();
}
