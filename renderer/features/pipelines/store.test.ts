import { describe, expect, it } from 'vitest';
import { validatePipeline } from '../../../core/pipeline-editor.js';
import { STORE } from '../../../core/pipeline-templates.js';
import { addStage, fromServerFields, moveStage, removeStage, setTransitionRole, toDraft, toEditable } from './store.js';

const store = { ...STORE, updatedAt: '2026-11-01T00:00:00.000Z' };

describe('pipeline editor draft', () => {
  it('round-trips an unchanged pipeline without problems', () => {
    const edit = toEditable(toDraft(store));
    expect(validatePipeline(edit)).toEqual([]);
    expect(edit.stages.map((s) => s.slaMinutes)).toEqual(STORE.stages.map((s) => s.slaMinutes));
  });

  it('keeps an SLA typed wrong as typed, and the validator names it', () => {
    const d = toDraft(store);
    d.stages[0]!.slaText = '3о';
    expect(d.stages[0]!.slaText).toBe('3о');
    expect(validatePipeline(toEditable(d)).map((p) => p.path)).toEqual(['stages.0.slaMinutes']);
    d.stages[0]!.noSla = true;
    expect(validatePipeline(toEditable(d))).toEqual([]);
  });

  it('a new stage needs a name and a way in; ticking a role gives it one', () => {
    const d = toDraft(store);
    addStage(d, 'Проверка оплаты');
    const id = d.stages.at(-1)!.id;
    expect(validatePipeline(toEditable(d)).map((p) => p.code)).toEqual(['stage.unreachable']);
    setTransitionRole(d, 'new', id, 'operator', true);
    expect(validatePipeline(toEditable(d))).toEqual([]);
    setTransitionRole(d, 'new', id, 'operator', false);
    // A move nobody may make is not stored at all.
    expect(toEditable(d).transitions.some((t) => t.to === id)).toBe(false);
  });

  it('moving and removing stages takes their transitions along', () => {
    const d = toDraft(store);
    moveStage(d, 1, -1);
    expect(d.stages.slice(0, 2).map((s) => s.id)).toEqual(['no_answer', 'new']);
    removeStage(d, d.stages.findIndex((s) => s.id === 'success'));
    expect(d.transitions.some((t) => t.from === 'success' || t.to === 'success')).toBe(false);
    expect(validatePipeline(toEditable(d)).map((p) => p.code)).toContain('pipeline.no_success');
  });

  it('words the server’s own findings with the removed stage’s name', () => {
    const d = toDraft(store);
    expect(fromServerFields({ 'removed.quality': 'stage.has_orders' }, store, d)).toEqual([
      { code: 'stage.has_orders', path: 'stages', params: { stage: 'Оценка качества' } },
    ]);
  });
});
