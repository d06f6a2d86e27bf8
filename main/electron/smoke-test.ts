// `--smoke-test`: CI launches the packaged app with this flag; it must start, create its window,
// load the renderer with the preload bridge in place, and quit with 0 — or 1 on any failure
// (load error, missing bridge, startup error, timeout). Decision logic only; app.ts feeds it.
export const SMOKE_FLAG = '--smoke-test';

export function isSmokeTest(argv: readonly unknown[]): boolean {
  return argv.includes(SMOKE_FLAG);
}

export interface SmokeDeps {
  exit(code: number): void;
  logger: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  timeoutMs?: number;
  setTimer?(fn: () => void, ms: number): { unref?(): void } | unknown;
}

export interface SmokeTest {
  windowCreated(): void;
  /** did-finish-load of the app page. */
  pageLoaded(): void;
  /** `typeof window.pult` checked in the page after load. */
  bridgeChecked(ok: boolean): void;
  fail(reason: string): void;
}

export function createSmokeTest(deps: SmokeDeps): SmokeTest {
  let done = false;
  let window = false;
  let loaded = false;
  const finish = (code: number, reason: string): void => {
    if (done) return;
    done = true;
    if (code === 0) deps.logger.info({ reason }, 'smoke test passed');
    else deps.logger.error({ reason }, 'smoke test FAILED');
    deps.exit(code);
  };
  (deps.setTimer ?? setTimeout)(() => finish(1, 'timeout'), deps.timeoutMs ?? 60_000);
  return {
    windowCreated() {
      window = true;
    },
    pageLoaded() {
      loaded = true;
    },
    bridgeChecked(ok) {
      if (!window || !loaded) finish(1, 'bridge checked before the window loaded');
      else if (!ok) finish(1, 'window.pult missing in the page');
      else finish(0, 'window created, renderer loaded, bridge present');
    },
    fail: (reason) => finish(1, reason),
  };
}
