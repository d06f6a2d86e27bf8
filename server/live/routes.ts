// GET /api/live?token=… — a WebSocket that tells clients when to pull (or carries the changes
// themselves) and carries presence: who is online, who is on a call.
// Browsers cannot set headers on a WebSocket, hence the token in the query (never logged:
// the request serializer drops query strings).
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { API } from '../../core/http.js';
import { ClientLiveMessage, type LiveMessage } from '../../core/sync.js';
import { authenticateToken } from '../auth/sessions.js';
import type { Db } from '../db/database.js';
import { currentVersion } from '../db/versions.js';
import { ChangeFeed } from './feed.js';
import type { ChangeNotifier } from './notifier.js';
import { PresenceHub } from './presence.js';

export const WS_CLOSE_UNAUTHORIZED = 4401;
const PING_MS = 30_000;
const LiveQuery = z.object({ token: z.string().min(1).max(200) });

function send(socket: WebSocket, message: LiveMessage | string): void {
  if (socket.readyState === socket.OPEN) socket.send(typeof message === 'string' ? message : JSON.stringify(message));
}

export function registerLiveRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier, presence = new PresenceHub()): void {
  const feed = new ChangeFeed(db, notifier);
  app.addHook('onClose', async () => feed.close());
  // One serialization per message, however many sockets.
  const fanout = new Set<(text: string) => void>();
  feed.subscribe((m) => {
    const text = JSON.stringify(m);
    for (const f of [...fanout]) f(text);
  });
  presence.subscribe((p) => {
    const text = JSON.stringify({ type: 'presence', presence: p } satisfies LiveMessage);
    for (const f of [...fanout]) f(text);
  });

  app.get(API.live, { websocket: true }, (socket, request) => {
    const query = LiveQuery.safeParse(request.query);
    const start = async (): Promise<void> => {
      if (!query.success) throw new Error('missing token');
      const auth = await authenticateToken(db, query.data.token);
      if (socket.readyState !== socket.OPEN) return; // the client left while we checked
      // Subscribe before reading the cursor, so no change falls between the two.
      const out = (text: string) => send(socket, text);
      fanout.add(out);
      const ping = setInterval(() => socket.ping(), PING_MS);
      ping.unref();
      socket.on('close', () => {
        fanout.delete(out);
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
      });
      send(socket, { type: 'hello', cursor: await currentVersion(db) });
      for (const p of presence.snapshot()) send(socket, { type: 'presence', presence: p });
      presence.connect(socket, auth.user.id);
      request.log.info({ userId: auth.user.id }, 'live connected');
    };
    start().catch(() => {
      request.log.info('live refused');
      socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized');
    });
  });
}
