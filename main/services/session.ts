// Login, the remembered session and the per-user cache. The token never leaves the main side:
// the renderer only ever sees SessionInfo (user + server URL).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SessionInfo } from '../../core/contract.js';
import { Timestamp, User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import type { Cache } from '../../db/cache.js';
import { openCacheSafely } from '../../db/recover.js';
import { loadMigrations } from '../../db/migrate.js';
import type { SecretStore } from './secret-store.js';
import { createServerClient, parseServerUrl, type ServerClient, type ServerClientOptions } from './server-client.js';

export const StoredSession = z.object({
  serverUrl: z.string().url(),
  token: z.string().min(20),
  user: User,
  expiresAt: Timestamp,
});
export type StoredSession = z.infer<typeof StoredSession>;

/** Everything that exists only while someone is logged in. */
export interface ActiveSession {
  stored: StoredSession;
  client: ServerClient;
  cache: Cache;
}

export interface LoginInput {
  serverUrl: string;
  login: string;
  password: string;
}

/** Checks raw form input before any network, naming the field at fault. */
export function validateLoginInput(input: LoginInput): { serverUrl: string; login: string; password: string } {
  const login = input.login.trim();
  if (!login) throw new PultError('auth.empty_login', 'Login is empty', { login: 'auth.empty_login' });
  if (!input.password) throw new PultError('auth.empty_password', 'Password is empty', { password: 'auth.empty_password' });
  const url = parseServerUrl(input.serverUrl); // throws server.bad_url with fields.serverUrl
  return { serverUrl: url.href.replace(/\/$/, ''), login, password: input.password };
}

export interface SessionManagerOptions {
  dataDir: string;
  store: SecretStore;
  client?: ServerClientOptions;
  /** Where db/migrations/*.sql are, when bundled away from the source tree. */
  migrationsDir?: string;
}

export function cacheFileFor(dataDir: string, userId: string): string {
  // userId is a schema-checked UUID, so it is safe inside a file name.
  return path.join(dataDir, `cache-${User.shape.id.parse(userId)}.sqlite`);
}

export function createSessionManager(opts: SessionManagerOptions) {
  let active: ActiveSession | null = null;

  function activate(stored: StoredSession): ActiveSession {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const client = createServerClient(stored.serverUrl, opts.client);
    client.setToken(stored.token);
    // A damaged cache is rebuilt from the server; its outbox rows are carried over first.
    const { cache } = openCacheSafely(cacheFileFor(opts.dataDir, stored.user.id), opts.migrationsDir ? { migrations: loadMigrations(opts.migrationsDir) } : {});
    active = { stored, client, cache };
    return active;
  }

  function deactivate(): void {
    active?.cache.close();
    active = null;
  }

  return {
    current: (): ActiveSession | null => active,
    info: (): SessionInfo | null => (active ? { user: active.stored.user, serverUrl: active.stored.serverUrl } : null),

    /** Restores the remembered session without the network (offline-first start). */
    async restore(): Promise<ActiveSession | null> {
      const raw = await opts.store.read();
      if (!raw) return null;
      let parsed: StoredSession;
      try {
        parsed = StoredSession.parse(JSON.parse(raw));
      } catch {
        await opts.store.clear(); // unreadable or from an incompatible version: forget it
        return null;
      }
      deactivate();
      return activate(parsed);
    },

    /** Validates the form and asks the server; touches no local state (a failure changes nothing). */
    async authenticate(input: LoginInput): Promise<StoredSession> {
      const v = validateLoginInput(input);
      const client = createServerClient(v.serverUrl, opts.client);
      const res = await client.login(v.login, v.password);
      return { serverUrl: client.baseUrl, token: res.token, user: res.user, expiresAt: res.expiresAt };
    },

    /** Makes an authenticated session the current one and remembers it. */
    async adopt(stored: StoredSession): Promise<ActiveSession> {
      deactivate();
      const next = activate(stored);
      await opts.store.write(JSON.stringify(stored));
      return next;
    },

    /** Forgets the session locally even if the server can't be told (offline logout works). */
    async logout(): Promise<void> {
      const was = active;
      deactivate();
      await opts.store.clear();
      // Telling the server is best-effort and not awaited: offline it would stall the UI for the timeout.
      if (was) void was.client.logout().catch(() => undefined);
    },

    close(): void {
      deactivate();
    },
  };
}

export type SessionManager = ReturnType<typeof createSessionManager>;
