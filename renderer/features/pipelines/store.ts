// «Воронки» (admins): the pipelines from the server, the one being edited as a draft, and what
// the last save said. The draft keeps exactly what was typed (an SLA of «abc» stays «abc»)
// until the admin saves or throws it away; a refusal never touches it.
import { create } from 'zustand';
import type { PultApi } from '../../../core/contract.js';
import type { Pipeline, Role, StageEntryAction } from '../../../core/domain.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import {
  newStageId, validatePipeline, type EditablePipeline, type PipelineProblem, type PipelineProblemCode, type TemplateChoice,
} from '../../../core/pipeline-editor.js';

/** A stage as the form holds it: the SLA as typed, and «без срока» as its own switch. */
export interface DraftStage {
  id: string;
  name: string;
  color: string;
  role: Role;
  kind: 'open' | 'success' | 'failure';
  slaText: string;
  noSla: boolean;
  entryActions: StageEntryAction[];
}
export interface Draft {
  id: string;
  name: string;
  stages: DraftStage[];
  transitions: Array<{ from: string; to: string; roles: Role[] }>;
  /** Not on the server yet (a copy): saving creates it. */
  isNew: boolean;
  /** The version the edit began from (a save names it; someone else's save meanwhile is a conflict). */
  baseUpdatedAt: string;
}

export type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'conflict' }
  | { state: 'refused'; problems: PipelineProblem[] }
  | { state: 'error'; error: ApiErrorBody };

export function toDraft(p: Pipeline, isNew = false): Draft {
  return {
    id: p.id,
    name: p.name,
    isNew,
    baseUpdatedAt: p.updatedAt,
    stages: p.stages.map((s) => ({
      id: s.id, name: s.name, color: s.color, role: s.role, kind: s.kind,
      slaText: s.slaMinutes === null ? '' : String(s.slaMinutes), noSla: s.slaMinutes === null,
      entryActions: structuredClone(s.entryActions ?? []),
    })),
    transitions: p.transitions.map((t) => ({ from: t.from, to: t.to, roles: [...t.roles] })),
  };
}

/** The draft as the validator and the server see it. An SLA that is not a whole number stays invalid (NaN). */
export function toEditable(d: Draft): EditablePipeline {
  return {
    id: d.id,
    name: d.name,
    stages: d.stages.map((s) => ({
      id: s.id, name: s.name, color: s.color, role: s.role, kind: s.kind,
      slaMinutes: s.noSla ? null : /^\s*\d+\s*$/.test(s.slaText) ? Number(s.slaText) : Number.NaN,
      entryActions: s.entryActions,
    })),
    transitions: d.transitions.filter((t) => t.roles.length > 0),
  };
}

/** Problems as the server reported them (path → code), with the words' parameters filled back in. */
export function fromServerFields(fields: Record<string, string>, base: Pipeline | null, draft: Draft): PipelineProblem[] {
  return Object.entries(fields).map(([path, code]) => {
    const removed = /^removed\.(.+)$/.exec(path)?.[1];
    const stageIndex = /^stages\.(\d+)/.exec(path)?.[1];
    const stage = removed
      ? (base?.stages.find((s) => s.id === removed)?.name ?? removed)
      : stageIndex !== undefined ? (draft.stages[Number(stageIndex)]?.name ?? '') : '';
    return { code: code as PipelineProblemCode, path: removed ? 'stages' : path, params: { stage } };
  });
}

interface PipelinesState {
  pipelines: Pipeline[];
  templates: TemplateChoice[];
  loading: boolean;
  loadError: ApiErrorBody | null;
  draft: Draft | null;
  save: SaveState;
  load(api: PultApi): Promise<void>;
  edit(id: string): void;
  copy(fromId: string, name: string): void;
  change(update: (d: Draft) => void): void;
  discard(): void;
  submit(api: PultApi): Promise<void>;
  /** After a conflict: the newest version from the server, the draft thrown away. */
  reload(api: PultApi): Promise<void>;
  close(): void;
}

export const usePipelines = create<PipelinesState>()((set, get) => ({
  pipelines: [],
  templates: [],
  loading: false,
  loadError: null,
  draft: null,
  save: { state: 'idle' },
  async load(api) {
    set({ loading: true, loadError: null });
    const res = await api.call('pipelines.adminList', {});
    if (res.ok) set({ pipelines: res.value.pipelines, templates: res.value.templates, loading: false });
    else set({ loadError: res.error, loading: false });
  },
  edit(id) {
    const p = get().pipelines.find((x) => x.id === id);
    if (p) set({ draft: toDraft(p), save: { state: 'idle' } });
  },
  copy(fromId, name) {
    const p = get().pipelines.find((x) => x.id === fromId);
    if (!p) return;
    const taken = new Set(get().pipelines.map((x) => x.id));
    const id = newStageId(taken, 'pipeline');
    set({ draft: { ...toDraft(p, true), id, name }, save: { state: 'idle' } });
  },
  change(update) {
    const draft = get().draft;
    if (!draft) return;
    const next = structuredClone(draft);
    update(next);
    set({ draft: next, save: get().save.state === 'saved' ? { state: 'idle' } : get().save });
  },
  discard() {
    const d = get().draft;
    if (!d) return;
    if (d.isNew) return set({ draft: null, save: { state: 'idle' } });
    get().edit(d.id);
  },
  async submit(api) {
    const draft = get().draft;
    if (!draft || get().save.state === 'saving') return;
    const pipeline = toEditable(draft);
    const problems = validatePipeline(pipeline);
    if (problems.length) return set({ save: { state: 'refused', problems } });
    set({ save: { state: 'saving' } });
    const res = draft.isNew
      ? await api.call('pipelines.create', { pipeline })
      : await api.call('pipelines.save', { pipeline, baseUpdatedAt: draft.baseUpdatedAt });
    if (res.ok) {
      const saved = res.value;
      const others = get().pipelines.filter((p) => p.id !== saved.id);
      set({ pipelines: [...others, saved].sort((a, b) => a.name.localeCompare(b.name, 'ru')), draft: toDraft(saved), save: { state: 'saved' } });
      return;
    }
    // Whatever the refusal, the draft stays as typed.
    if (res.error.code === 'conflict' && !draft.isNew) return set({ save: { state: 'conflict' } });
    if (res.error.code === 'validation' && res.error.fields) {
      const base = get().pipelines.find((p) => p.id === draft.id) ?? null;
      return set({ save: { state: 'refused', problems: fromServerFields(res.error.fields, base, draft) } });
    }
    set({ save: { state: 'error', error: res.error } });
  },
  async reload(api) {
    const id = get().draft?.id;
    await get().load(api);
    if (id) get().edit(id);
  },
  close() {
    set({ draft: null, save: { state: 'idle' } });
  },
}));

/** A new stage at the end: open, worked by operators, reachable from the first stage for operators. */
export function addStage(d: Draft, name: string): void {
  const id = newStageId(new Set(d.stages.map((s) => s.id)));
  d.stages.push({ id, name, color: '#2f80ed', role: 'operator', kind: 'open', slaText: '', noSla: true, entryActions: [] });
}

/** Removes a stage and every transition into or out of it. */
export function removeStage(d: Draft, index: number): void {
  const [gone] = d.stages.splice(index, 1);
  if (gone) d.transitions = d.transitions.filter((t) => t.from !== gone.id && t.to !== gone.id);
}

export function moveStage(d: Draft, index: number, by: -1 | 1): void {
  const to = index + by;
  if (to < 0 || to >= d.stages.length) return;
  const [s] = d.stages.splice(index, 1);
  if (s) d.stages.splice(to, 0, s);
}

/** Gives or takes a role's right to move orders from → to. */
export function setTransitionRole(d: Draft, from: string, to: string, role: Role, allowed: boolean): void {
  let t = d.transitions.find((x) => x.from === from && x.to === to);
  if (!t) {
    if (!allowed) return;
    t = { from, to, roles: [] };
    d.transitions.push(t);
  }
  t.roles = allowed ? [...new Set([...t.roles, role])] : t.roles.filter((r) => r !== role);
}

export function rolesFor(d: Draft, from: string, to: string): Role[] {
  return d.transitions.find((x) => x.from === from && x.to === to)?.roles ?? [];
}
