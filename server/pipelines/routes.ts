// The admin's pipeline editor: list, save (whole pipeline, against the version it started from)
// and create. Admins only. A save is a synced change like any other: a new version from the
// counter, then the live feed tells every client to pull it.
import type { FastifyInstance } from 'fastify';
import { PultError } from '../../core/errors.js';
import {
  ADMIN_PIPELINES_PATH, canEditPipelines, CreatePipelineRequest, SavePipelineRequest, STAGE_ID, problemFields, toPipelineDefinition, validatePipeline,
  type AdminPipelines, type EditablePipeline, type PipelineProblem,
} from '../../core/pipeline-editor.js';
import { Role, type Pipeline } from '../../core/domain.js';
import { requireAuth } from '../auth/routes.js';
import type { Db, Tx } from '../db/database.js';
import { toPipeline } from '../db/mappers.js';
import { reserveVersion } from '../db/versions.js';
import { parseInput } from '../http/errors.js';
import type { ChangeNotifier } from '../live/notifier.js';

/** canEditPipelines (core) as the role list requireAuth takes. */
const ADMIN = Role.options.filter(canEditPipelines);

/** Problems the server alone can see: templates that do not exist, removed stages still holding orders. */
async function serverProblems(trx: Tx, p: EditablePipeline, before: Pipeline | null): Promise<PipelineProblem[]> {
  const templates = await trx.selectFrom('notification_templates').select(['id', 'channel']).execute();
  const problems = validatePipeline(p, { templates });
  if (before) {
    const kept = new Set(p.stages.map((s) => s.id));
    for (const gone of before.stages.filter((s) => !kept.has(s.id))) {
      const used = await trx.selectFrom('orders').select('id').where('pipeline_id', '=', before.id).where('stage_id', '=', gone.id).limit(1).executeTakeFirst();
      if (used) problems.push({ code: 'stage.has_orders', path: `removed.${gone.id}`, params: { stage: gone.name } });
      // Web-form leads land in a configured stage; removing it would make every lead fail.
      const source = await trx.selectFrom('lead_sources').select('id').where('pipeline_id', '=', before.id).where('stage_id', '=', gone.id).limit(1).executeTakeFirst();
      if (!used && source) problems.push({ code: 'stage.lead_entry', path: `removed.${gone.id}`, params: { stage: gone.name } });
    }
  }
  return problems;
}

/** 400 with every problem as path → code; the editor words them beside the fields. */
function refuse(problems: PipelineProblem[]): never {
  throw new PultError('validation', `Pipeline not saved: ${problems.map((p) => p.code).join(', ')}`, problemFields(problems));
}

export function registerPipelineRoutes(app: FastifyInstance, db: Db, notifier: ChangeNotifier): void {
  app.get(ADMIN_PIPELINES_PATH, async (request): Promise<AdminPipelines> => {
    await requireAuth(db, request, ADMIN);
    const [rows, templates] = await Promise.all([
      db.selectFrom('pipelines').selectAll().orderBy('name').execute(),
      // Appointment reminder texts are sent by the appointment, not by a stage: not offered here.
      db.selectFrom('notification_templates').select(['id', 'channel', 'subject', 'body']).where('active', '=', true).where('purpose', '=', 'stage').orderBy('id').execute(),
    ]);
    return {
      pipelines: rows.map(toPipeline),
      // What the admin recognises a template by: its subject, or the start of an SMS text.
      templates: templates.map((t) => ({ id: t.id, channel: t.channel, label: (t.subject || t.body).slice(0, 120) })),
    };
  });

  app.put<{ Params: { id: string } }>(`${ADMIN_PIPELINES_PATH}/:id`, async (request): Promise<Pipeline> => {
    const auth = await requireAuth(db, request, ADMIN);
    const input = parseInput(SavePipelineRequest, request.body);
    if (input.pipeline.id !== request.params.id) throw new PultError('validation', 'Pipeline id in the path and the body differ', { id: 'mismatch' });
    const saved = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('pipelines').selectAll().where('id', '=', request.params.id).forUpdate().executeTakeFirst();
      if (!row) throw new PultError('not_found', `Pipeline ${request.params.id} not found`);
      const before = toPipeline(row);
      if (before.updatedAt !== new Date(input.baseUpdatedAt).toISOString()) {
        throw new PultError('conflict', `Pipeline «${before.name}» was changed by someone else at ${before.updatedAt}`);
      }
      const problems = await serverProblems(trx, input.pipeline, before);
      if (problems.length) refuse(problems);
      // Strictly later than the version it replaces, so the next save's base check can tell them apart.
      const now = new Date(Math.max(Date.now(), new Date(before.updatedAt).getTime() + 1));
      const version = await reserveVersion(trx);
      const updated = await trx
        .updateTable('pipelines')
        .set({ name: input.pipeline.name.trim(), definition: JSON.stringify(toPipelineDefinition(input.pipeline)), updated_at: now, version })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { pipeline: toPipeline(updated), version };
    });
    request.log.info({ pipeline: saved.pipeline.id, userId: auth.user.id, version: saved.version }, 'pipeline saved');
    notifier.publish(saved.version);
    return saved.pipeline;
  });

  app.post(ADMIN_PIPELINES_PATH, async (request): Promise<Pipeline> => {
    const auth = await requireAuth(db, request, ADMIN);
    const { pipeline } = parseInput(CreatePipelineRequest, request.body);
    const saved = await db.transaction().execute(async (trx) => {
      const problems = await serverProblems(trx, pipeline, null);
      if (!STAGE_ID.test(pipeline.id)) problems.unshift({ code: 'stage.id_invalid', path: 'id', params: { stage: pipeline.name } });
      else if (await trx.selectFrom('pipelines').select('id').where('id', '=', pipeline.id).executeTakeFirst()) {
        throw new PultError('conflict', `Pipeline ${pipeline.id} already exists`);
      }
      if (problems.length) refuse(problems);
      const version = await reserveVersion(trx);
      const inserted = await trx
        .insertInto('pipelines')
        .values({ id: pipeline.id, name: pipeline.name.trim(), definition: JSON.stringify(toPipelineDefinition(pipeline)), updated_at: new Date(), version })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { pipeline: toPipeline(inserted), version };
    });
    request.log.info({ pipeline: saved.pipeline.id, userId: auth.user.id, version: saved.version }, 'pipeline created');
    notifier.publish(saved.version);
    return saved.pipeline;
  });
}
