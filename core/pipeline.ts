// Pipeline rules, written once: the server enforces them and the client applies them offline.
import type { Pipeline, PipelineStage, Role } from './domain.js';
import { PultError } from './errors.js';

export function findStage(pipeline: Pipeline, stageId: string): PipelineStage | undefined {
  return pipeline.stages.find((s) => s.id === stageId);
}

/** Stages the given role may move an order to from `fromStageId`, in pipeline order. */
export function allowedNextStages(pipeline: Pipeline, fromStageId: string, role: Role): PipelineStage[] {
  const targets = new Set(
    pipeline.transitions.filter((t) => t.from === fromStageId && t.roles.includes(role)).map((t) => t.to),
  );
  return pipeline.stages.filter((s) => targets.has(s.id));
}

/** Throws a PultError unless `role` may move an order from `from` to `to`. */
export function assertTransition(pipeline: Pipeline, from: string, to: string, role: Role): void {
  const target = findStage(pipeline, to);
  if (!findStage(pipeline, from) || !target) {
    throw new PultError('transition.unknown_stage', `Unknown stage ${!target ? to : from} in pipeline ${pipeline.id}`);
  }
  const allowed = pipeline.transitions.some((t) => t.from === from && t.to === to && t.roles.includes(role));
  if (!allowed) {
    throw new PultError('transition.forbidden', `Role ${role} may not move an order from ${from} to ${to}`);
  }
}

export function isOpenStage(pipeline: Pipeline, stageId: string): boolean {
  return findStage(pipeline, stageId)?.kind === 'open';
}
