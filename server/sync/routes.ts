// /api/sync/pull and /api/sync/push.
import type { FastifyInstance } from 'fastify';
import { API } from '../../core/http.js';
import { PULL_HEAD_HEADERS, PullRequest, PushRequest, type PushResponse } from '../../core/sync.js';
import { requireAuth } from '../auth/routes.js';
import type { Db } from '../db/database.js';
import { parseInput } from '../http/errors.js';
import type { ChangeNotifier } from '../live/notifier.js';
import { pullPageBody, pullPageJson } from './pull.js';
import { pushMutations } from './push.js';

export function registerSyncRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier): void {
  // The body is a PullResponse whose changes the database serialized (see wire-json.ts).
  app.get(API.pull, async (request, reply) => {
    await requireAuth(db, request);
    const { cursor, limit, continued } = parseInput(PullRequest, request.query);
    const page = await pullPageJson(db, cursor, limit, { continued });
    return reply
      .type('application/json; charset=utf-8')
      .header(PULL_HEAD_HEADERS.cursor, String(page.head.cursor))
      .header(PULL_HEAD_HEADERS.hasMore, String(page.head.hasMore))
      .send(pullPageBody(page));
  });

  app.post(API.push, async (request): Promise<PushResponse> => {
    const auth = await requireAuth(db, request);
    const input = parseInput(PushRequest, request.body);
    const { response, wrote } = await pushMutations(db, auth, input.deviceId, input.mutations, request.log);
    if (wrote) notifier.publish(response.cursor);
    return response;
  });
}
