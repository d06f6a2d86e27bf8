// The admin's pipeline editor: the shape an edited pipeline travels in, and one validator that
// both sides run — the editor before saving (problems beside the fields) and the server before
// storing (refusing with the same problems). Problems are codes with parameters; the UI words them.
import { z } from 'zod';
import { Pipeline, Role, StageEntryAction, Timestamp, type PipelineStage, type PipelineTransition } from './domain.js';

/** Stage ids are stable slugs: orders, history and templates refer to them. */
export const STAGE_ID = /^[a-z0-9_-]{1,64}$/;
export const COLOR = /^#[0-9a-fA-F]{6}$/;
/** An SLA longer than a year is a typo. */
export const MAX_SLA_MINUTES = 365 * 24 * 60;
export const MAX_TASK_DUE_MINUTES = 30 * 24 * 60;
export const MAX_REMINDER_HOURS = 7 * 24;

/**
 * Loose on purpose: an empty name or a bad colour is a problem to show beside the field, not
 * a parse failure. The validator decides; a valid EditablePipeline is a valid Pipeline.
 */
export const EditableStage = z.object({
  id: z.string().max(64),
  name: z.string().max(100),
  color: z.string().max(16),
  role: Role,
  kind: z.enum(['open', 'success', 'failure']),
  slaMinutes: z.number().int().nullable(),
  entryActions: z.array(StageEntryAction).max(20).optional(),
});
export type EditableStage = z.infer<typeof EditableStage>;

export const EditableTransition = z.object({ from: z.string().max(64), to: z.string().max(64), roles: z.array(Role).max(4) });

export const EditablePipeline = z.object({
  id: z.string().max(64),
  name: z.string().max(100),
  stages: z.array(EditableStage).max(50),
  transitions: z.array(EditableTransition).max(2500),
});
export type EditablePipeline = z.infer<typeof EditablePipeline>;

/** PUT /api/admin/pipelines/:id — the whole pipeline and the `updatedAt` the edit started from. */
export const SavePipelineRequest = z.object({ pipeline: EditablePipeline, baseUpdatedAt: Timestamp });
export type SavePipelineRequest = z.infer<typeof SavePipelineRequest>;
/** POST /api/admin/pipelines — a new pipeline (often a copy of a template or another pipeline). */
export const CreatePipelineRequest = z.object({ pipeline: EditablePipeline });
export type CreatePipelineRequest = z.infer<typeof CreatePipelineRequest>;

/** What the editor offers as templates for entry actions (id, channel, a name to show). */
export const TemplateChoice = z.object({ id: z.string(), channel: z.enum(['email', 'sms']), label: z.string() });
export type TemplateChoice = z.infer<typeof TemplateChoice>;
/** GET /api/admin/pipelines: every pipeline, the templates entry actions may send, and the seeds to copy. */
export const AdminPipelines = z.object({ pipelines: z.array(Pipeline), templates: z.array(TemplateChoice) });
export type AdminPipelines = z.infer<typeof AdminPipelines>;

export const ADMIN_PIPELINES_PATH = '/api/admin/pipelines';

/** Only admins change how orders flow; the server checks the same. */
export const canEditPipelines = (role: Role): boolean => role === 'admin';

export const PIPELINE_PROBLEMS = [
  'pipeline.name_empty',
  'pipeline.no_stages',
  'pipeline.no_open',
  'pipeline.no_success',
  'pipeline.no_failure',
  'pipeline.first_not_open',
  'stage.id_invalid',
  'stage.id_duplicate',
  'stage.name_empty',
  'stage.name_duplicate',
  'stage.color_invalid',
  'stage.sla_invalid',
  'stage.unreachable',
  'stage.end_has_exits',
  'stage.has_orders',
  'stage.lead_entry',
  'transition.unknown_stage',
  'transition.to_itself',
  'transition.duplicate',
  'transition.no_roles',
  'action.template_empty',
  'action.template_unknown',
  'action.template_channel',
  'action.title_empty',
  'action.due_invalid',
  'action.hours_invalid',
  'action.reminder_needs_sla',
] as const;
export type PipelineProblemCode = (typeof PIPELINE_PROBLEMS)[number];

/**
 * One problem. `path` names the field it belongs beside: `name`, `stages`, `stages.2.name`,
 * `stages.2.exits` (its transitions), `stages.2.actions.0.templateId`, `transitions.5`.
 * `params` fill the words (`stage`: a stage's name).
 */
export interface PipelineProblem {
  code: PipelineProblemCode;
  path: string;
  params?: Record<string, string | number>;
}

/** Admin and supervisor may move orders out of an end stage to fix a mistake; nobody else. */
export const CORRECTING_ROLES: readonly Role[] = ['admin', 'supervisor'];

export interface ValidateOptions {
  /** Templates that exist (server side); when given, unknown or wrong-channel ones are problems. */
  templates?: ReadonlyArray<{ id: string; channel: 'email' | 'sms' }>;
}

export function validatePipeline(p: EditablePipeline, options: ValidateOptions = {}): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  const add = (code: PipelineProblemCode, path: string, params?: PipelineProblem['params']) =>
    problems.push(params ? { code, path, params } : { code, path });
  const label = (s: EditableStage, i: number) => s.name.trim() || `№ ${i + 1}`;

  if (!p.name.trim()) add('pipeline.name_empty', 'name');
  if (p.stages.length === 0) {
    add('pipeline.no_stages', 'stages');
    return problems;
  }

  const byId = new Map<string, number>();
  const names = new Map<string, number>();
  p.stages.forEach((s, i) => {
    if (!STAGE_ID.test(s.id)) add('stage.id_invalid', `stages.${i}.id`, { stage: label(s, i) });
    else if (byId.has(s.id)) add('stage.id_duplicate', `stages.${i}.id`, { stage: label(s, i) });
    else byId.set(s.id, i);
    const name = s.name.trim().toLocaleLowerCase('ru');
    if (!name) add('stage.name_empty', `stages.${i}.name`, { n: i + 1 });
    else if (names.has(name)) add('stage.name_duplicate', `stages.${i}.name`, { stage: s.name.trim() });
    else names.set(name, i);
    if (!COLOR.test(s.color)) add('stage.color_invalid', `stages.${i}.color`, { stage: label(s, i) });
    if (s.slaMinutes !== null && (!Number.isInteger(s.slaMinutes) || s.slaMinutes < 1 || s.slaMinutes > MAX_SLA_MINUTES)) {
      add('stage.sla_invalid', `stages.${i}.slaMinutes`, { stage: label(s, i) });
    }
    (s.entryActions ?? []).forEach((a, k) => {
      const at = `stages.${i}.actions.${k}`;
      if (a.kind === 'send_template' || a.kind === 'schedule_reminder') {
        const known = options.templates?.find((t) => t.id === a.templateId);
        if (!a.templateId) add('action.template_empty', `${at}.templateId`, { stage: label(s, i) });
        else if (options.templates && !known) add('action.template_unknown', `${at}.templateId`, { stage: label(s, i), template: a.templateId });
        else if (a.kind === 'send_template' && known && known.channel !== a.channel) add('action.template_channel', `${at}.templateId`, { stage: label(s, i) });
      }
      if (a.kind === 'create_task') {
        if (!a.title.trim()) add('action.title_empty', `${at}.title`, { stage: label(s, i) });
        if (!Number.isInteger(a.dueInMinutes) || a.dueInMinutes < 0 || a.dueInMinutes > MAX_TASK_DUE_MINUTES) add('action.due_invalid', `${at}.dueInMinutes`, { stage: label(s, i) });
      }
      if (a.kind === 'schedule_reminder') {
        if (a.when === 'hours_before' && (a.hours === undefined || !Number.isInteger(a.hours) || a.hours < 1 || a.hours > MAX_REMINDER_HOURS)) {
          add('action.hours_invalid', `${at}.hours`, { stage: label(s, i) });
        }
        // A reminder counts back from the end of the stage's time; without one there is no moment.
        if (s.slaMinutes === null) add('action.reminder_needs_sla', `${at}.when`, { stage: label(s, i) });
      }
    });
  });

  if (!p.stages.some((s) => s.kind === 'open')) add('pipeline.no_open', 'stages');
  if (!p.stages.some((s) => s.kind === 'success')) add('pipeline.no_success', 'stages');
  if (!p.stages.some((s) => s.kind === 'failure')) add('pipeline.no_failure', 'stages');
  const first = p.stages[0];
  if (first && first.kind !== 'open') add('pipeline.first_not_open', 'stages.0.kind', { stage: label(first, 0) });

  const nameOf = (id: string) => {
    const i = byId.get(id);
    return i === undefined ? id : label(p.stages[i]!, i);
  };
  const seen = new Set<string>();
  p.transitions.forEach((t, j) => {
    const path = `transitions.${j}`;
    if (!byId.has(t.from) || !byId.has(t.to)) return add('transition.unknown_stage', path, { stage: !byId.has(t.from) ? t.from : t.to });
    if (t.from === t.to) return add('transition.to_itself', path, { stage: nameOf(t.from) });
    const key = `${t.from}>${t.to}`;
    if (seen.has(key)) return add('transition.duplicate', path, { from: nameOf(t.from), to: nameOf(t.to) });
    seen.add(key);
    if (t.roles.length === 0) add('transition.no_roles', path, { from: nameOf(t.from), to: nameOf(t.to) });
  });

  p.stages.forEach((s, i) => {
    if (s.kind === 'open') return;
    const exits = p.transitions.some((t) => t.from === s.id && t.to !== s.id && t.roles.some((r) => !CORRECTING_ROLES.includes(r)));
    if (exits) add('stage.end_has_exits', `stages.${i}.exits`, { stage: label(s, i) });
  });

  // Reachable from the first stage through transitions that some role may make.
  if (first) {
    const reached = new Set([first.id]);
    const queue = [first.id];
    while (queue.length) {
      const from = queue.shift()!;
      for (const t of p.transitions) {
        if (t.from === from && t.roles.length > 0 && byId.has(t.to) && !reached.has(t.to)) {
          reached.add(t.to);
          queue.push(t.to);
        }
      }
    }
    p.stages.forEach((s, i) => {
      if (byId.get(s.id) === i && !reached.has(s.id)) add('stage.unreachable', `stages.${i}.name`, { stage: label(s, i) });
    });
  }
  return problems;
}

/** The stored pipeline an edit becomes, once it has no problems (names trimmed, empty lists dropped). */
export function toPipelineDefinition(p: EditablePipeline): { stages: PipelineStage[]; transitions: PipelineTransition[] } {
  return {
    stages: p.stages.map((s) => {
      const stage: PipelineStage = { id: s.id, name: s.name.trim(), color: s.color.toLowerCase(), role: s.role, kind: s.kind, slaMinutes: s.slaMinutes };
      if (s.entryActions?.length) stage.entryActions = s.entryActions;
      return stage;
    }),
    transitions: p.transitions
      .filter((t) => t.roles.length > 0)
      .map((t) => ({ from: t.from, to: t.to, roles: [...new Set(t.roles)] })),
  };
}

/** Problems as a flat path → code map (PultError `fields`), the first problem per path. */
export function problemFields(problems: PipelineProblem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pr of problems) fields[pr.path] ??= pr.code;
  return fields;
}

/** A fresh id (`stage_8`, `pipeline_4`) that is not taken yet; names are free text, ids stay ascii. */
export function newStageId(taken: ReadonlySet<string>, prefix = 'stage'): string {
  for (let n = taken.size + 1; ; n++) {
    const id = `${prefix}_${n}`;
    if (!taken.has(id)) return id;
  }
}
