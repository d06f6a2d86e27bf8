// `npm run bench -- screenpop [calls]`: with 1,000,000 customers in the local cache, time from
// the INVITE reaching the client to the customer card painted, over real calls: sipp (PSTN
// caller, plain RTP) -> Kamailio -> the real renderer's SIP.js in Debian Chromium -> lookup over
// the real browser-mode bridge -> SQLite index -> React commit -> next frame.
//   t0 = performance.now() when the INVITE text arrives from the WebSocket (transport hook),
//   t1 = performance.now() in a setTimeout(0) after the requestAnimationFrame following the
//        commit of the card (i.e. after the frame with the card was produced).
// Both marks are taken in the page, so Playwright's own latency is not in the figure.
// In the same run, the same lookups as HTTP round trips to a CRM server holding the same
// 1,000,000 customers (PGlite, `GET /api/customers/by-phone`) — what CRM-side integrations do.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { openCache } from '../db/cache.js';
import { LoginResponse, API } from '../core/http.js';
import type { Change } from '../core/sync.js';
import { startSipp } from '../e2e/telephony/bench.js';
import { startTsProcess, type Started } from '../scripts/proc.js';
import { percentile } from './stats.js';
import { startPultBench } from './support/pult-page.js';

const CUSTOMERS = 1_000_000;
const CALLS = Number(process.argv[2] ?? 200);
const log = (m: string) => process.stderr.write(`${m}\n`);

const phoneOf = (g: number) => `+7900${String(g).padStart(7, '0')}`;
/** The caller ID as the PBX sends it, in the four Russian habits. */
function callerIdOf(g: number, i: number): string {
  const e = phoneOf(g);
  switch (i % 4) {
    case 0: return e;
    case 1: return `8${e.slice(2)}`;
    case 2: return e.slice(1);
    default: return e.slice(2);
  }
}

log(`starting the CRM server with ${CUSTOMERS} customers (PGlite, for the HTTP comparison)…`);
const bigServerP: Promise<Started> = startTsProcess({ script: 'bench/support/sync-server.ts', args: [String(CUSTOMERS), '0', '0'], readyPrefix: 'BENCH_SERVER_READY', timeoutMs: 600_000 });
log('starting Kamailio, rtpengine, the app server, the web host and Chromium…');
const b = await startPultBench();
let bigServer: Started | undefined;
try {
  // 1M customers into the operator's cache file through the db/ module (prepared statements,
  // one transaction), while the web host has the same file open (SQLite WAL, two processes).
  const cacheFile = readdirSync(b.hostDataDir).find((f) => /^cache-.*\.sqlite$/.test(f));
  if (!cacheFile) throw new Error('no cache file after login');
  const cache = openCache(path.join(b.hostDataDir, cacheFile));
  const t0 = Date.now();
  const now = new Date().toISOString();
  const cursor = cache.syncState().cursor;
  cache.transaction(() => {
    for (let start = 1; start <= CUSTOMERS; start += 50_000) {
      const batch: Change[] = [];
      for (let g = start; g < start + 50_000 && g <= CUSTOMERS; g++) {
        batch.push({
          entity: 'customers',
          op: 'upsert',
          version: 1,
          data: {
            id: randomUUID(),
            name: `Клиент ${g}`,
            phone: phoneOf(g),
            phoneRaw: `8 900 ${String(g).padStart(7, '0')}`,
            email: null,
            city: g % 2 ? 'Москва' : 'Казань',
            partnerNumber: g % 5 === 0 ? `P-${g}` : null,
            notes: g % 7 === 0 ? 'Постоянный клиент, звонить днём' : '',
            updatedAt: now,
          },
        });
      }
      cache.applyChanges(batch, cursor);
    }
  });
  if (!cache.findCustomersByPhone(phoneOf(CUSTOMERS))[0]) throw new Error('bulk customers missing from the cache');
  cache.close();
  log(`cache: ${CUSTOMERS} customers written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // The customers called, in order; the first 5 warm up (JIT, SQLite page cache, WebRTC).
  const picks = Array.from({ length: CALLS + 5 }, () => 1 + Math.floor(Math.random() * CUSTOMERS));

  // The same lookups as HTTP round trips to the CRM server with 1M customers. Done (and that
  // server stopped) before the calls, so its seeding and its process do not share the 2 cores
  // with the renderer being measured.
  bigServer = await bigServerP;
  const login = await fetch(`${bigServer.url}${API.login}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'operator', password: 'demo' }) });
  const { token } = LoginResponse.parse(await login.json());
  const http: number[] = [];
  for (const [i, g] of picks.entries()) {
    const t = performance.now();
    const res = await fetch(`${bigServer.url}${API.customerByPhone}?phone=${encodeURIComponent(callerIdOf(g, i))}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { customer: { name: string } | null };
    const ms = performance.now() - t;
    if (body.customer?.name !== `Клиент ${g}`) throw new Error(`server lookup of ${g} found ${JSON.stringify(body.customer)}`);
    if (i >= 5) http.push(ms);
  }
  await bigServer.stop();
  bigServer = undefined;

  // Calls: sipp rings the operator, the card pops, the operator's side declines (486).
  const page = b.page;
  const banner = page.getByTestId('incoming-call');
  let popsBefore = await page.evaluate(() => (globalThis as unknown as { __pultSoftphone: { popTimings: unknown[] } }).__pultSoftphone.popTimings.length);
  for (const [i, g] of picks.entries()) {
    const sipp = await startSipp({ scenario: 'uac_call', target: `127.0.0.1:${b.tel.udpPort}`, dir: b.tel.dir, service: b.sipUser, callerId: callerIdOf(g, i), holdMs: 100, timeoutS: 15 });
    // Wait without Playwright's selector engine polling the page every frame: that would run
    // on the renderer's main thread inside the very window being measured.
    await page.waitForFunction((n) => (globalThis as unknown as { __pultSoftphone: { popTimings: unknown[] } }).__pultSoftphone.popTimings.length > n, popsBefore, { polling: 100, timeout: 10_000 });
    popsBefore++;
    const shown = await banner.getByTestId('pop-customer-name').textContent();
    if (shown !== `Клиент ${g}`) throw new Error(`call ${i}: the card shows ${shown}, expected Клиент ${g}`);
    await banner.getByTestId('decline').click();
    await sipp.result;
    await page.locator('[data-testid="incoming-call"]').waitFor({ state: 'detached', timeout: 10_000 });
    if ((i + 1) % 50 === 0) log(`  ${i + 1} calls`);
  }
  type Timing = { sipAt: number; paintedAt: number; lookupSent?: number; lookupDone?: number; deliveredAt?: number; committedAt?: number };
  const all = await page.evaluate(() => (globalThis as unknown as { __pultSoftphone: { popTimings: Timing[] } }).__pultSoftphone.popTimings);
  const recent = all.slice(-CALLS);
  const samples = recent.map((p) => p.paintedAt - p.sipAt);
  const part = (f: (p: Timing) => number) => {
    const xs = recent.map(f).filter((x) => Number.isFinite(x));
    return `${percentile(xs, 50)}/${percentile(xs, 95)}`;
  };
  log(
    `breakdown (p50/p95 ms): INVITE -> lookup sent ${part((p) => (p.lookupSent ?? NaN) - p.sipAt)}, bridge+SQLite ${part((p) => (p.lookupDone ?? NaN) - (p.lookupSent ?? NaN))}, ` +
      `-> React commit ${part((p) => (p.committedAt ?? NaN) - (p.lookupDone ?? NaN))}, commit -> painted ${part((p) => p.paintedAt - (p.committedAt ?? NaN))}; ` +
      `SIP.js took the INVITE at ${part((p) => (p.deliveredAt ?? NaN) - p.sipAt)} (after the card when it was previewed)`,
  );

  log(`screen pop (INVITE in -> card painted) over ${samples.length} calls: p50 ${percentile(samples, 50)} ms, p95 ${percentile(samples, 95)} ms, p99 ${percentile(samples, 99)} ms, max ${Math.max(...samples).toFixed(1)} ms`);
  log(`server HTTP lookup over ${http.length}: p50 ${percentile(http, 50)} ms, p95 ${percentile(http, 95)} ms`);
  console.log(
    JSON.stringify({
      bench: 'screenpop',
      customers: CUSTOMERS,
      calls: samples.length,
      p50_ms: percentile(samples, 50),
      p95_ms: percentile(samples, 95),
      p99_ms: percentile(samples, 99),
      server_lookup_p50_ms: percentile(http, 50),
      server_lookup_p95_ms: percentile(http, 95),
    }),
  );
} finally {
  await b.close();
  await (bigServer ?? (await bigServerP.catch(() => undefined)))?.stop();
}
