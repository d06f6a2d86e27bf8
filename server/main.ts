// CLI entry: parse env, open and migrate the database, seed, listen, print the ready line.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createServer } from './app.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createNotificationWorker } from './notify/outbox.js';
import { createRobots } from './robots/robots.js';
import { smsRuGateway } from './notify/sms-ru.js';
import { smtpSender } from './notify/smtp.js';
import { seedDemoCatalog } from './seed/catalog.js';
import { seedDemoDuplicates } from './seed/duplicates.js';
import { seedDemo } from './seed/demo.js';
import { createTombstonePurge, DEFAULT_TOMBSTONE_DAYS } from './sync/tombstone-purge.js';
import { seedDemoHistory } from './seed/history.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4310),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  PULT_DATA_DIR: z.string().min(1).default('.pult-data/server'),
  PULT_SEED: z.enum(['demo', 'none']).default('demo'),
  // Deletes are kept this long for offline clients; one offline longer rebuilds its cache.
  TOMBSTONE_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_TOMBSTONE_DAYS),
  // Customer notifications; a channel without settings is off and its messages fail visibly.
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).default('Pult <noreply@localhost>'),
  SMSRU_API_ID: z.string().min(1).optional(),
  SMSRU_BASE_URL: z.string().url().optional(),
  SMSRU_FROM: z.string().optional(),
  // Call monitoring: the grants' HMAC key (every instance behind one balancer needs the same;
  // unset = a random key per process) and whether operators are told they are being monitored.
  MONITOR_SECRET: z.string().min(16).optional(),
  MONITOR_NOTIFY_AGENT: z.enum(['true', 'false']).default('true'),
});

function packageVersion(): string {
  try {
    const pkg = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const logger = createLogger();
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    logger.fatal({ issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })) }, 'bad environment');
    process.exit(2);
  }
  const env = parsed.data;
  const database = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.PULT_DATA_DIR });
  const applied = await migrate(database.db);
  logger.info({ kind: database.kind, applied }, 'database ready');
  if (env.PULT_SEED === 'demo') {
    if (await seedDemo(database.db)) logger.info('demo data seeded');
    await seedDemoHistory(database.db);
    await seedDemoCatalog(database.db);
    await seedDemoDuplicates(database.db);
  }

  const app = createServer({
    db: database.db,
    logger,
    version: packageVersion(),
    monitor: { notifyAgent: env.MONITOR_NOTIFY_AGENT === 'true', ...(env.MONITOR_SECRET ? { secret: env.MONITOR_SECRET } : {}) },
  });
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  process.stdout.write(`PULT_SERVER_READY http://${env.HOST}:${port}\n`);

  const worker = createNotificationWorker({
    db: database.db,
    logger,
    email: env.SMTP_HOST
      ? smtpSender({ host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_SECURE === 'true', user: env.SMTP_USER, password: env.SMTP_PASSWORD, from: env.SMTP_FROM })
      : null,
    sms: env.SMSRU_API_ID ? smsRuGateway({ apiId: env.SMSRU_API_ID, baseUrl: env.SMSRU_BASE_URL, from: env.SMSRU_FROM }) : null,
  });
  worker.start();
  const robots = createRobots(database.db, logger);
  robots.start();
  const purge = createTombstonePurge(database.db, logger, env.TOMBSTONE_DAYS);
  purge.start();

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    void Promise.all([worker.stop(), robots.stop(), purge.stop()])
      .then(() => app.close())
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`pult server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
