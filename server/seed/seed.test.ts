import { describe, expect, it } from 'vitest';
import { NotificationTemplate, unknownVariables } from '../../core/templates.js';
import { APPOINTMENT_REMINDER_TEMPLATES, DEMO_TEMPLATES } from './catalog.js';
import { Pipeline } from '../../core/domain.js';
import { normalizePhone } from '../../core/phone.js';
import { allowedNextStages, assertTransition } from '../../core/pipeline.js';
import { SEED_CUSTOMERS } from './customers.js';
import { DEMO_USERS } from './demo.js';
import { SEED_ORDERS } from './orders.js';
import { DELIVERY, SEED_PIPELINES } from './pipelines.js';

const asPipeline = (p: (typeof SEED_PIPELINES)[number]) => Pipeline.parse({ ...p, updatedAt: new Date(0).toISOString() });

describe('seed pipelines', () => {
  it('parse with the core schema and reference only their own stages', () => {
    for (const p of SEED_PIPELINES) {
      const pipeline = asPipeline(p);
      const ids = new Set(pipeline.stages.map((s) => s.id));
      expect(ids.size).toBe(pipeline.stages.length);
      for (const t of pipeline.transitions) {
        expect(ids.has(t.from) && ids.has(t.to)).toBe(true);
      }
      expect(pipeline.stages.some((s) => s.kind === 'success')).toBe(true);
      expect(pipeline.stages.some((s) => s.kind === 'failure')).toBe(true);
    }
  });

  it('give delivery roles the moves of case 000', () => {
    const p = asPipeline(DELIVERY);
    expect(allowedNextStages(p, 'new', 'operator').map((s) => s.id)).toEqual(['no_answer', 'confirmed', 'cancelled']);
    expect(allowedNextStages(p, 'no_answer', 'operator').map((s) => s.id)).toEqual(['new', 'confirmed', 'cancelled']);
    expect(allowedNextStages(p, 'confirmed', 'technician').map((s) => s.id)).toEqual(['in_work', 'rescheduled']);
    expect(allowedNextStages(p, 'in_work', 'technician').map((s) => s.id)).toEqual(['rescheduled', 'done']);
    expect(() => assertTransition(p, 'new', 'confirmed', 'technician')).toThrow(/may not/);
    for (const role of ['admin', 'supervisor'] as const) {
      expect(allowedNextStages(p, 'done', role)).toHaveLength(p.stages.length - 1);
    }
  });
});

describe('seed data', () => {
  it('has 40+ customers whose phones normalize to distinct E.164 numbers', () => {
    expect(SEED_CUSTOMERS.length).toBeGreaterThanOrEqual(40);
    const phones = SEED_CUSTOMERS.map((c) => normalizePhone(c.phoneRaw));
    expect(phones.every((p) => p !== null)).toBe(true);
    expect(new Set(phones).size).toBe(phones.length);
    expect(SEED_CUSTOMERS[0]).toMatchObject({ name: 'Анна Соколова' });
    expect(phones[0]).toBe('+79123456789');
    const habits = new Set(SEED_CUSTOMERS.map((c) => (c.phoneRaw.startsWith('8 (') ? 'eight' : c.phoneRaw.startsWith('+') ? 'plus' : c.phoneRaw.length === 11 ? 'seven' : 'bare')));
    expect(habits.size).toBe(4);
  });

  it('has orders in valid stages, 6+ open ones for operator', () => {
    const pipelines = new Map(SEED_PIPELINES.map((p) => [p.id, asPipeline(p)]));
    let openForOperator = 0;
    for (const o of SEED_ORDERS) {
      const stage = pipelines.get(o.pipelineId)?.stages.find((s) => s.id === o.stageId);
      expect(stage, `${o.number} ${o.stageId}`).toBeDefined();
      expect(SEED_CUSTOMERS[o.customer - 1]).toBeDefined();
      if (o.operator === 'operator' && stage?.kind === 'open') openForOperator++;
    }
    expect(SEED_ORDERS.length).toBeGreaterThanOrEqual(30);
    expect(openForOperator).toBeGreaterThanOrEqual(6);
    expect(SEED_ORDERS.some((o) => o.operator === 'operator2')).toBe(true);
    expect(DEMO_USERS.tech).toMatchObject({ role: 'technician', district: 'Северный' });
  });
});

describe('demo notification templates', () => {
  it('use only variables Pult knows, on stages of the delivery pipeline', () => {
    const stages = new Set(DELIVERY.stages.map((s) => s.id));
    for (const t of DEMO_TEMPLATES) {
      expect(unknownVariables(`${t.subject} ${t.body}`), t.id).toEqual([]);
      expect(stages.has(t.stage), t.id).toBe(true);
      expect(NotificationTemplate.safeParse({ ...t, pipelineId: 'delivery', stageId: t.stage }).success, t.id).toBe(true);
    }
  });
  it('appointment reminders use only variables Pult knows, and say when the visit is', () => {
    for (const t of APPOINTMENT_REMINDER_TEMPLATES) {
      expect(unknownVariables(`${t.subject} ${t.body}`), t.channel).toEqual([]);
      expect(t.body, t.channel).toContain('{{appointment.when}}');
    }
  });
});
