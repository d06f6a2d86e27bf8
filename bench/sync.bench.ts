// `npm run bench -- sync [customers offers orders] [--db postgres|pglite]`: first sync of 1M
// customers + 500k offers + 200k orders from a real server (own process; PostgreSQL — what
// production runs — in a throwaway cluster, or PGlite in memory) into the real client cache
// through the real sync engine (own process), then the raw better-sqlite3 insert rate of the
// same rows in the same schema (own process) as the ceiling to compare with.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT, startTsProcess } from '../scripts/proc.js';
import { findPgBin, startThrowawayPostgres, type ThrowawayPostgres } from '../server/test/throwaway-postgres.js';

const argv = process.argv.slice(2);
const dbFlag = argv.indexOf('--db');
const dbKind = dbFlag >= 0 ? argv.splice(dbFlag, 2)[1] : 'postgres';
if (dbKind !== 'postgres' && dbKind !== 'pglite') throw new Error('--db must be postgres or pglite');
const [customers = 1_000_000, offers = 500_000, orders = 200_000] = argv.map(Number);
const args = [String(customers), String(offers), String(orders)];

function runChild(script: string, childArgs: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...childArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${out}`));
      resolve(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

/** CPU seconds and peak RSS of the PostgreSQL backends serving the bench database, now. */
async function backends(client: pg.Client): Promise<Map<number, { cpu: number; hwmMb: number }>> {
  const r = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const tick = 100; // USER_HZ on Linux
  const out = new Map<number, { cpu: number; hwmMb: number }>();
  for (const { pid } of r.rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const cpu = (Number(stat[11]) + Number(stat[12])) / tick;
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      out.set(pid, { cpu, hwmMb: Math.round(hwm) });
    } catch {
      // the backend ended meanwhile
    }
  }
  return out;
}

/**
 * Samples the backends every half second while the sync runs (the server's pool closes idle
 * connections, so the ones that served the pull may be gone at the end).
 */
async function watchBackends(url: string): Promise<() => Promise<{ cpu: number; rssMb: number }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let rssMb = 0;
  const sample = async () => {
    for (const [pid, b] of await backends(client)) {
      if (!first.has(pid)) first.set(pid, b.cpu);
      last.set(pid, b.cpu);
      rssMb = Math.max(rssMb, b.hwmMb);
    }
  };
  await sample();
  const before = new Set(first.keys());
  let busy = Promise.resolve();
  const timer = setInterval(() => (busy = busy.then(sample).catch(() => undefined)), 500);
  return async () => {
    clearInterval(timer);
    await busy;
    await sample();
    await client.end();
    let cpu = 0;
    // Backends that existed before the sync count from then; new ones from their start.
    for (const [pid, c] of last) cpu += c - (before.has(pid) ? (first.get(pid) ?? 0) : 0);
    return { cpu, rssMb };
  };
}

let cluster: ThrowawayPostgres | null = null;
let databaseUrl = '';
if (dbKind === 'postgres') {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql); run with --db pglite');
  cluster = await startThrowawayPostgres(bin, { shared_buffers: '256MB' });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE pult_bench');
  await admin.end();
  databaseUrl = cluster.url.replace(/\/postgres$/, '/pult_bench');
}

let client: Record<string, unknown>;
let serverRss = NaN;
let serverCpu = NaN;
let pgCpu = 0;
let pgRss = 0;
try {
  console.error(`seeding the server (${dbKind}) with ${customers} customers, ${offers} offers, ${orders} orders…`);
  const server = await startTsProcess({
    script: 'bench/support/sync-server.ts',
    args,
    env: { BENCH_DATABASE_URL: databaseUrl },
    readyPrefix: 'BENCH_SERVER_READY',
    timeoutMs: 900_000,
    echo: false,
  });
  try {
    const watching = databaseUrl ? await watchBackends(databaseUrl) : null;
    console.error('first sync…');
    client = await runChild('bench/support/sync-client.ts', [server.url]);
    if (watching) ({ cpu: pgCpu, rssMb: pgRss } = await watching());
  } finally {
    await server.stop();
  }
  serverRss = Number(/BENCH_SERVER_PEAK_RSS_MB (\d+)/.exec(server.output())?.[1] ?? NaN);
  serverCpu = Number(/BENCH_SERVER_SYNC_CPU_S ([\d.]+)/.exec(server.output())?.[1] ?? NaN);
} finally {
  await cluster?.stop();
}
console.error('raw insert of the same rows…');
const raw = await runChild('bench/support/raw-insert.ts', args);

const rowsByTable = client.rows as Record<string, number>;
const rows = Object.values(rowsByTable).reduce((a, b) => a + b, 0);
const expected = customers + offers + orders;
const seconds = Number(client.seconds);
const rowsPerS = Math.round(expected / seconds);
const rawRate = Number(raw.rows_per_s);
const cpu = { client: client.cpu_s, server: serverCpu, ...(dbKind === 'postgres' ? { postgres: Number(pgCpu.toFixed(1)) } : {}) };
console.log(`server on ${dbKind}: synced ${rows} rows (${JSON.stringify(rowsByTable)}) in ${seconds.toFixed(1)} s = ${rowsPerS} rows/s; raw insert ${rawRate} rows/s (${((100 * rowsPerS) / rawRate).toFixed(0)}%)`);
console.log(`CPU seconds during the sync: ${JSON.stringify(cpu)}; raw insert CPU ${String(raw.cpu_s)} s`);
console.log(`peak RSS: client ${String(client.peak_rss_mb)} MB, server ${serverRss} MB${dbKind === 'postgres' ? `, PostgreSQL backend ${pgRss} MB` : ''}`);
if (rows < expected) throw new Error(`only ${rows} of ${expected} bulk rows arrived`);
console.log(JSON.stringify({
  bench: 'sync',
  rows: expected,
  seconds: Number(seconds.toFixed(2)),
  rows_per_s: rowsPerS,
  raw_insert_rows_per_s: rawRate,
  ratio_to_raw: Number((rowsPerS / rawRate).toFixed(3)),
  peak_rss_mb: { client: client.peak_rss_mb, server: serverRss, ...(dbKind === 'postgres' ? { postgres: pgRss } : {}) },
  server_db: dbKind,
  cpu_s: cpu,
}));
