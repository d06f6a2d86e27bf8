// A migrated, demo-seeded server per describe block, with login and request helpers.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { LoginResponse } from '../../core/http.js';
import { createServer, type CreateServerOptions } from '../app.js';
import type { Db } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.js';
import type { DemoLogin } from '../seed/orders.js';
import { freshDatabase, type DbKind, type TestDatabase } from './databases.js';

export interface Harness {
  readonly app: FastifyInstance;
  readonly db: Db;
  login(login: DemoLogin): Promise<string>;
  get(url: string, token?: string): Promise<LightMyRequestResponse>;
  post(url: string, body: unknown, token?: string): Promise<LightMyRequestResponse>;
}

export function useServer(kind: DbKind, options: { seed?: boolean; monitor?: CreateServerOptions['monitor'] } = {}): Harness {
  let database: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  const tokens = new Map<string, string>();
  const auth = (token?: string) => (token ? { authorization: `Bearer ${token}` } : {});

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await migrate(database.db);
    if (options.seed !== false) await seedDemo(database.db);
    app = createServer({ db: database.db, version: 'test', ...(options.monitor ? { monitor: options.monitor } : {}) });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const harness: Harness = {
    get app() {
      if (!app) throw new Error('server not started');
      return app;
    },
    get db() {
      if (!database) throw new Error('database not opened');
      return database.db;
    },
    async login(login) {
      const cached = tokens.get(login);
      if (cached) return cached;
      const res = await harness.post('/api/auth/login', { login, password: DEMO_PASSWORD });
      if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.body}`);
      const { token } = LoginResponse.parse(res.json());
      tokens.set(login, token);
      return token;
    },
    get: (url, token) => harness.app.inject({ method: 'GET', url, headers: auth(token) }),
    post: (url, body, token) => harness.app.inject({ method: 'POST', url, payload: body as object, headers: auth(token) }),
  };
  return harness;
}
