// The wallboard snapshot: every operator with their live state, open callbacks with their due
// times, open orders past their stage's time limit, and today's counts — read in one go.
import { sql } from 'kysely';
import type { AgentState, AgentView } from '../../core/agent-state.js';
import type { WallboardSnapshot } from '../../core/wallboard.js';
import type { Db } from '../db/database.js';
import type { PresenceHub } from '../live/presence.js';
import { siteToday, utcBounds } from '../reports/context.js';
import { workingHours } from '../robots/robots.js';

/** Enough rows for a wall screen; the oldest (most urgent) first. */
const ROW_LIMIT = 200;

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

export async function wallboardSnapshot(db: Db, presence: PresenceHub, now = new Date()): Promise<WallboardSnapshot> {
  const { timeZone } = await workingHours(db);
  const today = siteToday(now, timeZone);
  const { fromUtc, toUtc } = utcBounds({ from: today, to: today }, timeZone);

  const [users, callbacks, orders, calls, created, done] = await Promise.all([
    db
      .selectFrom('users')
      .leftJoin('agent_states', 'agent_states.user_id', 'users.id')
      .select(['users.id', 'users.display_name', 'users.role', 'agent_states.updated_at'])
      .where('users.role', '=', 'operator')
      .where('users.active', '=', true)
      .orderBy('users.display_name')
      .execute(),
    db
      .selectFrom('callbacks as cb')
      .leftJoin('customers as c', 'c.id', 'cb.customer_id')
      .leftJoin('users as u', 'u.id', 'cb.assignee_id')
      .select(['cb.id', 'cb.phone', 'cb.due_at', 'cb.reason', 'cb.assignee_id', 'c.name as customer_name', 'u.display_name as assignee_name'])
      .where('cb.done_at', 'is', null)
      .orderBy('cb.due_at')
      .limit(ROW_LIMIT)
      .execute(),
    db
      .selectFrom('orders as o')
      .innerJoin('pipelines as p', 'p.id', 'o.pipeline_id')
      .leftJoin('customers as c', 'c.id', 'o.customer_id')
      .leftJoin('users as u', 'u.id', 'o.operator_id')
      .select([
        'o.id', 'o.number', 'o.title', 'o.operator_id', 'o.sla_due_at', 'c.name as customer_name', 'u.display_name as operator_name',
        sql<string | null>`(SELECT s ->> 'name' FROM jsonb_array_elements(p.definition -> 'stages') s WHERE s ->> 'id' = o.stage_id LIMIT 1)`.as('stage_name'),
      ])
      .where('o.sla_due_at', '<', now)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM jsonb_array_elements(p.definition -> 'stages') s WHERE s ->> 'id' = o.stage_id AND s ->> 'kind' = 'open')`)
      .orderBy('o.sla_due_at')
      .limit(ROW_LIMIT)
      .execute(),
    db
      .selectFrom('calls')
      .select([
        sql<number>`count(*) FILTER (WHERE direction = 'incoming')`.as('incoming'),
        sql<number>`count(*) FILTER (WHERE direction = 'incoming' AND outcome = 'answered')`.as('answered'),
        sql<number>`count(*) FILTER (WHERE direction = 'incoming' AND outcome = 'missed')`.as('missed'),
      ])
      .where('started_at', '>=', fromUtc)
      .where('started_at', '<', toUtc)
      .executeTakeFirstOrThrow(),
    db.selectFrom('orders').select(sql<number>`count(*)`.as('n')).where('created_at', '>=', fromUtc).where('created_at', '<', toUtc).executeTakeFirstOrThrow(),
    db.selectFrom('callbacks').select(sql<number>`count(*)`.as('n')).where('done_at', '>=', fromUtc).where('done_at', '<', toUtc).executeTakeFirstOrThrow(),
  ]);

  const agents: AgentView[] = users.map((u) => {
    const state: AgentState = presence.agentState(u.id) ?? {
      kind: 'offline', reason: null, peer: null, acwEndsAt: null, since: iso(u.updated_at ?? now),
    };
    return { userId: u.id, name: u.display_name, role: u.role, state };
  });

  return {
    now: now.toISOString(),
    agents,
    callbacks: callbacks.map((c) => ({
      id: c.id,
      phone: c.phone,
      customerName: c.customer_name,
      assigneeId: c.assignee_id,
      assigneeName: c.assignee_name,
      dueAt: iso(c.due_at),
      reason: c.reason,
    })),
    ordersPastSla: orders.flatMap((o) =>
      o.sla_due_at
        ? [{
            id: o.id,
            number: o.number,
            title: o.title,
            customerName: o.customer_name,
            operatorId: o.operator_id,
            operatorName: o.operator_name,
            stageName: o.stage_name ?? '',
            slaDueAt: iso(o.sla_due_at),
          }]
        : [],
    ),
    today: {
      callsIncoming: Number(calls.incoming),
      callsAnswered: Number(calls.answered),
      callsMissed: Number(calls.missed),
      ordersCreated: Number(created.n),
      callbacksDone: Number(done.n),
    },
  };
}
