// Validator problems in the admin's words, and which ones belong beside which field.
import type { TFunction } from 'i18next';
import type { PipelineProblem } from '../../../core/pipeline-editor.js';

export function problemText(t: TFunction, p: PipelineProblem): string {
  return t(`pipelines.problems.${p.code}`, { ...p.params, defaultValue: t('pipelines.problems.unknown') });
}

/** The first problem exactly at `path` (a field), in words; null when the field is fine. */
export function problemAt(t: TFunction, problems: PipelineProblem[], path: string): string | null {
  const p = problems.find((x) => x.path === path);
  return p ? problemText(t, p) : null;
}

/** Problems at `path` or under it (a stage's whole block). */
export function problemsUnder(problems: PipelineProblem[], path: string): PipelineProblem[] {
  return problems.filter((x) => x.path === path || x.path.startsWith(`${path}.`));
}
