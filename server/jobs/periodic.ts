// A background pass that runs every few seconds, never twice at once in this process (other
// server instances are kept apart by the database: SKIP LOCKED), and stops cleanly.
import type { Logger } from 'pino';

export interface Periodic {
  /** Runs one pass now (`pass`, or the given variant of it), or joins the pass already running. */
  run(pass?: () => Promise<number>): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function periodic(name: string, logger: Logger, defaultPass: () => Promise<number>): Periodic {
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<number> | null = null;
  const run = (pass: () => Promise<number> = defaultPass): Promise<number> => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    run,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        void run().catch((e: unknown) => logger.error({ err: e }, `${name} failed`));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
