// The demo orders' stage history: each demo order that is past its first stage got there in
// one step, when the seed says it was last updated, so the reports screen has sales, installs,
// cancellations and stage times to show from the first start. Kept apart from seedDemo (which
// older-schema tests also run) and idempotent: only orders without any history get a row.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/database.js';
import type { StageKind } from '../db/schema.js';
import { DEMO_USERS, type DemoUser } from './demo.js';
import { SEED_ORDERS } from './orders.js';
import { SEED_PIPELINES } from './pipelines.js';

const DEMO_REASONS = ['customer_refused', 'too_expensive', 'bought_elsewhere'];

export async function seedDemoHistory(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const orders = await trx
      .selectFrom('orders')
      .select(['id', 'pipeline_id', 'stage_id', 'operator_id', 'technician_id', 'amount_kopecks', 'city', 'created_at', 'updated_at'])
      .where('id', 'in', SEED_ORDERS.map((o) => o.id))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('order_stage_history as h').select('h.id').whereRef('h.order_id', '=', 'orders.id'))))
      .execute();
    const users = Object.values(DEMO_USERS);
    const rows = orders.flatMap((o, i) => {
      const pipeline = SEED_PIPELINES.find((p) => p.id === o.pipeline_id);
      const first = pipeline?.stages[0];
      const target = pipeline?.stages.find((s) => s.id === o.stage_id);
      if (!first || !target || first.id === o.stage_id) return [];
      const byId = (id: string | null): DemoUser | undefined => users.find((u) => u.id === id);
      const by = (target.role === 'technician' ? byId(o.technician_id) : undefined) ?? byId(o.operator_id) ?? DEMO_USERS.supervisor;
      const kind: StageKind = target.kind;
      return [{
        id: uuidv7(), order_id: o.id, pipeline_id: o.pipeline_id, from_stage_id: first.id, to_stage_id: o.stage_id, to_kind: kind,
        from_entered_at: o.created_at, transition_no: 1, user_id: by.id, role: by.role,
        reason: kind === 'failure' ? (DEMO_REASONS[i % DEMO_REASONS.length] ?? null) : null,
        changed_at: o.updated_at, operator_id: o.operator_id, technician_id: o.technician_id,
        amount_kopecks: Number(o.amount_kopecks), city: o.city, order_created_at: o.created_at,
      }];
    });
    if (rows.length) await trx.insertInto('order_stage_history').values(rows).execute();
    return rows.length;
  });
}
