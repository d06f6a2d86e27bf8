// The transition matrix of the seeded pipelines, role by role: what each role may do, and
// nothing more. Written out by hand so a change to the templates has to change this too.
import { describe, expect, it } from 'vitest';
import type { Role } from './domain.js';
import { PultError } from './errors.js';
import { assertTransition } from './pipeline.js';
import { DELIVERY, SEED_PIPELINES, SERVICE, STORE, type SeedPipeline } from './pipeline-templates.js';
import { checkFailureReason, checkStageChange, findReason, isFailureStage, reasonsFor } from './reasons.js';

const ROLES: Role[] = ['operator', 'technician', 'admin', 'supervisor'];
const pipelineOf = (p: SeedPipeline) => ({ ...p, updatedAt: '2026-01-01T00:00:00.000Z' });

/** Every (from → to) pair the role may make, checked through the core rule itself. */
function matrix(p: SeedPipeline, role: Role): string[] {
  const out: string[] = [];
  for (const from of p.stages) {
    for (const to of p.stages) {
      if (from.id === to.id) continue;
      try {
        assertTransition(pipelineOf(p), from.id, to.id, role);
        out.push(`${from.id}>${to.id}`);
      } catch (e) {
        if (!(e instanceof PultError) || e.code !== 'transition.forbidden') throw e;
      }
    }
  }
  return out.sort();
}

const allPairs = (p: SeedPipeline) => p.stages.flatMap((a) => p.stages.filter((b) => b.id !== a.id).map((b) => `${a.id}>${b.id}`)).sort();

describe('delivery & installation pipeline (case 000)', () => {
  it('operator: confirms, reschedules, cancels — never installs or completes', () => {
    expect(matrix(DELIVERY, 'operator')).toEqual(
      [
        'new>no_answer', 'new>confirmed', 'new>cancelled',
        'no_answer>new', 'no_answer>confirmed', 'no_answer>cancelled',
        'confirmed>rescheduled', 'confirmed>cancelled',
        'in_work>rescheduled',
        'rescheduled>confirmed', 'rescheduled>cancelled',
      ].sort(),
    );
  });
  it('technician: only «Принят в работу», «Выполнен», «Перенос заказа»', () => {
    expect(matrix(DELIVERY, 'technician')).toEqual(
      ['confirmed>in_work', 'confirmed>rescheduled', 'in_work>done', 'in_work>rescheduled', 'rescheduled>in_work'].sort(),
    );
    const names = new Set(matrix(DELIVERY, 'technician').map((pair) => DELIVERY.stages.find((s) => s.id === pair.split('>')[1])?.name));
    expect([...names].sort()).toEqual(['Выполнен', 'Перенос заказа', 'Принят в работу']);
  });
  it('admin and supervisor may fix anything', () => {
    expect(matrix(DELIVERY, 'admin')).toEqual(allPairs(DELIVERY));
    expect(matrix(DELIVERY, 'supervisor')).toEqual(allPairs(DELIVERY));
  });
});

describe('every seeded pipeline', () => {
  it.each(SEED_PIPELINES.map((p) => [p.id, p] as const))('%s: technicians only reach technician stages or report a delivery failure', (_id, p) => {
    for (const pair of matrix(p, 'technician')) {
      const to = p.stages.find((s) => s.id === pair.split('>')[1]);
      expect(to?.role === 'technician' || to?.kind === 'failure' || to?.id === 'rescheduled' || to?.id === 'quality').toBe(true);
    }
  });
  it.each(SEED_PIPELINES.map((p) => [p.id, p] as const))('%s: has one success and one failure end, reachable by an operator or technician', (_id, p) => {
    const ends = p.stages.filter((s) => s.kind !== 'open');
    expect(ends.filter((s) => s.kind === 'success')).toHaveLength(1);
    expect(ends.filter((s) => s.kind === 'failure')).toHaveLength(1);
    const reachable = new Set([...matrix(p, 'operator'), ...matrix(p, 'technician')].map((pair) => pair.split('>')[1]));
    for (const end of ends) expect(reachable.has(end.id)).toBe(true);
  });
  it.each(SEED_PIPELINES.map((p) => [p.id, p] as const))('%s: no transition leaves an end stage for field staff', (_id, p) => {
    const ends = new Set(p.stages.filter((s) => s.kind !== 'open').map((s) => s.id));
    for (const role of ['operator', 'technician'] as const) {
      for (const pair of matrix(p, role)) expect(ends.has(pair.split('>')[0] ?? '')).toBe(false);
    }
  });
  it('service and store pipelines keep their case order', () => {
    expect(SERVICE.stages.map((s) => s.name)).toEqual(['Заявка', 'Недозвон', 'Обработан', 'Закрыт на приезд', 'Открыт заказ-наряд', 'Оценка качества', 'Успешно', 'Отменён']);
    expect(STORE.stages.map((s) => s.name)).toEqual(['Новая', 'Недозвон', 'Запрос на товар', 'Резерв', 'Самовывоз/Доставка', 'Отгружено/не оплачено', 'Оценка качества', 'Успешно', 'Отменён']);
  });
});

describe('failure reasons by role', () => {
  const delivery = pipelineOf(DELIVERY);
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return e instanceof PultError ? e.code : 'other';
    }
  };
  it('each role has its own list; the supervisor may give any', () => {
    expect(reasonsFor('operator').map((r) => r.code)).toContain('customer_refused');
    expect(reasonsFor('operator').map((r) => r.code)).not.toContain('out_of_stock');
    expect(reasonsFor('admin').map((r) => r.code)).toContain('out_of_stock');
    expect(reasonsFor('admin').map((r) => r.code)).not.toContain('door_not_opened');
    expect(reasonsFor('technician').map((r) => r.code)).toContain('door_not_opened');
    expect(reasonsFor('technician').map((r) => r.code)).not.toContain('customer_refused');
    expect(reasonsFor('supervisor')).toHaveLength(reasonsFor('operator').length + reasonsFor('admin').length + reasonsFor('technician').length - 1);
    for (const role of ROLES) expect(reasonsFor(role).length).toBeGreaterThan(0);
  });
  it('a failed close needs a reason from the role’s own list', () => {
    expect(codeOf(() => checkFailureReason(delivery, 'cancelled', 'operator', null))).toBe('reason.required');
    expect(codeOf(() => checkFailureReason(delivery, 'cancelled', 'operator', ''))).toBe('reason.required');
    expect(codeOf(() => checkFailureReason(delivery, 'cancelled', 'operator', 'out_of_stock'))).toBe('reason.not_allowed');
    expect(codeOf(() => checkFailureReason(delivery, 'cancelled', 'operator', 'no_such_reason'))).toBe('reason.not_allowed');
    expect(checkFailureReason(delivery, 'cancelled', 'operator', 'customer_refused')).toBe('customer_refused');
    expect(checkFailureReason(delivery, 'cancelled', 'admin', 'out_of_stock')).toBe('out_of_stock');
  });
  it('the whole stage-change rule: the transition first, then the reason', () => {
    // A forbidden move is refused as such, whatever the reason says.
    expect(codeOf(() => checkStageChange(delivery, 'new', 'cancelled', 'technician', 'door_not_opened'))).toBe('transition.forbidden');
    expect(codeOf(() => checkStageChange(delivery, 'new', 'cancelled', 'operator', undefined))).toBe('reason.required');
    expect(codeOf(() => checkStageChange(delivery, 'new', 'cancelled', 'operator', 'door_not_opened'))).toBe('reason.not_allowed');
    expect(checkStageChange(delivery, 'new', 'cancelled', 'operator', 'too_expensive')).toBe('too_expensive');
    expect(checkStageChange(delivery, 'new', 'confirmed', 'operator', undefined)).toBeNull();
    expect(isFailureStage(delivery, 'cancelled')).toBe(true);
    expect(isFailureStage(delivery, 'done')).toBe(false);
    expect(findReason('too_expensive')?.name).toBe('Дорого');
    expect(findReason('nope')).toBeUndefined();
  });
  it('other moves take no reason', () => {
    expect(checkFailureReason(delivery, 'confirmed', 'operator', null)).toBeNull();
    expect(checkFailureReason(delivery, 'done', 'technician', 'customer_refused')).toBeNull();
  });
});
