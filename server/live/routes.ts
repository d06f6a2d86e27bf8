// GET /api/live?token=… — a WebSocket that tells clients when to pull (or carries the changes
// themselves) and carries presence: who is online, who is on a call. Agents publish their
// state on it; a supervisor's or admin's socket opened with `wallboard=1` receives every
// agent's state (anyone else asking for that gets HTTP 403), and an agent's own sockets hear
// when a supervisor changed their state.
// Browsers cannot set headers on a WebSocket, hence the token in the query (never logged:
// the request serializer drops query strings).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { maySeeWallboard } from '../../core/agent-state.js';
import { PultError } from '../../core/errors.js';
import { API } from '../../core/http.js';
import { ClientLiveMessage, type LiveMessage } from '../../core/sync.js';
import { authenticateToken } from '../auth/sessions.js';
import type { Db } from '../db/database.js';
import { currentVersion } from '../db/versions.js';
import { persistAgentStates } from './agent-store.js';
import { ChangeFeed } from './feed.js';
import type { ChangeNotifier } from './notifier.js';
import { PresenceHub } from './presence.js';

export const WS_CLOSE_UNAUTHORIZED = 4401;
const PING_MS = 30_000;
/** `wallboard=1`: this socket also wants every agent's state (supervisors and admins; 403 otherwise). */
const LiveQuery = z.object({ token: z.string().min(1).max(200), wallboard: z.literal('1').optional() });

function send(socket: WebSocket, message: LiveMessage | string): void {
  if (socket.readyState === socket.OPEN) socket.send(typeof message === 'string' ? message : JSON.stringify(message));
}

export function registerLiveRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier, presence = new PresenceHub()): void {
  const feed = new ChangeFeed(db, notifier);
  app.addHook('onClose', async () => feed.close());
  // One serialization per message, however many sockets.
  const fanout = new Set<(text: string) => void>();
  /** Supervisors' and admins' sockets: the only ones that get wallboard data. */
  const watchers = new Set<(text: string) => void>();
  /** Each user's sockets, to tell an agent about a supervisor's change. */
  const byUser = new Map<string, Set<(text: string) => void>>();
  feed.subscribe((m) => {
    const text = JSON.stringify(m);
    for (const f of [...fanout]) f(text);
  });
  presence.subscribe((p) => {
    const text = JSON.stringify({ type: 'presence', presence: p } satisfies LiveMessage);
    for (const f of [...fanout]) f(text);
  });
  const offAgents = presence.subscribeAgents((agent) => {
    const text = JSON.stringify({ type: 'agent', agent } satisfies LiveMessage);
    for (const f of [...watchers]) f(text);
  });
  const offSelf = presence.subscribeSelf((userId, state) => {
    const text = JSON.stringify({ type: 'agent.self', state } satisfies LiveMessage);
    for (const f of [...(byUser.get(userId) ?? [])]) f(text);
  });
  const stopPersisting = persistAgentStates(db, presence, app.log);
  app.addHook('onClose', async () => {
    offAgents();
    offSelf();
    await stopPersisting();
  });

  // Asking for wallboard data is checked before the upgrade, so a refusal is a plain HTTP 403.
  const preValidation = async (request: FastifyRequest): Promise<void> => {
    const query = LiveQuery.safeParse(request.query);
    if (!query.success || !query.data.wallboard) return;
    const auth = await authenticateToken(db, query.data.token);
    if (!maySeeWallboard(auth.user.role)) {
      request.log.info({ userId: auth.user.id, role: auth.user.role }, 'live wallboard refused');
      throw new PultError('forbidden', `The wallboard is for supervisors and administrators; your role is ${auth.user.role}`);
    }
  };

  app.get(API.live, { websocket: true, preValidation }, (socket, request) => {
    const query = LiveQuery.safeParse(request.query);
    const start = async (): Promise<void> => {
      if (!query.success) throw new Error('missing token');
      const auth = await authenticateToken(db, query.data.token);
      if (socket.readyState !== socket.OPEN) return; // the client left while we checked
      const userId = auth.user.id;
      // Subscribe before reading the cursor, so no change falls between the two.
      const out = (text: string) => send(socket, text);
      fanout.add(out);
      const mine = byUser.get(userId) ?? new Set();
      mine.add(out);
      byUser.set(userId, mine);
      const watching = query.data.wallboard === '1' && maySeeWallboard(auth.user.role);
      const ping = setInterval(() => socket.ping(), PING_MS);
      ping.unref();
      socket.on('close', () => {
        fanout.delete(out);
        watchers.delete(out);
        mine.delete(out);
        if (mine.size === 0 && byUser.get(userId) === mine) byUser.delete(userId);
        presence.disconnect(socket);
        clearInterval(ping);
      });
      socket.on('message', (data) => {
        let msg: ClientLiveMessage;
        try {
          msg = ClientLiveMessage.parse(JSON.parse(String(data)));
        } catch {
          return; // unknown message from a newer client: ignore
        }
        if (msg.type === 'presence.set') presence.setOnCall(socket, msg.onCall);
        // The phone is the client's: its own state is taken as published (time from our clock).
        else if (msg.type === 'agent.state') presence.setAgentStatus(socket, msg.status);
      });
      send(socket, { type: 'hello', cursor: await currentVersion(db) });
      for (const p of presence.snapshot()) send(socket, { type: 'presence', presence: p });
      if (watching) {
        for (const agent of presence.agentViews()) send(socket, { type: 'agent', agent });
        watchers.add(out);
      }
      presence.connect(socket, userId, { name: auth.user.displayName, role: auth.user.role });
      request.log.info({ userId }, 'live connected');
    };
    start().catch(() => {
      request.log.info('live refused');
      socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized');
    });
  });
}
