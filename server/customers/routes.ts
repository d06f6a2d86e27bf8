// GET /api/customers/by-phone?phone= — the incoming-call card: a customer and their open orders.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Order } from '../../core/domain.js';
import { API, type CustomerLookupResponse } from '../../core/http.js';
import { maskPhone, normalizePhone } from '../../core/phone.js';
import { isOpenStage } from '../../core/pipeline.js';
import { requireAuth } from '../auth/routes.js';
import type { Db } from '../db/database.js';
import { toCustomer, toOrder, toPipeline } from '../db/mappers.js';
import { parseInput } from '../http/errors.js';
import { MergeRequest, type DuplicatesResponse, type MergeResponse } from '../../core/duplicates.js';
import { findDuplicates, mergeCustomers } from './merge.js';
import type { ChangeNotifier } from '../live/notifier.js';
import { currentVersion } from '../db/versions.js';

const LookupQuery = z.object({ phone: z.string().trim().min(1).max(64) });

export async function findCustomerByPhone(db: Db, e164: string): Promise<CustomerLookupResponse> {
  // One person = one phone is the goal; until merging lands, the freshest record wins.
  const row = await db.selectFrom('customers').selectAll().where('phone', '=', e164).orderBy('updated_at', 'desc').executeTakeFirst();
  if (!row) return { customer: null, openOrders: [] };
  const orders = await db.selectFrom('orders').selectAll().where('customer_id', '=', row.id).orderBy('created_at', 'desc').execute();
  const pipelineIds = [...new Set(orders.map((o) => o.pipeline_id))];
  const pipelines = pipelineIds.length
    ? (await db.selectFrom('pipelines').selectAll().where('id', 'in', pipelineIds).execute()).map(toPipeline)
    : [];
  const byId = new Map(pipelines.map((p) => [p.id, p]));
  const openOrders: Order[] = orders
    .filter((o) => {
      const p = byId.get(o.pipeline_id);
      return p ? isOpenStage(p, o.stage_id) : false;
    })
    .map(toOrder);
  return { customer: toCustomer(row), openOrders };
}


export function registerCustomerRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier): void {
  // Duplicates and their merge: an admin's or supervisor's job (it rewrites history).
  app.get(API.customerDuplicates, async (request): Promise<DuplicatesResponse> => {
    await requireAuth(db, request, ['admin', 'supervisor']);
    return { groups: await findDuplicates(db) };
  });
  app.post(API.customerMerge, async (request): Promise<MergeResponse> => {
    const auth = await requireAuth(db, request, ['admin', 'supervisor']);
    const { keepId, dropId } = parseInput(MergeRequest, request.body);
    const { moved } = await db.transaction().execute((trx) => mergeCustomers(trx, keepId, dropId));
    request.log.info({ keepId, dropId, by: auth.user.id, moved }, 'customers merged');
    notifier.publish(await currentVersion(db));
    const kept = await db.selectFrom('customers').selectAll().where('id', '=', keepId).executeTakeFirstOrThrow();
    return { ok: true as const, moved, kept: toCustomer(kept) };
  });

  app.get(API.customerByPhone, async (request): Promise<CustomerLookupResponse> => {
    await requireAuth(db, request);
    const { phone } = parseInput(LookupQuery, request.query);
    const e164 = normalizePhone(phone);
    // An unparseable number (an internal extension, a hidden caller) is simply nobody we know.
    if (!e164) return { customer: null, openOrders: [] };
    const result = await findCustomerByPhone(db, e164);
    request.log.info({ phone: maskPhone(e164), found: result.customer !== null }, 'customer lookup');
    return result;
  });
}
