// The order card's stage buttons come from the pipeline and the signed-in role (core rule,
// applied on the cache): a technician is offered only «Принят в работу / Выполнен / Перенос заказа».
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role, User } from '../../core/domain.js';
import { DELIVERY } from '../../core/pipeline-templates.js';
import { openCache, type Cache } from '../../db/cache.js';
import { OPERATOR, TECH, customer, order } from '../../db/test-fixtures.js';
import { createLocalQueries } from './local-queries.js';

let dir: string;
let cache: Cache;
const STAGES = DELIVERY.stages.map((s) => s.id);
const orderIn = (stageId: string) => order(STAGES.indexOf(stageId) + 1, { pipelineId: 'delivery', stageId, technicianId: TECH.id });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-queries-'));
  cache = openCache(path.join(dir, 'cache.sqlite'));
  cache.applyChanges(
    [
      { entity: 'users', op: 'upsert', version: 1, data: OPERATOR },
      { entity: 'users', op: 'upsert', version: 2, data: TECH },
      { entity: 'pipelines', op: 'upsert', version: 3, data: { ...DELIVERY, updatedAt: '2025-01-01T00:00:00.000Z' } },
      ...STAGES.map((s, i) => ({ entity: 'customers' as const, op: 'upsert' as const, version: 10 + i, data: customer(i + 1) })),
      ...STAGES.map((s, i) => ({ entity: 'orders' as const, op: 'upsert' as const, version: 20 + i, data: orderIn(s) })),
    ],
    30,
  );
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const as = (role: Role): User => (role === 'technician' ? TECH : { ...OPERATOR, role });
const buttons = (role: Role, stageId: string) => createLocalQueries(cache, as(role)).getOrder(orderIn(stageId).id).nextStages.map((s) => s.name);

describe('stage buttons by role (delivery pipeline)', () => {
  it('a technician sees only his own moves, where the pipeline allows them', () => {
    expect(buttons('technician', 'new')).toEqual([]);
    expect(buttons('technician', 'no_answer')).toEqual([]);
    expect(buttons('technician', 'confirmed')).toEqual(['Принят в работу', 'Перенос заказа']);
    expect(buttons('technician', 'in_work')).toEqual(['Перенос заказа', 'Выполнен']);
    expect(buttons('technician', 'rescheduled')).toEqual(['Принят в работу']);
    expect(buttons('technician', 'done')).toEqual([]);
    const allTechnician = new Set(STAGES.flatMap((s) => buttons('technician', s)));
    expect([...allTechnician].sort()).toEqual(['Выполнен', 'Перенос заказа', 'Принят в работу']);
  });

  it('an operator confirms, reschedules and cancels, but never starts or finishes the work', () => {
    expect(buttons('operator', 'new')).toEqual(['Недозвон', 'Подтверждён', 'Отменён']);
    expect(buttons('operator', 'confirmed')).toEqual(['Перенос заказа', 'Отменён']);
    expect(buttons('operator', 'in_work')).toEqual(['Перенос заказа']);
    const allOperator = new Set(STAGES.flatMap((s) => buttons('operator', s)));
    expect(allOperator.has('Принят в работу')).toBe(false);
    expect(allOperator.has('Выполнен')).toBe(false);
  });

  it('each role is offered its own failure reasons', () => {
    const reasons = (role: Role) => createLocalQueries(cache, as(role)).getOrder(orderIn('new').id).reasons.map((r) => r.code);
    expect(reasons('operator')).toContain('customer_refused');
    expect(reasons('operator')).not.toContain('door_not_opened');
    expect(reasons('technician')).toContain('door_not_opened');
    expect(reasons('admin')).toContain('out_of_stock');
  });
});
