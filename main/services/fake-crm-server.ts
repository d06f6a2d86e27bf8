// Test support: a tiny in-memory CRM server speaking the real HTTP + live API (core/http.ts,
// core/sync.ts), so client services are tested against the wire format, not mocks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Order, User } from '../../core/domain.js';
import { PultError, toErrorBody } from '../../core/errors.js';
import { CLAIM_TTL_MS } from '../../core/assignment.js';
import { API, ClaimRequest, LoginRequest } from '../../core/http.js';
import { checkStageChange } from '../../core/reasons.js';
import { Mutation, PushRequest, type Change, type MutationResult, type Tombstone } from '../../core/sync.js';
import { PIPELINE } from '../../db/test-fixtures.js';

export interface FakeCrm {
  url: string;
  port: number;
  /** Server-side write: appends to the change log and notifies live clients. */
  write(change: Omit<Change, 'version'> | Omit<Tombstone, 'version'>): number;
  orders: Map<string, Order>;
  requests: string[];
  pushes: Mutation[][];
  /** Makes the next pushed mutations answer `rejected` with this error. */
  rejectNext: PultError | null;
  liveClients(): number;
  close(): Promise<void>;
}

export async function startFakeCrm(accounts: { user: User; password: string }[], port = 0): Promise<FakeCrm> {
  const log: (Change | Tombstone)[] = [];
  const tokens = new Map<string, User>();
  const applied = new Set<string>();
  const orders = new Map<string, Order>();
  const claims = new Map<string, { userId: string; expiresAt: number }>();
  const sockets = new Set<WebSocket>();
  const cursor = () => log.at(-1)?.version ?? 0;

  const fake: FakeCrm = {
    url: '',
    port: 0,
    orders,
    requests: [],
    pushes: [],
    rejectNext: null,
    write(change) {
      const full = { ...change, version: cursor() + 1 } as Change | Tombstone;
      if (full.op === 'upsert' && full.entity === 'orders') orders.set(full.data.id, full.data);
      log.push(full);
      for (const s of sockets) s.send(JSON.stringify({ type: 'changed', cursor: cursor() }));
      return full.version;
    },
    liveClients: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: http.IncomingMessage): Promise<unknown> => {
    let s = '';
    for await (const chunk of req) s += String(chunk);
    return s ? (JSON.parse(s) as unknown) : undefined;
  };
  const authUser = (req: http.IncomingMessage) => tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));

  function applyMutation(m: Mutation, user: User): MutationResult {
    if (applied.has(m.id)) return { id: m.id, seq: m.seq, status: 'applied' };
    try {
      if (fake.rejectNext) throw fake.rejectNext;
      if (m.name !== 'orders.changeStage') {
        // The fake only models stage changes; other intents are accepted as they are.
        applied.add(m.id);
        return { id: m.id, seq: m.seq, status: 'applied' };
      }
      const o = orders.get(m.args.orderId);
      if (!o) throw new PultError('not_found', 'no such order');
      const moved = m.args.fromStageId !== undefined ? o.stageId !== m.args.fromStageId : o.version !== m.args.baseVersion;
      if (moved) throw new PultError('conflict', 'order changed meanwhile');
      const failureReason = checkStageChange(PIPELINE, o.stageId, m.args.toStageId, user.role, m.args.reason);
      fake.write({ entity: 'orders', op: 'upsert', data: { ...o, stageId: m.args.toStageId, failureReason, version: o.version + 1 } });
      applied.add(m.id);
      return { id: m.id, seq: m.seq, status: 'applied' };
    } catch (e) {
      applied.add(m.id);
      return { id: m.id, seq: m.seq, status: 'rejected', error: toErrorBody(e) };
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    fake.requests.push(`${req.method} ${url.pathname}`);
    void (async () => {
      if (req.method === 'POST' && url.pathname === API.login) {
        const body = LoginRequest.parse(await readBody(req));
        const acc = accounts.find((a) => a.user.login === body.login && a.password === body.password);
        if (!acc) return send(res, 401, { code: 'auth.invalid_credentials', message: 'bad' });
        const token = `tok-${acc.user.id}-${Math.random().toString(36).slice(2)}`;
        tokens.set(token, acc.user);
        return send(res, 200, { token, user: acc.user, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
      }
      const user = authUser(req);
      if (!user) return send(res, 401, { code: 'auth.session_expired', message: 'no session' });
      if (url.pathname === API.logout) {
        tokens.delete((req.headers.authorization ?? '').slice(7));
        return send(res, 200, { ok: true });
      }
      if (url.pathname === API.me) return send(res, 200, user);
      if (url.pathname === API.pull) {
        const after = Number(url.searchParams.get('cursor') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 2000);
        const rest = log.filter((c) => c.version > after);
        const page = rest.slice(0, limit);
        return send(res, 200, { cursor: page.at(-1)?.version ?? Math.max(after, 0), hasMore: rest.length > limit, changes: page });
      }
      if (url.pathname === API.claims && (req.method === 'POST' || req.method === 'DELETE')) {
        // Claims as the real server keeps them: one per thing, a sync change on every write.
        const body = ClaimRequest.parse(await readBody(req));
        const key = `${body.entity}:${body.id}`;
        const held = claims.get(key);
        const now = Date.now();
        if (req.method === 'DELETE') {
          if (held?.userId === user.id && held.expiresAt > now) {
            claims.set(key, { userId: user.id, expiresAt: now });
            fake.write({ entity: 'claims', op: 'upsert', data: { entity: body.entity, entityId: body.id, userId: user.id, expiresAt: new Date(now).toISOString() } });
          }
          return send(res, 200, { ok: true });
        }
        if (held && held.userId !== user.id && held.expiresAt > now) {
          const holder = accounts.find((a) => a.user.id === held.userId)?.user.displayName ?? '?';
          return send(res, 409, { code: 'claim.taken', message: 'taken', fields: { holder } });
        }
        const expiresAt = now + CLAIM_TTL_MS;
        claims.set(key, { userId: user.id, expiresAt });
        const iso = new Date(expiresAt).toISOString();
        fake.write({ entity: 'claims', op: 'upsert', data: { entity: body.entity, entityId: body.id, userId: user.id, expiresAt: iso } });
        return send(res, 200, { entity: body.entity, id: body.id, userId: user.id, holderName: user.displayName, expiresAt: iso });
      }
      if (url.pathname === API.push) {
        const body = PushRequest.parse(await readBody(req));
        const mutations = body.mutations.map((m) => Mutation.parse(m));
        fake.pushes.push(mutations);
        const results = mutations.map((m) => applyMutation(m, user));
        return send(res, 200, { results, cursor: cursor() });
      }
      send(res, 404, { code: 'not_found', message: 'no route' });
    })().catch((e: unknown) => send(res, 500, { code: 'internal', message: String(e) }));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== API.live || !tokens.has(url.searchParams.get('token') ?? '')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.send(JSON.stringify({ type: 'hello', cursor: cursor() }));
    });
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  fake.port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${fake.port}`;
  return fake;
}
