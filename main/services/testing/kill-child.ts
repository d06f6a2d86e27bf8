// The kill test's victim: the real main-side services (app core, cache, sync engine) doing
// offline work as fast as they can. After each change is acknowledged (the handler returned,
// so the outbox row is committed) it writes `ACK <kind> <key>` with a synchronous write, so
// the parent never hears of a change that was not committed. Usage:
//   tsx kill-child.ts DATA_DIR SERVER_URL RUN [--drain]
// --drain: log in if needed, sync until nothing is pending, print DRAINED and exit.
import fs from 'node:fs';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { MethodName, MethodOutput } from '../../../core/contract.js';
import { reasonsFor } from '../../../core/reasons.js';
import { createAppCore } from '../app-core.js';

const [dataDir, serverUrl, run = '0', mode] = process.argv.slice(2);
if (!dataDir || !serverUrl) throw new Error('usage: kill-child.ts DATA_DIR SERVER_URL RUN [--drain]');
const core = createAppCore({
  dataDir,
  mode: 'web',
  defaultServerUrl: serverUrl,
  logger: pino({ level: 'silent' }),
  sync: { live: false, periodMs: 150, reconnectMinMs: 100 },
  client: { timeoutMs: 2_000, syncTimeoutMs: 4_000 }, // a busy 2-core CI box can take over 500 ms to log in (argon2)
  // Set when this file runs bundled (the test bundles it once so each start is fast).
  ...(process.env.PULT_MIGRATIONS_DIR ? { migrationsDir: process.env.PULT_MIGRATIONS_DIR } : {}),
});
const out = (line: string) => fs.writeSync(1, `${line}\n`);

async function call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
  const r = await core.handle(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as MethodOutput<M>;
}

await core.ready;
if (!(await call('session.current', {}))) await call('session.login', { serverUrl, login: 'operator', password: 'demo' });
if (mode === '--drain') {
  for (let i = 0; i < 200; i++) {
    const s = await call('sync.now', {});
    if (s.state === 'idle' && s.pending === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  out(`DRAINED ${JSON.stringify(await call('sync.status', {}))}`);
  await core.close();
  process.exit(0);
}
const orders = (await call('orders.list', { scope: 'all' })).map((o) => o.order.id);
out('READY x');
for (let n = 0; ; n++) {
  const orderId = orders[n % orders.length];
  if (!orderId) throw new Error('no orders in the cache');
  const pick = n % 3;
  if (pick === 0) {
    const text = `kill ${run}.${n}`;
    await call('orders.addNote', { orderId, text });
    out(`ACK note ${text}`);
  } else if (pick === 1) {
    const id = uuidv7();
    await call('calls.log', { id, direction: 'incoming', outcome: 'answered', phone: null, customerId: null, orderId, startedAt: new Date().toISOString(), durationSec: n, note: '' });
    out(`ACK call ${id}`);
  } else {
    const d = await call('orders.get', { id: orderId });
    const to = d.nextStages[0];
    if (to) {
      // A failed close names one of the operator's reasons, as the reason picker does.
      const reason = to.kind === 'failure' ? reasonsFor('operator')[0]?.code : undefined;
      await call('orders.changeStage', { orderId, toStageId: to.id, ...(reason ? { reason } : {}) });
      out(`ACK stage ${orderId}`);
    }
  }
}
