/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Who hears whom, measured in the page: every party's "microphone" is a sine of its own
// frequency (getUserMedia replaced before the app loads), and what a party hears is analysed
// for each frequency (AnalyserNode). "Hears" for a Pult window = the <audio> elements it plays
// (srcObject set, not muted); for the bare SIP.js customer page, which plays nothing, = what its
// peer connections receive. Plus getStats: inbound audio bytes and audio level.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** Each party's microphone (Hz): what a party hears tells whom it hears. */
export const TONES = { customer: 440, operator: 1000, supervisor: 2500 } as const;
const ALL = Object.values(TONES);
/** A tone this loud (dBFS in its FFT bin) is heard; one below QUIET is not there at all. */
const HEARD = -60;
const QUIET = -85;

declare global {
  interface Window {
    __tones: {
      levels(freqs: number[], from: 'played' | 'received'): Promise<Record<string, number>>;
      inbound(): Promise<{ bytes: number; audioLevel: number }>;
    };
  }
}

/** Install before any page script: the party's microphone becomes a sine at `freq` Hz. */
export async function useTone(context: BrowserContext, freq: number): Promise<void> {
  await context.addInitScript((f: number) => {
    const pcs: RTCPeerConnection[] = [];
    const NativePC = window.RTCPeerConnection;
    class RecordedPC extends NativePC {
      constructor(cfg?: RTCConfiguration) {
        super(cfg);
        pcs.push(this);
      }
    }
    window.RTCPeerConnection = RecordedPC;

    const played = new Set<HTMLMediaElement>();
    const src = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
    if (!src?.set || !src.get) throw new Error('srcObject');
    const setSrc = src.set;
    const getSrc = src.get;
    Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
      configurable: true,
      get(this: HTMLMediaElement) {
        return getSrc.call(this) as MediaProvider | null;
      },
      set(this: HTMLMediaElement, v: MediaProvider | null) {
        if (v) played.add(this);
        setSrc.call(this, v);
      },
    });

    navigator.mediaDevices.getUserMedia = async () => {
      const ctx = new AudioContext();
      await ctx.resume();
      const osc = ctx.createOscillator();
      osc.frequency.value = f;
      const gain = ctx.createGain();
      gain.gain.value = 0.3;
      const dest = ctx.createMediaStreamDestination();
      osc.connect(gain).connect(dest);
      osc.start();
      return dest.stream;
    };

    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    window.__tones = {
      async levels(freqs, from) {
        const streams: MediaStream[] =
          from === 'played'
            ? [...played].filter((e) => !e.muted && e.volume > 0 && getSrc.call(e)).map((e) => getSrc.call(e) as MediaStream)
            : pcs
                .filter((pc) => pc.connectionState !== 'closed')
                .flatMap((pc) => pc.getReceivers().map((r) => r.track))
                .filter((t) => t.kind === 'audio' && t.readyState === 'live')
                .map((t) => new MediaStream([t]));
        const ctx = new AudioContext();
        await ctx.resume();
        const analyser = ctx.createAnalyser();
        analyser.fftSize = 8192;
        analyser.smoothingTimeConstant = 0;
        // Chromium feeds a remote WebRTC stream into WebAudio only while a media element plays it.
        const sinks = streams.map((s) => {
          const a = new Audio();
          a.muted = true;
          setSrc.call(a, s);
          void a.play().catch(() => undefined);
          ctx.createMediaStreamSource(s).connect(analyser);
          return a;
        });
        await sleep(400);
        const bins = new Float32Array(analyser.frequencyBinCount);
        const hz = ctx.sampleRate / analyser.fftSize;
        const best = freqs.map(() => -200);
        for (let i = 0; i < 6; i++) {
          analyser.getFloatFrequencyData(bins);
          freqs.forEach((fr, k) => {
            const c = Math.round(fr / hz);
            for (let b = c - 3; b <= c + 3; b++) {
              const v = bins[b] ?? -200;
              if (Number.isFinite(v) && v > (best[k] ?? -200)) best[k] = v;
            }
          });
          await sleep(100);
        }
        sinks.forEach((a) => setSrc.call(a, null));
        await ctx.close();
        return Object.fromEntries(freqs.map((fr, k) => [String(fr), Math.round(best[k] ?? -200)]));
      },
      async inbound() {
        let bytes = 0;
        let audioLevel = 0;
        for (const pc of pcs) {
          if (pc.connectionState === 'closed') continue;
          (await pc.getStats()).forEach((r: { type?: string; kind?: string; bytesReceived?: number; audioLevel?: number }) => {
            if (r.type !== 'inbound-rtp' || r.kind !== 'audio') return;
            bytes += r.bytesReceived ?? 0;
            audioLevel = Math.max(audioLevel, r.audioLevel ?? 0);
          });
        }
        return { bytes, audioLevel };
      },
    };
  }, freq);
}

/** dB at each frequency in what the page hears (see the file comment). */
export function toneLevels(page: Page, freqs: number[], from: 'played' | 'received'): Promise<Record<string, number>> {
  return page.evaluate(([f, w]) => window.__tones.levels(f, w), [freqs, from] as const);
}

export function inboundAudio(page: Page): Promise<{ bytes: number; audioLevel: number }> {
  return page.evaluate(() => window.__tones.inbound());
}

/** A browser context whose microphone is the tone `freq` (the customer's bare SIP.js page uses one). */
export async function tonedContext(browser: Browser, freq: number): Promise<BrowserContext> {
  const context = await browser.newContext({ permissions: ['microphone'] });
  await useTone(context, freq);
  return context;
}

/** Polls until the page hears (or no longer hears) the parties' tones as asked; logs the levels. */
export async function expectHears(page: Page, from: 'played' | 'received', want: { hears: number[]; not: number[] }, what: string): Promise<void> {
  let last: Record<string, number> = {};
  await expect
    .poll(
      async () => {
        last = await toneLevels(page, ALL, from);
        return want.hears.every((f) => (last[String(f)] ?? -200) > HEARD) && want.not.every((f) => (last[String(f)] ?? -200) < QUIET);
      },
      { timeout: 12_000, intervals: [300], message: `${what}: ${JSON.stringify(want)}` },
    )
    .toBe(true);
  console.log(`[levels] ${what}: ${JSON.stringify(last)}`);
}
