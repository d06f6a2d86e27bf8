// Browser-mode entry: `tsx main/web-host/main.ts [--port N] [--data-dir D] [--server-url U]
// [--static DIR] [--token T]` (or PULT_WEB_PORT, PULT_DATA_DIR, PULT_SERVER_URL, PULT_STATIC_DIR,
// PULT_WEB_TOKEN). Prints `PULT_WEB_READY <url>` on stdout when ready; logs go to stderr.
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { createAppCore } from '../services/app-core.js';
import { startWebHost } from './web-host.js';

const Config = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(4320),
  dataDir: z.string().min(1).default('.pult-data/client'),
  serverUrl: z.string().url().refine((u) => /^https?:/.test(u), 'must be http(s)').default('http://127.0.0.1:4310'),
  staticDir: z.string().min(1).default('dist/renderer'),
  token: z.string().min(8).max(200).regex(/^[A-Za-z0-9_-]+$/).optional(),
});

function readConfig(argv: string[], env: NodeJS.ProcessEnv): z.infer<typeof Config> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'server-url': { type: 'string' },
      static: { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
  });
  return Config.parse({
    port: values.port ?? env.PULT_WEB_PORT,
    dataDir: values['data-dir'] ?? env.PULT_DATA_DIR,
    serverUrl: values['server-url'] ?? env.PULT_SERVER_URL,
    staticDir: values.static ?? env.PULT_STATIC_DIR,
    token: values.token ?? env.PULT_WEB_TOKEN,
  });
}

async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { svc: 'web-host' } }, pino.destination(2));
  let config: z.infer<typeof Config>;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`web-host: bad arguments: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const appCore = createAppCore({
    dataDir: path.resolve(config.dataDir),
    mode: 'web',
    defaultServerUrl: config.serverUrl,
    logger,
  });
  await appCore.ready;
  const host = await startWebHost({
    appCore,
    staticDir: path.resolve(config.staticDir),
    port: config.port,
    host: '127.0.0.1',
    ...(config.token ? { token: config.token } : {}),
    logger,
  });
  process.stdout.write(`PULT_WEB_READY ${host.url}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    void (async () => {
      await host.close();
      await appCore.close();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`web-host failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
