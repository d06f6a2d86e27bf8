// The ceiling: better-sqlite3 storing the same rows the server sends (same ids, values and
// JSON) into the same cache schema the way a first sync stores them (bulk mode, pages of the
// engine's pull size, one transaction each, the cache's prepared statements, the final
// indexing), with nothing else going on: no network, no parsing, no validation. Rows are
// built outside the clock. Prints {rows, seconds, cpu_s, rows_per_s}.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCache } from '../../db/cache.js';
import type { Change } from '../../core/sync.js';
import { DEFAULT_PULL_LIMIT } from '../../main/services/sync-engine.js';

const [customers = 1_000_000, offers = 500_000, orders = 200_000] = process.argv.slice(2).map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-bench-raw-'));
const cache = openCache(path.join(dir, 'cache.sqlite'));
/** The same UUID bench/support/bulk-seed.ts derives in SQL from the same seed text. */
const uuidOf = (seed: string) => {
  const h = createHash('md5').update(seed).digest('hex');
  const u = `${h.slice(0, 12)}7${h.slice(13, 16)}8${h.slice(17, 32)}`;
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
};
const CITIES = ['Москва', 'Казань', 'Тверь', 'Самара'];
const now = new Date().toISOString();
let version = 0;
let rows = 0;
let seconds = 0;
const cpu = { user: 0, system: 0 };

function timed(f: () => void): void {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  cpu.user += c.user;
  cpu.system += c.system;
  seconds += (performance.now() - t0) / 1000;
}

function run(make: (g: number) => Change, count: number): void {
  for (let start = 1; start <= count; start += DEFAULT_PULL_LIMIT) {
    const page: Change[] = [];
    for (let g = start; g < Math.min(count + 1, start + DEFAULT_PULL_LIMIT); g++) page.push(make(g));
    timed(() => cache.applyChanges(page, version));
    rows += page.length;
  }
}
timed(() => cache.beginBulkLoad());
run((g) => ({ entity: 'customers', op: 'upsert', version: ++version, data: {
  id: uuidOf(`c${g}`), name: `Клиент ${g}`, phone: `+7900${String(g).padStart(7, '0')}`, phoneRaw: `8 900 ${String(g).padStart(7, '0')}`,
  email: g % 3 === 0 ? `client${g}@example.ru` : null, city: CITIES[g % 4] ?? null, partnerNumber: g % 5 === 0 ? `P-${g}` : null,
  notes: g % 7 === 0 ? 'Постоянный клиент, звонить днём' : '', updatedAt: now } }), customers);
run((g) => ({ entity: 'offers', op: 'upsert', version: ++version, data: {
  id: uuidOf(`o${g}`), sku: `SKU-${String(g).padStart(7, '0')}`, name: `Товар ${g} (комплект)`, prices: { '*': 10_000 + (g % 90_000), Москва: 12_000 + (g % 90_000) },
  stock: g % 500, updatedAt: now } }), offers);
run((g) => ({ entity: 'orders', op: 'upsert', version: ++version, data: {
  id: uuidOf(`r${g}`), number: `Б-${g}`, customerId: uuidOf(`c${1 + (g % customers)}`), pipelineId: 'delivery', stageId: 'new', operatorId: null,
  technicianId: null, title: `Заказ ${g}`, amountKopecks: 100 * (g % 50_000), city: 'Москва', address: `ул. Ленина, д. ${g % 200}`,
  channel: 'phone', notes: '', version, createdAt: now, updatedAt: now } }), orders);
timed(() => cache.endBulkLoad());
cache.close();
fs.rmSync(dir, { recursive: true, force: true });
const cpuS = (cpu.user + cpu.system) / 1e6;
process.stdout.write(`${JSON.stringify({ rows, seconds, cpu_s: Number(cpuS.toFixed(1)), rows_per_s: Math.round(rows / seconds) })}\n`);
