// Who gets new work: reads the operators' availability and load, then asks the core rule.
import { sql } from 'kysely';
import { pickOperator, pickTechnician, type OperatorLoad, type TechnicianLoad } from '../../core/assignment.js';
import type { Tx } from '../db/database.js';
import { usersNotTakingWork } from '../live/agent-store.js';

/**
 * Available = an active operator with a live session (logged in somewhere) who is not on a
 * break or «не на месте» (agent states, issue 7); load = open orders assigned to them. The customer's previous operator is preferred when available.
 */
export async function chooseOperator(trx: Tx, customerId: string | null, now = new Date()): Promise<string | null> {
  const rows = await trx
    .selectFrom('users')
    .leftJoin('sessions', (j) => j.onRef('sessions.user_id', '=', 'users.id').on('sessions.expires_at', '>', now))
    .select((eb) => [
      'users.id',
      eb.fn.count<number>('sessions.token_hash').as('sessions'),
      sql<number>`(SELECT count(*) FROM orders o JOIN pipelines p ON p.id = o.pipeline_id
        WHERE o.operator_id = users.id
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.definition -> 'stages') s
                      WHERE s ->> 'id' = o.stage_id AND s ->> 'kind' = 'open'))`.as('open_items'),
    ])
    .where('users.role', '=', 'operator')
    .where('users.active', '=', true)
    .groupBy('users.id')
    .execute();
  const away = await usersNotTakingWork(trx);
  const operators: OperatorLoad[] = rows.map((r) => ({ id: r.id, available: Number(r.sessions) > 0 && !away.has(r.id), openItems: Number(r.open_items) }));
  let previous: string | null = null;
  if (customerId) {
    const last = await trx
      .selectFrom('orders')
      .select('operator_id')
      .where('customer_id', '=', customerId)
      .where('operator_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    previous = last?.operator_id ?? null;
  }
  return pickOperator(operators, previous);
}

/**
 * The technician for an order in `district`: among active technicians of that district, the
 * one with the fewest open orders (core rule). Null without a district or anyone serving it.
 */
export async function chooseTechnician(trx: Tx, district: string | null): Promise<string | null> {
  if (!district) return null;
  const rows = await trx
    .selectFrom('users')
    .select([
      'users.id',
      'users.district',
      sql<number>`(SELECT count(*) FROM orders o JOIN pipelines p ON p.id = o.pipeline_id
        WHERE o.technician_id = users.id
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.definition -> 'stages') s
                      WHERE s ->> 'id' = o.stage_id AND s ->> 'kind' = 'open'))`.as('open_items'),
    ])
    .where('users.role', '=', 'technician')
    .where('users.active', '=', true)
    .execute();
  // Technicians plan tomorrow's visits: being logged in right now does not matter.
  const technicians: TechnicianLoad[] = rows.map((r) => ({ id: r.id, district: r.district, available: true, openItems: Number(r.open_items) }));
  return pickTechnician(technicians, district);
}
