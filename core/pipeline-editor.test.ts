import { describe, expect, it } from 'vitest';
import { Pipeline } from './domain.js';
import { EditablePipeline, problemFields, toPipelineDefinition, validatePipeline, type EditablePipeline as Editable } from './pipeline-editor.js';
import { DELIVERY, SEED_PIPELINES } from './pipeline-templates.js';

const copy = (): Editable => structuredClone(DELIVERY) as Editable;
const codes = (p: Editable, templates?: Array<{ id: string; channel: 'email' | 'sms' }>) =>
  validatePipeline(p, templates ? { templates } : {}).map((x) => `${x.code}@${x.path}`);

describe('validatePipeline', () => {
  it('accepts the three seeded pipelines as they are', () => {
    for (const p of SEED_PIPELINES) expect(validatePipeline(EditablePipeline.parse(p))).toEqual([]);
  });

  it('a clean edit becomes a stored pipeline that still parses as the wire type', () => {
    const p = copy();
    p.stages[0]!.name = '  Новая заявка ';
    const def = toPipelineDefinition(p);
    expect(def.stages[0]!.name).toBe('Новая заявка');
    expect(Pipeline.parse({ id: p.id, name: p.name, ...def, updatedAt: '2026-01-01T00:00:00.000Z' }).stages).toHaveLength(7);
  });

  it('names empty and duplicate names, ids, colours and SLA', () => {
    const p = copy();
    p.name = ' ';
    p.stages[1]!.name = '';
    p.stages[2]!.name = 'новый';
    p.stages[3]!.color = '#12345';
    p.stages[4]!.slaMinutes = 0;
    p.stages[5]!.id = 'new';
    expect(codes(p)).toEqual(
      expect.arrayContaining([
        'pipeline.name_empty@name',
        'stage.name_empty@stages.1.name',
        'stage.name_duplicate@stages.2.name',
        'stage.color_invalid@stages.3.color',
        'stage.sla_invalid@stages.4.slaMinutes',
        'stage.id_duplicate@stages.5.id',
      ]),
    );
  });

  it('deleting the only success stage is explained', () => {
    const p = copy();
    p.stages = p.stages.filter((s) => s.id !== 'done');
    p.transitions = p.transitions.filter((t) => t.from !== 'done' && t.to !== 'done');
    expect(codes(p)).toEqual(['pipeline.no_success@stages']);
  });

  it('needs an open stage first, and one open, success and failure stage', () => {
    const p = copy();
    for (const s of p.stages) s.kind = 'success';
    expect(codes(p)).toEqual(
      expect.arrayContaining(['pipeline.no_open@stages', 'pipeline.no_failure@stages', 'pipeline.first_not_open@stages.0.kind']),
    );
    expect(codes(p)).not.toContain('pipeline.no_success@stages');
  });

  it('a stage nobody can reach is named', () => {
    const p = copy();
    p.stages.push({ id: 'stage_8', name: 'Проверка', color: '#2f80ed', role: 'operator', kind: 'open', slaMinutes: null });
    expect(validatePipeline(p)).toEqual([{ code: 'stage.unreachable', path: 'stages.7.name', params: { stage: 'Проверка' } }]);
    p.transitions.push({ from: 'new', to: 'stage_8', roles: ['operator'] });
    expect(validatePipeline(p)).toEqual([]);
  });

  it('an end stage may be left only by admins and supervisors fixing a mistake', () => {
    const p = copy();
    const back = p.transitions.find((t) => t.from === 'done' && t.to === 'new')!;
    back.roles = ['admin'];
    expect(codes(p)).toEqual([]);
    back.roles = ['admin', 'operator'];
    expect(codes(p)).toEqual(['stage.end_has_exits@stages.5.exits']);
  });

  it('transitions name existing stages, not themselves, once, with a role', () => {
    const p = copy();
    p.transitions.push({ from: 'new', to: 'nowhere', roles: ['operator'] });
    p.transitions.push({ from: 'new', to: 'new', roles: ['operator'] });
    p.transitions.push({ from: 'new', to: 'confirmed', roles: ['operator'] });
    p.transitions[0]!.roles = [];
    const n = DELIVERY.transitions.length;
    expect(codes(p)).toEqual([
      'transition.no_roles@transitions.0',
      `transition.unknown_stage@transitions.${n}`,
      `transition.to_itself@transitions.${n + 1}`,
      `transition.duplicate@transitions.${n + 2}`,
    ]);
  });

  it('entry actions: a template that exists on its channel, a titled task, a reminder with its moment', () => {
    const p = copy();
    const templates = [{ id: 'delivery-confirmed-email', channel: 'email' as const }, { id: 'delivery-confirmed-sms', channel: 'sms' as const }];
    p.stages[0]!.entryActions = [
      { kind: 'send_template', templateId: '', channel: 'email' },
      { kind: 'send_template', templateId: 'nope', channel: 'email' },
      { kind: 'send_template', templateId: 'delivery-confirmed-sms', channel: 'email' },
      { kind: 'create_task', title: ' ', dueInMinutes: -5, assignTo: 'order_operator' },
      { kind: 'schedule_reminder', templateId: 'delivery-confirmed-sms', when: 'hours_before' },
    ];
    p.stages[3]!.entryActions = [{ kind: 'schedule_reminder', templateId: 'delivery-confirmed-sms', when: 'day_before_19' }];
    const found = codes(p, templates).filter((c) => c.startsWith('action.') && /stages\.[03]\./.test(c));
    expect(found).toEqual([
      'action.template_empty@stages.0.actions.0.templateId',
      'action.template_unknown@stages.0.actions.1.templateId',
      'action.template_channel@stages.0.actions.2.templateId',
      'action.title_empty@stages.0.actions.3.title',
      'action.due_invalid@stages.0.actions.3.dueInMinutes',
      'action.hours_invalid@stages.0.actions.4.hours',
      'action.reminder_needs_sla@stages.3.actions.0.when',
    ]);
    // Without the server's template list only what the editor can know is checked.
    expect(codes(p).filter((c) => c.includes('template_unknown'))).toEqual([]);
  });

  it('problems travel as a path → code map', () => {
    const p = copy();
    p.name = '';
    expect(problemFields(validatePipeline(p))).toEqual({ name: 'pipeline.name_empty' });
  });
});
