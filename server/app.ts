// The Fastify app, without listen(): tests inject requests, main.ts listens.
import cors from '@fastify/cors';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { API, type HealthResponse } from '../core/http.js';
import type { z } from 'zod';
import { registerAuthRoutes } from './auth/routes.js';
import { registerClaimRoutes } from './claims/routes.js';
import { registerCustomerRoutes } from './customers/routes.js';
import { registerLeadRoutes } from './leads/routes.js';
import type { Db } from './db/database.js';
import { registerErrorHandling } from './http/errors.js';
import { InProcessNotifier, type ChangeNotifier } from './live/notifier.js';
import { registerLiveRoutes } from './live/routes.js';
import { PresenceHub } from './live/presence.js';
import { registerMonitorRoutes, type MonitorSettings } from './monitor/routes.js';
import { registerOrderRoutes } from './orders/routes.js';
import { registerPipelineRoutes } from './pipelines/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { silentLogger } from './logger.js';
import { registerSyncRoutes } from './sync/routes.js';
import { registerWallboardRoutes } from './wallboard/routes.js';

export interface CreateServerOptions {
  db: Db;
  version: string;
  logger?: Logger;
  notifier?: ChangeNotifier;
  /** Call monitoring; without it grants are signed with a random per-process key and agents are told. */
  monitor?: Partial<MonitorSettings>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Only the same machine may call from a browser; the app normally calls from Node anyway. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

export function createServer(options: CreateServerOptions): FastifyInstance {
  const { db, version } = options;
  const notifier = options.notifier ?? new InProcessNotifier();
  const logger: FastifyBaseLogger = options.logger ?? silentLogger();
  const app = Fastify({
    loggerInstance: logger,
    // Our onResponse hook logs requests by path: Fastify's own lines would log full URLs,
    // and query strings carry live tokens and phone numbers.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => uuidv7(),
    bodyLimit: 2 * 1024 * 1024,
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  app.addHook('onClose', async () => notifier.close());

  registerErrorHandling(app);
  void app.register(cors, {
    origin: (origin, cb) => cb(null, origin === undefined || isLoopbackOrigin(origin)),
  });
  void app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  // Presence and agent states: the live socket fills it, the wallboard reads it.
  const presence = new PresenceHub();
  void app.register(async (scope) => {
    scope.get(API.health, async (): Promise<z.infer<typeof HealthResponse>> => ({ ok: true, version }));
    registerAuthRoutes(scope, db);
    registerSyncRoutes(scope, db, notifier);
    registerCustomerRoutes(scope, db, notifier);
    registerClaimRoutes(scope, db, notifier);
    registerOrderRoutes(scope, db, notifier);
    registerLeadRoutes(scope, db, notifier);
    registerLiveRoutes(scope, db, notifier, presence);
    registerMonitorRoutes(scope, db, presence, {
      secret: options.monitor?.secret ?? randomBytes(32).toString('base64url'),
      notifyAgent: options.monitor?.notifyAgent ?? true,
    });
    registerReportRoutes(scope, db);
    registerPipelineRoutes(scope, db, notifier);
    registerWallboardRoutes(scope, db, notifier, presence);
  });
  return app;
}
