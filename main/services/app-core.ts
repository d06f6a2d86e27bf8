// Wires the main side together: session, cache, sync engine, queries and the dispatcher.
// Used by the Electron adapter and the browser-mode web host alike; imports no Electron.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Log } from './log.js';
import type { SyncStatus } from '../../core/contract.js';
import { maySeeWallboard } from '../../core/agent-state.js';
import { PultError } from '../../core/errors.js';
import type { ApiHost } from './api-host.js';
import { createDesktopHub, type DesktopHub } from './desktop.js';
import { createApiHost, type Handlers } from './dispatcher.js';
import { createEventHub } from './event-hub.js';
import { createLocalQueries, type LocalQueries } from './local-queries.js';
import { addNote, changeStage, leadFromCall, logCall, setAppointment } from './order-mutations.js';
import { createPhoneAccountStore } from './phone-account.js';
import { createPipelineHandlers } from './pipelines.js';
import { createDuplicateHandlers } from './duplicates.js';
import { createReportHandlers } from './reports.js';
import { createWallboardHandlers } from './wallboard.js';
import { createMonitorHandlers } from './monitor.js';
import { fileSecretStore, type SecretStore } from './secret-store.js';
import type { ServerClientOptions } from './server-client.js';
import { createSessionManager, type ActiveSession } from './session.js';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync-engine.js';

export interface AppCoreOptions {
  dataDir: string;
  mode: 'electron' | 'web';
  defaultServerUrl: string;
  logger: Log;
  version?: string;
  /** Defaults to `<dataDir>/session.json`; Electron passes a safeStorage-backed store. */
  secretStore?: SecretStore;
  /** Where the SIP password is kept; defaults to `<dataDir>/sip-password` (0600). Electron passes safeStorage. */
  phoneSecretStore?: SecretStore;
  client?: ServerClientOptions;
  /** Where db/migrations/*.sql live when the code is bundled (e.g. Electron's resources dir). */
  migrationsDir?: string;
  sync?: Pick<SyncEngineOptions, 'periodMs' | 'pushBatch' | 'pullLimit' | 'live' | 'reconnectMinMs' | 'reconnectMaxMs'>;
}

/** The core is itself the ApiHost hosts forward to (IPC, WebSocket bridge). */
export interface AppCore extends ApiHost {
  host: ApiHost;
  /** Resolves once a remembered session (if any) is restored; calls wait for it anyway. */
  ready: Promise<void>;
  close(): Promise<void>;
  /** Dial requests, phone state, notifications: the Electron adapter plugs in here. */
  desktop: DesktopHub;
}

const LOGGED_OUT: SyncStatus = { state: 'logged_out', pending: 0, lastSyncAt: null, lastError: null };
const ALL_ENTITIES = ['users', 'pipelines', 'offers', 'customers', 'orders', 'order_notes', 'calls', 'callbacks', 'claims'];

function packageVersion(): string {
  try {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
    const v: unknown = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function createAppCore(opts: AppCoreOptions): AppCore {
  const { logger } = opts;
  const hub = createEventHub(logger);
  const sessions = createSessionManager({
    dataDir: opts.dataDir,
    store: opts.secretStore ?? fileSecretStore(path.join(opts.dataDir, 'session.json')),
    ...(opts.client ? { client: opts.client } : {}),
    ...(opts.migrationsDir ? { migrationsDir: opts.migrationsDir } : {}),
  });
  const version = opts.version ?? packageVersion();
  const phoneAccount = createPhoneAccountStore({
    file: path.join(opts.dataDir, 'softphone.json'),
    secrets: opts.phoneSecretStore ?? fileSecretStore(path.join(opts.dataDir, 'sip-password')),
  });

  interface Live {
    session: ActiveSession;
    engine: SyncEngine;
    queries: LocalQueries;
  }
  let live: Live | null = null;
  let closed = false;

  function begin(session: ActiveSession): void {
    const engine = createSyncEngine({
      cache: session.cache,
      client: session.client,
      logger,
      onStatus: (s) => hub.emit('sync.status', s),
      onDataChanged: (entities) => {
        if (entities.includes('offers')) queries.forgetCatalogCities();
        hub.emit('data.changed', { entities });
      },
      wallboard: maySeeWallboard(session.stored.user.role),
      onAgent: (agent) => hub.emit('agent.changed', agent),
      onSelfState: (state) => hub.emit('agent.self', state),
      ...opts.sync,
    });
    const queries = createLocalQueries(session.cache, session.stored.user);
    live = { session, engine, queries };
    engine.start();
  }

  async function end(): Promise<void> {
    const was = live;
    live = null;
    await was?.engine.stop();
  }

  // Login, logout, restore and close touch the same state: run them one at a time.
  let chain: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  }

  const ready = serial(async () => {
    try {
      const s = await sessions.restore();
      if (s) begin(s);
    } catch (err) {
      // A broken cache or session file must not stop the app from starting: log in afresh.
      logger.error({ err }, 'could not restore the session');
      sessions.close();
    }
  });

  function need(): Live {
    if (!live) throw new PultError('not_logged_in', 'Log in first');
    return live;
  }

  const desktop = createDesktopHub({ emit: hub.emit, onResumed: () => live?.engine.kick() });

  const handlers: Handlers = {
    'app.info': () => ({ version, mode: opts.mode, defaultServerUrl: opts.defaultServerUrl }),
    'session.login': (input) =>
      serial(async () => {
        if (closed) throw new PultError('internal', 'App is closing');
        const stored = await sessions.authenticate(input);
        await end(); // the old engine stops before its cache closes
        begin(await sessions.adopt(stored));
        hub.emit('data.changed', { entities: ALL_ENTITIES });
        const info = sessions.info();
        if (!info) throw new PultError('internal', 'Session vanished');
        return info;
      }),
    'session.current': async () => {
      await ready;
      return sessions.info();
    },
    'session.logout': () =>
      serial(async () => {
        await end();
        await sessions.logout();
        hub.emit('sync.status', LOGGED_OUT);
        hub.emit('data.changed', { entities: ALL_ENTITIES });
        return { ok: true as const };
      }),
    'orders.list': async ({ scope }) => {
      await ready;
      return need().queries.listOrders(scope);
    },
    'orders.get': async ({ id }) => {
      await ready;
      return need().queries.getOrder(id);
    },
    'orders.changeStage': async ({ orderId, toStageId, reason }) => {
      await ready;
      const l = need();
      // Committed to disk before we answer; the push happens after.
      changeStage(l.session.cache, l.session.stored.user, orderId, toStageId, reason);
      const details = l.queries.getOrder(orderId);
      hub.emit('data.changed', { entities: ['orders'] });
      l.engine.kick();
      return details;
    },
    'orders.claim': async ({ orderId }) => {
      await ready;
      const l = need();
      try {
        await l.session.client.takeClaim({ entity: 'orders', id: orderId });
        return { taken: true, holderName: null };
      } catch (e) {
        // Someone else is on it: not a failure, the card says who.
        if (e instanceof PultError && e.code === 'claim.taken') return { taken: false, holderName: e.fields?.holder ?? null };
        throw e;
      }
    },
    'orders.release': async ({ orderId }) => {
      await ready;
      await need().session.client.releaseClaim({ entity: 'orders', id: orderId });
      return { ok: true as const };
    },
    'orders.addNote': async ({ orderId, text }) => {
      await ready;
      const l = need();
      // Committed to disk (outbox, synchronous=FULL) before we answer; the push happens after.
      addNote(l.session.cache, orderId, text);
      const details = l.queries.getOrder(orderId);
      hub.emit('data.changed', { entities: ['orders', 'order_notes'] });
      l.engine.kick();
      return details;
    },
    'orders.setAppointment': async ({ orderId, appointmentAt }) => {
      await ready;
      const l = need();
      // Committed to disk (outbox, synchronous=FULL) before we answer; the push happens after.
      setAppointment(l.session.cache, l.session.stored.user, orderId, appointmentAt);
      const details = l.queries.getOrder(orderId);
      hub.emit('data.changed', { entities: ['orders'] });
      l.engine.kick();
      return details;
    },
    'calls.log': async (call) => {
      await ready;
      const l = need();
      const entry = logCall(l.session.cache, call);
      // A connected call closes its number's callbacks (core/callbacks.ts): views re-read now.
      hub.emit('data.changed', { entities: ['calls', 'callbacks'] });
      l.engine.kick();
      return { id: entry.targetId };
    },
    'leads.fromCall': async (lead) => {
      await ready;
      const l = need();
      const entry = leadFromCall(l.session.cache, lead);
      hub.emit('data.changed', { entities: ['orders'] });
      l.engine.kick();
      return { orderId: entry.targetId };
    },
    'presence.set': async ({ onCall }) => {
      await ready;
      need().engine.setOnCall(onCall);
      return { ok: true as const };
    },
    'sync.dismissRejected': async ({ id }) => {
      await ready;
      const l = need();
      l.session.cache.dismissRejected(id);
      hub.emit('sync.status', l.engine.status());
      return { ok: true as const };
    },
    'customers.findByPhone': async ({ phone }) => {
      await ready;
      return need().queries.findByPhone(phone);
    },
    'home.todo': async () => {
      await ready;
      return need().queries.todo();
    },
    'customers.get': async ({ id }) => {
      await ready;
      return need().queries.getCustomer(id);
    },
    'customers.search': async ({ text }) => {
      await ready;
      return need().queries.searchCustomers(text);
    },
    'catalog.search': async (input) => {
      await ready;
      return need().queries.searchCatalog(input);
    },
    'catalog.cities': async () => {
      await ready;
      return { cities: need().queries.catalogCities() };
    },
    'sync.status': async () => {
      await ready;
      return live ? live.engine.status() : LOGGED_OUT;
    },
    'sync.now': async () => {
      await ready;
      return need().engine.syncNow();
    },
    'desktop.takeDialRequest': () => desktop.takeDialRequest(),
    'desktop.phoneState': ({ state }) => {
      desktop.setPhoneState(state);
      return { ok: true as const };
    },
    'desktop.notify': (notice) => ({ shown: desktop.notify(notice) }),
    'desktop.microphoneAccess': async () => ({ status: await desktop.microphoneAccess() }),
    'phone.getAccount': () => phoneAccount.get(),
    'phone.saveAccount': ({ account, password }) => phoneAccount.save(account, password),
    'phone.credentials': async () => {
      await ready;
      need(); // only a signed-in operator's softphone registers
      return { password: await phoneAccount.password() };
    },
    ...createDuplicateHandlers(async () => {
      await ready;
      const l = need();
      return { client: l.session.client, afterMerge: () => l.engine.kick() };
    }),
    ...createReportHandlers(async () => {
      await ready;
      return need().session.client;
    }),
    ...createPipelineHandlers(
      async () => {
        await ready;
        return need().session.client;
      },
      // The admin's own cache takes the saved pipeline at once, without waiting for the live feed.
      () => void live?.engine.syncNow().catch(() => undefined),
    ),
    ...createWallboardHandlers(async () => {
      await ready;
      const l = need();
      return { client: l.session.client, engine: l.engine };
    }),
    ...createMonitorHandlers(async () => {
      await ready;
      return need().session.client;
    }),
  };

  const host = createApiHost({ handlers, subscribe: hub.subscribe, logger });

  return {
    host,
    handle: host.handle,
    subscribe: host.subscribe,
    ready,
    desktop,
    close: () =>
      serial(async () => {
        closed = true;
        await end();
        sessions.close();
      }),
  };
}
