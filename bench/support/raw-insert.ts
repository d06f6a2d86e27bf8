// The ceiling: better-sqlite3 inserting the same rows into the same cache schema with the same
// prepared upserts, 5,000 per transaction, with nothing else going on (no network, no parsing).
// Rows are built before the clock starts. Prints {rows, seconds, rows_per_s}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCache } from '../../db/cache.js';
import type { Change } from '../../core/sync.js';

const [customers = 1_000_000, offers = 500_000, orders = 200_000] = process.argv.slice(2).map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-bench-raw-'));
const cache = openCache(path.join(dir, 'cache.sqlite'));
const id = (k: string, n: number) => {
  const h = `${k}${n.toString(16)}`.padStart(32, '0').slice(-32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const now = new Date().toISOString();
const CHUNK = 5_000;
let version = 0;
let rows = 0;
let seconds = 0;

function run(make: (g: number) => Change, count: number): void {
  for (let start = 1; start <= count; start += CHUNK) {
    const page: Change[] = [];
    for (let g = start; g < Math.min(count + 1, start + CHUNK); g++) page.push(make(g));
    const t0 = performance.now();
    cache.applyChanges(page, version);
    seconds += (performance.now() - t0) / 1000;
    rows += page.length;
  }
}
run((g) => ({ entity: 'customers', op: 'upsert', version: ++version, data: {
  id: id('c', g), name: `Клиент ${g}`, phone: `+7900${String(g).padStart(7, '0')}`, phoneRaw: `8 900 ${String(g).padStart(7, '0')}`,
  email: g % 3 === 0 ? `client${g}@example.ru` : null, city: 'Москва', partnerNumber: g % 5 === 0 ? `P-${g}` : null,
  notes: g % 7 === 0 ? 'Постоянный клиент, звонить днём' : '', updatedAt: now } }), customers);
run((g) => ({ entity: 'offers', op: 'upsert', version: ++version, data: {
  id: id('a', g), sku: `SKU-${String(g).padStart(7, '0')}`, name: `Товар ${g} (комплект)`, prices: { '*': 10_000 + (g % 90_000), Москва: 12_000 + (g % 90_000) },
  stock: g % 500, updatedAt: now } }), offers);
run((g) => ({ entity: 'orders', op: 'upsert', version: ++version, data: {
  id: id('b', g), number: `Б-${g}`, customerId: id('c', 1 + (g % customers)), pipelineId: 'delivery', stageId: 'new', operatorId: null,
  technicianId: null, title: `Заказ ${g}`, amountKopecks: 100 * (g % 50_000), city: 'Москва', address: `ул. Ленина, д. ${g % 200}`,
  channel: 'phone', notes: '', version, createdAt: now, updatedAt: now } }), orders);
cache.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ rows, seconds, rows_per_s: Math.round(rows / seconds) })}\n`);
