// GET /api/live?token=… — a WebSocket that tells clients when to pull.
// Browsers cannot set headers on a WebSocket, hence the token in the query (never logged:
// the request serializer drops query strings).
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { API } from '../../core/http.js';
import type { LiveMessage } from '../../core/sync.js';
import { authenticateToken } from '../auth/sessions.js';
import type { Db } from '../db/database.js';
import { currentVersion } from '../db/versions.js';
import type { ChangeNotifier } from './notifier.js';

export const WS_CLOSE_UNAUTHORIZED = 4401;
const PING_MS = 30_000;
const LiveQuery = z.object({ token: z.string().min(1).max(200) });

function send(socket: WebSocket, message: LiveMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

export function registerLiveRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier): void {
  app.get(API.live, { websocket: true }, (socket, request) => {
    const query = LiveQuery.safeParse(request.query);
    const start = async (): Promise<void> => {
      if (!query.success) throw new Error('missing token');
      const auth = await authenticateToken(db, query.data.token);
      if (socket.readyState !== socket.OPEN) return; // the client left while we checked
      // Subscribe before reading the cursor, so no change falls between the two.
      const unsubscribe = notifier.subscribe((cursor) => send(socket, { type: 'changed', cursor }));
      const ping = setInterval(() => socket.ping(), PING_MS);
      ping.unref();
      socket.on('close', () => {
        unsubscribe();
        clearInterval(ping);
      });
      send(socket, { type: 'hello', cursor: await currentVersion(db) });
      request.log.info({ userId: auth.user.id }, 'live connected');
    };
    start().catch(() => {
      request.log.info('live refused');
      socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized');
    });
  });
}
