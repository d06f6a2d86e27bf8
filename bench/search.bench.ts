// Catalog prefix search in the local cache while the operator talks: 500,000 offers pulled
// through the real applyChanges path (bulk mode, as a first sync), then prefix queries as typed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCache } from '../db/cache.js';
import type { Change } from '../core/sync.js';
import { peakRssMb, percentile } from './stats.js';

const OFFERS = Number(process.argv[2] ?? 500_000);
const QUERIES = 1_000;

const KINDS = ['Смеситель', 'Унитаз', 'Раковина', 'Ванна', 'Душевая кабина', 'Полотенцесушитель', 'Водонагреватель', 'Сифон', 'Фильтр', 'Насос', 'Радиатор', 'Инсталляция', 'Лампа', 'Фара', 'Фонарь', 'Линза', 'Корректор фар', 'Кран шаровой', 'Гофра', 'Трап'];
const BRANDS = ['Grohe', 'Hansgrohe', 'Cersanit', 'Jacob Delafon', 'Roca', 'Thermex', 'Ariston', 'Aquaphor', 'Wilo', 'Osram', 'Philips', 'Hella', 'Bosch', 'Vitra', 'Iddis', 'Santek', 'Terminus', 'Rifar', 'Valtec', 'Lemark'];
const TRAITS = ['для кухни', 'для ванной', 'настенный', 'напольный', 'с гигиеническим душем', 'хромированный', 'белый', 'чёрный матовый', 'компакт', 'подвесной', 'светодиодная', 'галогенная', 'левая', 'правая', 'комплект'];

// A small deterministic generator, so every run measures the same catalog.
let seed = 42;
const rnd = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed % n;
};
const pick = <T>(list: readonly T[]): T => list[rnd(list.length)] as T;

const dir = mkdtempSync(path.join(tmpdir(), 'pult-bench-search-'));
const cache = openCache(path.join(dir, 'cache.sqlite'));
try {
  const t0 = performance.now();
  const BATCH = 5_000;
  cache.beginBulkLoad(); // as a first sync does: index once at the end
  for (let start = 0; start < OFFERS; start += BATCH) {
    const page: Change[] = [];
    for (let i = start; i < Math.min(OFFERS, start + BATCH); i++) {
      const id = `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
      page.push({
        entity: 'offers',
        op: 'upsert',
        version: i + 1,
        data: { id, sku: `${pick(BRANDS).slice(0, 4).toUpperCase()}-${100_000 + i}`, name: `${pick(KINDS)} ${pick(BRANDS)} ${pick(TRAITS)} ${10 + rnd(190)}`, prices: { '*': 10_000 + rnd(5_000_000) }, stock: rnd(50), updatedAt: '2026-11-01T00:00:00.000Z' },
      });
    }
    cache.applyChanges(page, Math.min(OFFERS, start + BATCH));
  }
  cache.endBulkLoad();
  const loadSeconds = (performance.now() - t0) / 1000;
  console.log(`loaded ${OFFERS} offers in ${loadSeconds.toFixed(1)} s`);

  // What operators type: the first 3–6 letters of a product kind, sometimes with a brand prefix.
  const queries: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const kind = pick(KINDS).split(' ')[0] ?? '';
    const q = kind.slice(0, 3 + rnd(4));
    queries.push(rnd(2) === 0 ? q : `${q} ${pick(BRANDS).slice(0, 2 + rnd(3))}`);
  }
  for (const q of queries.slice(0, 20)) cache.searchOffers(q, 20); // warm the page cache
  const samples: number[] = [];
  let found = 0;
  for (const q of queries) {
    const s = performance.now();
    found += cache.searchOffers(q, 20).length;
    samples.push(performance.now() - s);
  }
  console.log(`${QUERIES} queries, ${(found / QUERIES).toFixed(1)} results each on average`);
  console.log(
    JSON.stringify({
      bench: 'search',
      offers: OFFERS,
      queries: QUERIES,
      p50_ms: percentile(samples, 50),
      p95_ms: percentile(samples, 95),
      p99_ms: percentile(samples, 99),
      load_seconds: Number(loadSeconds.toFixed(1)),
      peak_rss_mb: peakRssMb(),
    }),
  );
} finally {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
}
