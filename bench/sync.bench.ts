// `npm run bench -- sync [customers offers orders]`: first sync of 1M customers + 500k offers +
// 200k orders from a real server (own process, PGlite in memory) into the real client cache
// through the real sync engine (own process), then the raw better-sqlite3 insert rate of the
// same rows in the same schema (own process) as the ceiling to compare with.
import { startTsProcess } from '../scripts/proc.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../scripts/proc.js';

const counts = process.argv.slice(2).map(Number);
const [customers = 1_000_000, offers = 500_000, orders = 200_000] = counts;
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

console.error(`seeding the server with ${customers} customers, ${offers} offers, ${orders} orders…`);
const server = await startTsProcess({ script: 'bench/support/sync-server.ts', args, readyPrefix: 'BENCH_SERVER_READY', timeoutMs: 600_000, echo: false });
let client: Record<string, unknown>;
try {
  console.error('first sync…');
  client = await runChild('bench/support/sync-client.ts', [server.url]);
} finally {
  await server.stop();
}
const serverRss = Number(/BENCH_SERVER_PEAK_RSS_MB (\d+)/.exec(server.output())?.[1] ?? NaN);
console.error('raw insert of the same rows…');
const raw = await runChild('bench/support/raw-insert.ts', args);

const rowsByTable = client.rows as Record<string, number>;
const rows = Object.values(rowsByTable).reduce((a, b) => a + b, 0);
const expected = customers + offers + orders;
const seconds = Number(client.seconds);
const rowsPerS = Math.round(expected / seconds);
const rawRate = Number(raw.rows_per_s);
console.log(`synced ${rows} rows (${JSON.stringify(rowsByTable)}) in ${seconds.toFixed(1)} s = ${rowsPerS} rows/s; raw insert ${rawRate} rows/s (${((100 * rowsPerS) / rawRate).toFixed(0)}%)`);
console.log(`peak RSS: client ${String(client.peak_rss_mb)} MB, server ${serverRss} MB`);
if (rows < expected) throw new Error(`only ${rows} of ${expected} bulk rows arrived`);
console.log(JSON.stringify({
  bench: 'sync',
  rows: expected,
  seconds: Number(seconds.toFixed(2)),
  rows_per_s: rowsPerS,
  raw_insert_rows_per_s: rawRate,
  ratio_to_raw: Number((rowsPerS / rawRate).toFixed(3)),
  peak_rss_mb: { client: client.peak_rss_mb, server: serverRss },
}));
