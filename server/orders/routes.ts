// POST /api/orders/:id/stage: a stage change over plain HTTP, enforced by the same code the
// sync push runs (transition matrix by role, a reason for a failed close).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Order } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { API, ChangeStageRequest } from '../../core/http.js';
import { requireAuth } from '../auth/routes.js';
import type { Db } from '../db/database.js';
import { toOrder } from '../db/mappers.js';
import { parseInput } from '../http/errors.js';
import type { ChangeNotifier } from '../live/notifier.js';
import { changeStage } from './change-stage.js';

const Params = z.object({ id: z.string().uuid() });

export function registerOrderRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier): void {
  app.post(`${API.orders}/:id/stage`, async (request): Promise<Order> => {
    const auth = await requireAuth(db, request);
    const { id } = parseInput(Params, request.params);
    const input = parseInput(ChangeStageRequest, request.body ?? {});
    const { outcome, order } = await db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('orders').select('version').where('id', '=', id).executeTakeFirst();
      if (!current) throw new PultError('not_found', `Order ${id} not found`);
      const baseVersion = input.baseVersion ?? Number(current.version);
      const outcome = await changeStage(trx, { orderId: id, toStageId: input.toStageId, baseVersion, reason: input.reason ?? null }, auth.user.role);
      return { outcome, order: toOrder(await trx.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) };
    });
    if (outcome.changed) notifier.publish(outcome.version);
    request.log.info({ order: order.number, stage: order.stageId, userId: auth.user.id }, 'stage changed over HTTP');
    return order;
  });
}
