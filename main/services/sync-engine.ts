// Keeps the cache in step with the server: push the outbox (seq order), then pull pages until
// caught up. Triggered by local changes, by the server's live "changed" events, and by a
// periodic timer as the fallback when the live channel is down.
import type { Log } from './log.js';
import WebSocket from 'ws';
import type { SyncStatus } from '../../core/contract.js';
import { PultError, toErrorBody, type ApiErrorBody } from '../../core/errors.js';
import type { AgentState, AgentStatus, AgentView } from '../../core/agent-state.js';
import { LiveMessage, type ClientLiveMessage, type Presence, type PullHead, type PullResponse } from '../../core/sync.js';
import { toMutation, type Cache, type OutboxEntry } from '../../db/cache.js';
import type { ServerClient } from './server-client.js';

export interface SyncEngineOptions {
  cache: Cache;
  client: Pick<ServerClient, 'pull' | 'push' | 'liveUrl'>;
  /** Presence of other users as the live channel reports it. */
  onPresence?: (p: Presence) => void;
  /** Ask the live channel for every agent's state (supervisors and admins: the wallboard). */
  wallboard?: boolean;
  /** Another agent's state (sent only to supervisors and admins: the wallboard). */
  onAgent?: (a: AgentView) => void;
  /** A supervisor set this user's state. */
  onSelfState?: (s: AgentState) => void;
  logger: Log;
  onStatus: (s: SyncStatus) => void;
  onDataChanged: (entities: string[]) => void;
  periodMs?: number;
  pushBatch?: number;
  pullLimit?: number;
  /** Set false to run without the live WebSocket (tests, or a server without it). */
  live?: boolean;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

/** Changes per pulled page (the server caps it). */
export const DEFAULT_PULL_LIMIT = 10_000;

export type SyncEngine = ReturnType<typeof createSyncEngine>;

export function createSyncEngine(opts: SyncEngineOptions) {
  const { cache, client, logger } = opts;
  const periodMs = opts.periodMs ?? 30_000;
  const pushBatch = opts.pushBatch ?? 100;
  const pullLimit = opts.pullLimit ?? DEFAULT_PULL_LIMIT;
  const reconnectMin = opts.reconnectMinMs ?? 1_000;
  const reconnectMax = opts.reconnectMaxMs ?? 30_000;

  let state: SyncStatus['state'] = 'idle';
  /** Failure of the last cycle itself; cleared by the next good cycle. */
  let cycleError: ApiErrorBody | null = null;
  /** Why the server last refused an intent; stays until the user does something new. */
  let rejection: ApiErrorBody | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let socket: WebSocket | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let attempt = 0;
  /** Rows received / expected while a sync from scratch runs; null otherwise. */
  let progress: { done: number; total: number } | null = null;
  let onCall = false;
  /** This user's agent state as last published, sent again after every reconnect. */
  let agentStatus: AgentStatus | null = null;
  const presence = new Map<string, Presence>();

  function rejectedView(m: OutboxEntry) {
    const text = m.body.name === 'orders.addNote' ? m.body.args.text : m.body.name === 'calls.log' ? m.body.args.note || null : null;
    return { id: m.id, name: m.body.name, targetId: m.targetId, error: m.error ?? { code: 'server.error' as const, message: 'Rejected' }, text };
  }

  function status(): SyncStatus {
    return {
      state,
      pending: cache.pendingCount(),
      lastSyncAt: cache.syncState().lastSyncAt,
      lastError: cycleError ?? rejection,
      progress,
      rejected: cache.rejectedMutations().slice(0, 20).map(rejectedView),
    };
  }
  const publish = () => opts.onStatus(status());

  /** Pushes every pending intent; returns ids the server applied (removed after the pull). */
  async function push(touched: Set<string>): Promise<string[]> {
    const confirmed: string[] = [];
    const { deviceId } = cache.syncState();
    let after = 0;
    for (;;) {
      const batch = cache.pendingBatch(after, pushBatch);
      if (batch.length === 0) return confirmed;
      const res = await client.push(deviceId, batch.map(toMutation));
      const byId = new Map(res.results.map((r) => [r.id, r]));
      let stop = false;
      for (const m of batch) {
        const r = byId.get(m.id);
        if (r?.status === 'applied') confirmed.push(m.id);
        else if (r?.status === 'rejected') {
          // A refused intent consumed its seq on the server; it must not block the queue.
          const error = r.error ?? { code: 'server.error' as const, message: 'Rejected by the server' };
          cache.markRejected(m.id, error);
          rejection = error;
          touched.add('orders');
          logger.warn({ mutationId: m.id, seq: m.seq, code: error.code }, 'mutation rejected');
        } else {
          stop = true; // 'retry' or no answer: keep it and everything after it for the next cycle
        }
      }
      if (stop) return confirmed;
      after = batch.at(-1)?.seq ?? after;
    }
  }

  /**
   * A page request; `head` resolves with the cursor the headers announce, or null. Every page
   * but a run's first continues the run (the server checks only the first against the horizon).
   */
  function fetchPage(from: number, continued = true): { head: Promise<PullHead | null>; page: Promise<PullResponse> } {
    let announce: (h: PullHead | null) => void = () => undefined;
    const head = new Promise<PullHead | null>((resolve) => (announce = resolve));
    const page = client.pull(from, pullLimit, { continued, onHead: (h) => announce(h) });
    page.then(() => announce(null), () => announce(null));
    return { head, page };
  }

  async function pull(confirmed: string[], touched: Set<string>): Promise<void> {
    let cursor = cache.syncState().cursor;
    let rebuilt = false;
    // The next page is asked for as soon as this one's headers name its cursor, so the server
    // builds it while this one is read, checked and written.
    let current = fetchPage(cursor, false);
    for (;;) {
      const head = await current.head;
      const ahead = head?.hasMore ? { cursor: head.cursor, ...fetchPage(head.cursor) } : null;
      // If this page fails, the request ahead is dropped: its failure must not go unhandled.
      ahead?.page.catch(() => undefined);
      const page = await current.page;
      if (page.resync) {
        // Our cursor is older than the server's tombstones: we cannot know what was deleted.
        // The outbox was pushed at the start of this cycle; rebuild from scratch, keeping it.
        if (rebuilt) throw new PultError('server.error', 'Server asked for a resync twice');
        rebuilt = true;
        logger.warn({ cursor }, 'cursor too old, rebuilding the cache from the server');
        cache.resetData();
        cursor = 0;
        current = fetchPage(0, false);
        continue;
      }
      if (page.hasMore && page.cursor <= cursor) throw new PultError('server.error', 'Sync cursor did not advance');
      const last = !page.hasMore;
      // The headers' promise is kept only when the body says the same.
      if (page.hasMore) current = ahead && ahead.cursor === page.cursor ? ahead : fetchPage(page.cursor);
      if (cursor === 0 && page.total !== undefined && page.hasMore) progress = { done: 0, total: page.total };
      // A first sync (or rebuild) of many pages: build the catalog search index once at the end.
      if (cursor === 0 && page.hasMore) cache.beginBulkLoad();
      // Applied intents leave the outbox in the same transaction as the page that carries their
      // effect, so the optimistic view never flickers back to the old value.
      const r = cache.applyChanges(page.changes, page.cursor, last ? { confirmed, syncedAt: new Date().toISOString() } : {});
      r.entities.forEach((e) => touched.add(e));
      if (r.confirmed > 0) touched.add('orders');
      cursor = page.cursor;
      if (progress) {
        progress = { done: progress.done + page.changes.length, total: Math.max(progress.total, progress.done + page.changes.length) };
        publish();
      }
      if (last) {
        progress = null;
        cache.endBulkLoad();
        return;
      }
    }
  }

  async function cycle(): Promise<void> {
    state = 'syncing';
    publish();
    const touched = new Set<string>();
    try {
      // Push first: a rebuild (resync) must never be the moment a pending intent is lost.
      const confirmed = await push(touched);
      await pull(confirmed, touched);
      state = 'idle';
      cycleError = null;
    } catch (e) {
      const body = toErrorBody(e);
      if (body.code === 'server.unreachable') {
        state = 'offline';
        cycleError = null;
      } else {
        state = 'error';
        cycleError = e instanceof PultError ? body : { code: 'internal', message: 'Sync failed' };
        logger.error({ err: e }, 'sync failed');
      }
    } finally {
      if (touched.size > 0) opts.onDataChanged([...touched]);
      if (!stopped) publish();
    }
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      await cycle();
    } while (again && !stopped);
  }

  /** Runs a cycle now, or one more right after the running one; resolves with the status after. */
  function syncNow(): Promise<SyncStatus> {
    if (stopped) return Promise.resolve(status());
    if (running) again = true;
    else running = loop().finally(() => (running = null));
    return running.then(status);
  }

  function connectLive(): void {
    if (stopped || opts.live === false) return;
    const ws = new WebSocket(client.liveUrl({ wallboard: opts.wallboard === true }), { handshakeTimeout: 5_000 });
    socket = ws;
    ws.on('open', () => {
      attempt = 0;
      if (onCall) sendLive(ws, { type: 'presence.set', onCall });
      if (agentStatus) sendLive(ws, { type: 'agent.state', status: agentStatus });
    });
    ws.on('message', (data) => {
      let msg: LiveMessage;
      try {
        msg = LiveMessage.parse(JSON.parse(String(data)));
      } catch {
        return; // unknown message: newer server, ignore
      }
      if (msg.type === 'presence') {
        presence.set(msg.presence.userId, msg.presence);
        opts.onPresence?.(msg.presence);
        return;
      }
      if (msg.type === 'agent') {
        opts.onAgent?.(msg.agent);
        return;
      }
      if (msg.type === 'agent.self') {
        const s = msg.state;
        if (s.kind !== 'offline') agentStatus = { kind: s.kind, reason: s.reason ?? null, peer: s.peer ?? null, acwEndsAt: s.acwEndsAt ?? null };
        opts.onSelfState?.(msg.state);
        return;
      }
      const cursor = cache.syncState().cursor;
      // The server sent the changes themselves: apply them unless a cycle is writing now.
      if (msg.type === 'changed' && msg.changes && msg.from === cursor && !running && state !== 'offline') {
        try {
          const r = cache.applyChanges(msg.changes, msg.cursor, { syncedAt: new Date().toISOString() });
          if (r.entities.length > 0) opts.onDataChanged(r.entities);
          publish();
          return;
        } catch (err) {
          logger.warn({ err }, 'could not apply live changes, pulling instead');
        }
      }
      // 'hello' after a reconnect also catches up on what happened while we were away.
      if (msg.cursor > cache.syncState().cursor || state === 'offline') void syncNow();
    });
    ws.on('error', (err) => logger.debug?.({ err: err.message }, 'live channel error'));
    ws.on('close', () => {
      if (socket === ws) socket = null;
      // We cannot see others while disconnected; the next hello brings a fresh snapshot.
      presence.clear();
      if (stopped) return;
      const delay = Math.min(reconnectMax, reconnectMin * 2 ** attempt++) * (0.8 + Math.random() * 0.4);
      reconnectTimer = setTimeout(connectLive, delay);
      reconnectTimer.unref();
    });
  }

  function sendLive(ws: WebSocket, m: ClientLiveMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  }

  return {
    status,
    syncNow,
    /** Tells the server (and through it supervisors) whether this user is on a call. */
    setOnCall(value: boolean): void {
      onCall = value;
      if (socket) sendLive(socket, { type: 'presence.set', onCall: value });
    },
    /** Publishes this user's agent state (kept and sent again after a reconnect). */
    setAgentStatus(status: AgentStatus): void {
      agentStatus = status;
      if (socket) sendLive(socket, { type: 'agent.state', status });
    },
    /** Other users' presence as last reported (empty while the live channel is down). */
    presence: (): Presence[] => [...presence.values()],
    /** A local change was queued: forget the old refusal and push soon. */
    kick(): void {
      rejection = null;
      void syncNow();
    },
    start(): void {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(() => void syncNow(), periodMs);
      timer.unref();
      connectLive();
      void syncNow();
    },
    /** Stops timers and the socket, and waits for a running cycle so the cache can close. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      timer = reconnectTimer = null;
      const ws = socket;
      socket = null;
      if (ws) ws.readyState === WebSocket.CONNECTING ? ws.terminate() : ws.close();
      // A request stuck on a dead network must not hold up shutdown for its whole timeout.
      if (running) await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, 3_000).unref())]);
    },
  };
}
