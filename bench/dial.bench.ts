// `npm run bench -- dial [samples]`: click on «Позвонить» in the dial pad → the INVITE handed to
// the WebSocket toward Kamailio, in the real renderer in Debian Chromium. (The order card's
// click-to-call button runs the same code from the click on: store.dial → engine.call.)
//   t0 = performance.now() in the click handler of the call button,
//   t1 = performance.now() when SIP.js hands the initial INVITE to the transport (the socket
//        write happens in the same task), so getUserMedia, the offer and ICE gathering
//        (no STUN/TURN: capped at 100 ms, normally done at once) are all inside.
// The number is an unregistered extension, so Kamailio answers 404 at once and the call ends
// by itself; the far end does not matter for this figure.
import { percentile } from './stats.js';
import { startPultBench } from './support/pult-page.js';

const SAMPLES = Number(process.argv[2] ?? 60);
const WARMUP = 3;
const log = (m: string) => process.stderr.write(`${m}\n`);

log('starting Kamailio, rtpengine, the app server, the web host and Chromium…');
const b = await startPultBench();
try {
  const page = b.page;
  const samples: number[] = [];
  type W = { __pultClickAt?: number; __pultSoftphone: { wireTimings: { invitesOut: number[] } } };
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    const before = await page.evaluate(() => (globalThis as unknown as W).__pultSoftphone.wireTimings.invitesOut.length);
    await page.getByTestId('open-dialpad').click();
    await page.getByTestId('dialpad-input').fill('12345');
    await page.getByTestId('dialpad-call').click();
    await page.waitForFunction((n) => (globalThis as unknown as W).__pultSoftphone.wireTimings.invitesOut.length > n, before, { timeout: 10_000 });
    const ms = await page.evaluate(() => {
      const w = globalThis as unknown as W;
      return (w.__pultSoftphone.wireTimings.invitesOut.at(-1) ?? NaN) - (w.__pultClickAt ?? NaN);
    });
    if (i >= WARMUP) samples.push(ms);
    await page.getByTestId('in-call').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('call-ended').waitFor({ state: 'detached', timeout: 15_000 });
  }
  const mic = await page.evaluate(() => (globalThis as unknown as { __pultSoftphone: { wireTimings: { micMs: number[] } } }).__pultSoftphone.wireTimings.micMs);
  log(`of which getUserMedia: p50 ${percentile(mic, 50)} ms, p95 ${percentile(mic, 95)} ms`);
  log(`click -> INVITE on the wire over ${samples.length} calls: p50 ${percentile(samples, 50)} ms, p95 ${percentile(samples, 95)} ms, max ${Math.max(...samples).toFixed(1)} ms`);
  console.log(JSON.stringify({ bench: 'dial', samples: samples.length, p50_ms: percentile(samples, 50), p95_ms: percentile(samples, 95), p99_ms: percentile(samples, 99) }));
} finally {
  await b.close();
}
