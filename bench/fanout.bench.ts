// `npm run bench -- fanout [clients]`: 200 connected clients (the real sync engine, SQLite cache
// and live WebSocket each) on one server (own process, PGlite, demo data); one stage change is
// pushed and we time until every client has it in its cache. Repeated a few times.
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { LoginResponse, PullResponse, PushResponse, type Order } from '../core/index.js';
import { openCache, type Cache } from '../db/cache.js';
import { createServerClient } from '../main/services/server-client.js';
import { createSyncEngine, type SyncEngine } from '../main/services/sync-engine.js';
import { freePort, startServer } from '../scripts/proc.js';
import { peakRssMb, percentile } from './stats.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const N = Number(process.argv[2] ?? 200);
const ROUNDS = 5;
const dir = mkdtempSync(path.join(tmpdir(), 'pult-bench-fanout-'));
const server = await startServer({ port: await freePort(), dataDir: path.join(dir, 'server') });
const logger = pino({ level: 'silent' });

async function login(name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: name, password: 'demo' }) });
  return LoginResponse.parse(await res.json()).token;
}

const clients: { cache: Cache; engine: SyncEngine; onData: (() => void) | null }[] = [];
const samples: number[] = [];
try {
  const token = await login('operator2');
  for (let i = 0; i < N; i++) {
    const client = createServerClient(server.url);
    client.setToken(token);
    const cache = openCache(':memory:');
    const c: (typeof clients)[number] = { cache, engine: null as unknown as SyncEngine, onData: null };
    c.engine = createSyncEngine({ cache, client, logger, periodMs: 3_600_000, onStatus: () => undefined, onDataChanged: () => c.onData?.() });
    clients.push(c);
  }
  for (const c of clients) c.engine.start();
  await Promise.all(clients.map((c) => c.engine.syncNow()));
  await new Promise((r) => setTimeout(r, 2_000)); // every socket connected and said hello

  const actor = await login('supervisor');
  const page = PullResponse.parse(await (await fetch(`${server.url}/api/sync/pull?limit=10000`, { headers: { authorization: `Bearer ${actor}` } })).json());
  const orders = page.changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'orders' && c.data.pipelineId === 'delivery' ? [c.data] : []));
  const device = uuidv7();
  let order: Order | undefined = orders.find((o) => o.stageId === 'new');
  if (!order) throw new Error('no new delivery order');
  const path2 = ['no_answer', 'new'];
  for (let round = 0; round < ROUNDS * 2; round++) {
    const to = path2[round % 2]!;
    const id: string = order.id;
    const seen = new Array<number>(N).fill(-1);
    let done = 0;
    let t0 = 0;
    const all = new Promise<void>((resolve) => {
      clients.forEach((c, i) => {
        c.onData = () => {
          if (seen[i]! >= 0) return;
          if (c.cache.getServerOrder(id)?.stageId === to) {
            seen[i] = performance.now() - t0;
            if (++done === N) resolve();
          }
        };
      });
    });
    t0 = performance.now();
    const res = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${actor}` },
      body: JSON.stringify({ deviceId: device, mutations: [{ id: uuidv7(), seq: round + 1, createdAt: new Date().toISOString(), name: 'orders.changeStage', args: { orderId: id, toStageId: to, baseVersion: order.version } }] }),
    });
    const pushed = PushResponse.parse(await res.json());
    if (pushed.results[0]?.status !== 'applied') throw new Error(`push ${JSON.stringify(pushed.results[0])}`);
    await Promise.race([all, new Promise((r) => setTimeout(r, 10_000))]);
    if (done < N) throw new Error(`only ${done} of ${N} clients got the change`);
    samples.push(...seen);
    order = clients[0]!.cache.getServerOrder(id) ?? order;
    console.log(`round ${round + 1}: all ${N} clients applied it; p95 ${percentile(seen, 95)} ms, max ${percentile(seen, 100)} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
} finally {
  await Promise.all(clients.map((c) => c.engine.stop()));
  for (const c of clients) c.cache.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ bench: 'fanout', clients: N, changes: ROUNDS * 2, p50_ms: percentile(samples, 50), p95_ms: percentile(samples, 95), max_ms: percentile(samples, 100), peak_rss_mb: peakRssMb() }));
