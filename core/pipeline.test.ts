import { describe, expect, it } from 'vitest';
import type { Pipeline } from './domain.js';
import { PultError } from './errors.js';
import { allowedNextStages, assertTransition } from './pipeline.js';
import { defaultOrderScope } from './permissions.js';

const pipeline: Pipeline = {
  id: 'p',
  name: 'Доставка',
  updatedAt: '2026-01-01T00:00:00.000Z',
  stages: [
    { id: 'new', name: 'Новый', color: '#1f6feb', role: 'operator', kind: 'open', slaMinutes: 30 },
    { id: 'confirmed', name: 'Подтверждён', color: '#2ea043', role: 'operator', kind: 'open', slaMinutes: null },
    { id: 'in_work', name: 'Принят в работу', color: '#8250df', role: 'technician', kind: 'open', slaMinutes: null },
    { id: 'done', name: 'Выполнен', color: '#1a7f37', role: 'technician', kind: 'success', slaMinutes: null },
  ],
  transitions: [
    { from: 'new', to: 'confirmed', roles: ['operator', 'admin'] },
    { from: 'confirmed', to: 'in_work', roles: ['technician'] },
    { from: 'in_work', to: 'done', roles: ['technician'] },
  ],
};

const code = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof PultError ? e.code : 'other';
  }
};

describe('pipeline rules', () => {
  it('allows only the transitions listed for the role', () => {
    expect(code(() => assertTransition(pipeline, 'new', 'confirmed', 'operator'))).toBe('ok');
    expect(code(() => assertTransition(pipeline, 'new', 'confirmed', 'technician'))).toBe('transition.forbidden');
    expect(code(() => assertTransition(pipeline, 'confirmed', 'in_work', 'operator'))).toBe('transition.forbidden');
    expect(code(() => assertTransition(pipeline, 'new', 'done', 'admin'))).toBe('transition.forbidden');
  });
  it('names unknown stages', () => {
    expect(code(() => assertTransition(pipeline, 'new', 'nowhere', 'admin'))).toBe('transition.unknown_stage');
    expect(code(() => assertTransition(pipeline, 'nowhere', 'new', 'admin'))).toBe('transition.unknown_stage');
  });
  it('lists next stages in pipeline order for the role', () => {
    expect(allowedNextStages(pipeline, 'new', 'operator').map((s) => s.id)).toEqual(['confirmed']);
    expect(allowedNextStages(pipeline, 'new', 'technician')).toEqual([]);
    expect(allowedNextStages(pipeline, 'confirmed', 'technician').map((s) => s.id)).toEqual(['in_work']);
  });
  it('gives field staff their own orders and supervisors all', () => {
    expect(defaultOrderScope('operator')).toBe('mine');
    expect(defaultOrderScope('technician')).toBe('mine');
    expect(defaultOrderScope('supervisor')).toBe('all');
    expect(defaultOrderScope('admin')).toBe('all');
  });
});
