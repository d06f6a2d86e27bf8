// The demo orders' stage history: each order that is past its first stage got there in one
// step, halfway through its life (when the seed says it was last updated), so the reports
// screen has sales, installs, cancellations and stage times to show from the first start.
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import type { StageKind } from '../db/schema.js';
import type { DemoUser } from './demo.js';
import type { DemoLogin, SeedOrder } from './orders.js';
import { SEED_PIPELINES } from './pipelines.js';

const DEMO_REASONS = ['customer_refused', 'too_expensive', 'bought_elsewhere'];

export async function seedDemoHistory(
  trx: Tx, orders: SeedOrder[], users: Record<DemoLogin, DemoUser>, cityOf: (order: SeedOrder) => string | null, now: Date,
): Promise<void> {
  const rows = orders.flatMap((o, i) => {
    const pipeline = SEED_PIPELINES.find((p) => p.id === o.pipelineId);
    const first = pipeline?.stages[0];
    const target = pipeline?.stages.find((s) => s.id === o.stageId);
    if (!first || !target || first.id === o.stageId) return [];
    const createdAt = new Date(now.getTime() - o.hoursAgo * 3_600_000);
    const changedAt = new Date(now.getTime() - (o.hoursAgo / 2) * 3_600_000);
    const by: DemoUser = target.role === 'technician' && o.technician ? users[o.technician] : o.operator ? users[o.operator] : users.supervisor;
    const kind: StageKind = target.kind;
    return [{
      id: uuidv7(), order_id: o.id, pipeline_id: o.pipelineId, from_stage_id: first.id, to_stage_id: o.stageId, to_kind: kind,
      from_entered_at: createdAt, transition_no: 1, user_id: by.id, role: by.role,
      reason: kind === 'failure' ? (by.role === 'operator' ? (DEMO_REASONS[i % DEMO_REASONS.length] ?? null) : null) : null,
      changed_at: changedAt, operator_id: o.operator ? users[o.operator].id : null, technician_id: o.technician ? users[o.technician].id : null,
      amount_kopecks: o.amountKopecks, city: cityOf(o), order_created_at: createdAt,
    }];
  });
  if (rows.length) await trx.insertInto('order_stage_history').values(rows).execute();
}
