// The architecture's second hot path: an operator's stage change.
//   local_ack: button → main side → outbox + optimistic change committed (what the UI waits for)
//   confirmed: the same change pushed, applied by the server and pulled back (pending = 0)
// Real server (embedded PGlite, demo data, HTTP on loopback) and the real main-side services.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { OrderListItem, SyncStatus } from '../core/contract.js';
import { createAppCore } from '../main/services/app-core.js';
import { createServer } from '../server/app.js';
import { openDatabase } from '../server/db/database.js';
import { silentLogger } from '../server/logger.js';
import { migrate } from '../server/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo.js';
import { peakRssMb, percentile } from './stats.js';

const CHANGES = Number(process.argv[2] ?? 200);
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const database = openDatabase();
await migrate(database.db);
await seedDemo(database.db);
const server = createServer({ db: database.db, version: 'bench', logger: silentLogger() });
const serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
const dir = mkdtempSync(path.join(tmpdir(), 'pult-bench-'));
const core = createAppCore({ dataDir: dir, mode: 'web', defaultServerUrl: serverUrl, logger: silent });

async function call(method: Parameters<typeof core.handle>[0], input: unknown): Promise<unknown> {
  const r = await core.handle(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function settled(): Promise<void> {
  for (;;) {
    const s = SyncStatus.parse(await call('sync.now', {}));
    if (s.pending === 0 && s.state === 'idle') return;
    await new Promise((r) => setTimeout(r, 1));
  }
}

try {
  await call('session.login', { serverUrl, login: 'operator', password: DEMO_PASSWORD });
  await settled();
  const list = OrderListItem.array().parse(await call('orders.list', { scope: 'mine' }));
  const order = list.find((i) => i.order.pipelineId === 'delivery' && i.order.stageId === 'new')?.order;
  if (!order) throw new Error('no delivery order in stage «new» for the demo operator');

  const ack: number[] = [];
  const confirmed: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const to = i % 2 === 0 ? 'no_answer' : 'new';
    const t0 = performance.now();
    await call('orders.changeStage', { orderId: order.id, toStageId: to });
    ack.push(performance.now() - t0);
    await settled();
    confirmed.push(performance.now() - t0);
  }
  console.log(`${CHANGES} stage changes, local ack p95 ${percentile(ack, 95)} ms, confirmed p95 ${percentile(confirmed, 95)} ms`);
  console.log(
    JSON.stringify({
      bench: 'stage-change',
      changes: CHANGES,
      local_ack_p50_ms: percentile(ack, 50),
      local_ack_p95_ms: percentile(ack, 95),
      confirmed_p50_ms: percentile(confirmed, 50),
      confirmed_p95_ms: percentile(confirmed, 95),
      peak_rss_mb: peakRssMb(),
    }),
  );
} finally {
  await core.close();
  await server.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
