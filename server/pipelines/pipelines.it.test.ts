// The admin's pipeline editor endpoints and the entry actions they configure, on PGlite and
// PostgreSQL: admins only; problems refused in words (codes); a save reaches other clients'
// pulls; a stale save is a conflict; entering a stage runs its actions in the same transaction.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Pipeline } from '../../core/domain.js';
import { allowedNextStages } from '../../core/pipeline.js';
import { ADMIN_PIPELINES_PATH, AdminPipelines, type EditablePipeline } from '../../core/pipeline-editor.js';
import { PullResponse } from '../../core/sync.js';
import { changeStage } from '../orders/change-stage.js';
import { seedDemoCatalog } from '../seed/catalog.js';
import { DEMO_CUSTOMER_ANNA, DEMO_USERS } from '../seed/demo.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';

describe.each(DB_KINDS)('admin pipeline editor on %s', (kind) => {
  const h = useServer(kind);
  beforeAll(async () => {
    await seedDemoCatalog(h.db);
  });

  const put = (id: string, body: unknown, token?: string) =>
    h.app.inject({ method: 'PUT', url: `${ADMIN_PIPELINES_PATH}/${id}`, payload: body as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
  async function delivery(): Promise<Pipeline> {
    const res = await h.get(ADMIN_PIPELINES_PATH, await h.login('admin'));
    expect(res.statusCode).toBe(200);
    const p = AdminPipelines.parse(res.json()).pipelines.find((x) => x.id === 'delivery');
    if (!p) throw new Error('delivery pipeline missing');
    return p;
  }
  const editable = (p: Pipeline): EditablePipeline => ({ id: p.id, name: p.name, stages: structuredClone(p.stages), transitions: structuredClone(p.transitions) });

  it('is for admins only: operators and supervisors get 403, nobody signed in 401', async () => {
    const p = await delivery();
    for (const who of ['operator', 'supervisor', 'tech'] as const) {
      const token = await h.login(who);
      expect((await h.get(ADMIN_PIPELINES_PATH, token)).statusCode).toBe(403);
      const refused = await put('delivery', { pipeline: editable(p), baseUpdatedAt: p.updatedAt }, token);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'forbidden' });
      expect((await h.post(ADMIN_PIPELINES_PATH, { pipeline: { ...editable(p), id: 'copy' } }, token)).statusCode).toBe(403);
    }
    expect((await put('delivery', { pipeline: editable(p), baseUpdatedAt: p.updatedAt })).statusCode).toBe(401);
    expect((await delivery()).updatedAt).toBe(p.updatedAt);
  });

  it('lists the pipelines with their seeded entry actions and the templates they may send', async () => {
    const res = AdminPipelines.parse((await h.get(ADMIN_PIPELINES_PATH, await h.login('admin'))).json());
    expect(res.pipelines.map((p) => p.id).sort()).toEqual(['delivery', 'service', 'store']);
    const confirmed = res.pipelines.find((p) => p.id === 'delivery')?.stages.find((s) => s.id === 'confirmed');
    expect(confirmed?.entryActions).toEqual([
      { kind: 'send_template', templateId: 'delivery-confirmed-email', channel: 'email' },
      { kind: 'send_template', templateId: 'delivery-confirmed-sms', channel: 'sms' },
    ]);
    expect(res.templates.map((t) => t.id)).toContain('delivery-done-email');
  });

  it('refuses an invalid pipeline with every reason, and saves nothing', async () => {
    const admin = await h.login('admin');
    const p = await delivery();
    const bad = editable(p);
    // The only success stage goes, a template that does not exist is named, and a stage that
    // still holds orders goes too.
    const busy = await h.db.selectFrom('orders').select('stage_id').where('pipeline_id', '=', 'delivery').where('stage_id', '!=', 'done').executeTakeFirstOrThrow();
    bad.stages = bad.stages.filter((s) => s.id !== 'done' && s.id !== busy.stage_id);
    bad.transitions = bad.transitions.filter((t) => ![t.from, t.to].some((id) => id === 'done' || id === busy.stage_id));
    bad.stages[0]!.entryActions = [{ kind: 'send_template', templateId: 'no-such-template', channel: 'email' }];
    const res = await put('delivery', { pipeline: bad, baseUpdatedAt: p.updatedAt }, admin);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; fields: Record<string, string> };
    expect(body.code).toBe('validation');
    expect(body.fields).toMatchObject({
      stages: 'pipeline.no_success',
      'stages.0.actions.0.templateId': 'action.template_unknown',
      [`removed.${busy.stage_id}`]: 'stage.has_orders',
    });
    expect(await delivery()).toEqual(p);
  });

  it('a renamed stage and a new stage with its transition reach another client by pull; a stale save is a conflict', async () => {
    const admin = await h.login('admin');
    const operator = await h.login('operator');
    const before = PullResponse.parse((await h.get('/api/sync/pull?limit=10000', operator)).json());
    const p = await delivery();
    const edit = editable(p);
    edit.stages[0]!.name = 'Новая заявка';
    edit.stages.splice(1, 0, { id: 'measure', name: 'Замер', color: '#0b7285', role: 'operator', kind: 'open', slaMinutes: 90 });
    edit.transitions.push({ from: 'new', to: 'measure', roles: ['operator'] }, { from: 'measure', to: 'confirmed', roles: ['operator'] });
    const res = await put('delivery', { pipeline: edit, baseUpdatedAt: p.updatedAt }, admin);
    expect(res.statusCode).toBe(200);
    const saved = res.json() as Pipeline;
    expect(saved.updatedAt > p.updatedAt).toBe(true);

    const after = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${before.cursor}&limit=10000`, operator)).json());
    const change = after.changes.find((c) => c.entity === 'pipelines' && c.op === 'upsert' && c.data.id === 'delivery');
    if (!change || change.entity !== 'pipelines' || change.op !== 'upsert') throw new Error('pipeline change not pulled');
    expect(change.data.stages[0]?.name).toBe('Новая заявка');
    expect(change.data.stages[1]).toMatchObject({ id: 'measure', name: 'Замер', slaMinutes: 90 });
    expect(allowedNextStages(change.data, 'new', 'operator').map((s) => s.id)).toContain('measure');

    // Someone saving from the old copy is told, and does not overwrite.
    const stale = await put('delivery', { pipeline: editable(p), baseUpdatedAt: p.updatedAt }, admin);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict' });
    expect((await delivery()).stages[0]?.name).toBe('Новая заявка');
  });

  it('a new pipeline copied from another is created and pulled', async () => {
    const admin = await h.login('admin');
    const p = await delivery();
    const res = await h.post(ADMIN_PIPELINES_PATH, { pipeline: { ...editable(p), id: 'delivery_spb', name: 'Доставка СПб' } }, admin);
    expect(res.statusCode).toBe(200);
    expect((res.json() as Pipeline).name).toBe('Доставка СПб');
    expect((await h.post(ADMIN_PIPELINES_PATH, { pipeline: { ...editable(p), id: 'delivery_spb' } }, admin)).statusCode).toBe(409);
    const bad = await h.post(ADMIN_PIPELINES_PATH, { pipeline: { ...editable(p), id: 'x', name: '' } }, admin);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { fields: Record<string, string> }).fields).toMatchObject({ name: 'pipeline.name_empty' });

    // A stage web-form leads land in cannot go, even without orders in it.
    const copy = res.json() as Pipeline;
    await h.db.insertInto('lead_sources').values({ id: 'spb-form', name: 'Форма СПб', key_hash: 'x'.repeat(64), pipeline_id: 'delivery_spb', stage_id: 'no_answer', channel: 'web' }).execute();
    const edit = editable(copy);
    edit.stages = edit.stages.filter((s) => s.id !== 'no_answer');
    edit.transitions = edit.transitions.filter((t) => t.from !== 'no_answer' && t.to !== 'no_answer');
    const refused = await put('delivery_spb', { pipeline: edit, baseUpdatedAt: copy.updatedAt }, admin);
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { fields: Record<string, string> }).fields).toEqual({ 'removed.no_answer': 'stage.lead_entry' });
  });

  it('entering a stage runs its entry actions in the same transaction: email, task, reminder', async () => {
    const admin = await h.login('admin');
    await h.db.updateTable('customers').set({ email: 'anna.sokolova@example.ru' }).where('id', '=', DEMO_CUSTOMER_ANNA.id).execute();
    const order = await h.db.selectFrom('orders').selectAll().where('customer_id', '=', DEMO_CUSTOMER_ANNA.id).where('pipeline_id', '=', 'delivery').executeTakeFirstOrThrow();
    const p = await delivery();
    const edit = editable(p);
    const target = edit.stages.find((s) => s.id === 'rescheduled')!;
    target.entryActions = [
      { kind: 'send_template', templateId: 'delivery-done-email', channel: 'email' },
      { kind: 'create_task', title: 'Позвонить клиенту о переносе', dueInMinutes: 60, assignTo: 'role:operator' },
      { kind: 'schedule_reminder', templateId: 'delivery-confirmed-sms', when: 'hours_before', hours: 1 },
    ];
    // Reachable from wherever the order is: admins may move between any two stages.
    expect((await put('delivery', { pipeline: edit, baseUpdatedAt: p.updatedAt }, admin)).statusCode).toBe(200);

    const now = new Date();
    await h.db.transaction().execute((trx) =>
      changeStage(trx, { orderId: order.id, toStageId: 'rescheduled', baseVersion: Number(order.version), fromStageId: order.stage_id }, 'admin', now, DEMO_USERS.admin.id),
    );
    const outbox = await h.db.selectFrom('notification_outbox').selectAll().where('order_id', '=', order.id).orderBy('next_attempt_at').execute();
    const email = outbox.find((m) => m.template_id === 'delivery-done-email');
    expect(email).toMatchObject({ channel: 'email', recipient: 'anna.sokolova@example.ru', status: 'pending', reminder_stage_id: null });
    expect(email?.subject).toBe(`Заказ № ${order.number} выполнен`);
    const reminder = outbox.find((m) => m.template_id === 'delivery-confirmed-sms');
    expect(reminder).toMatchObject({ channel: 'sms', reminder_stage_id: 'rescheduled', status: 'pending' });
    expect(new Date(reminder!.next_attempt_at).getTime()).toBeGreaterThan(now.getTime());
    const task = await h.db.selectFrom('callbacks').selectAll().where('customer_id', '=', DEMO_CUSTOMER_ANNA.id).where('reason', 'like', '%о переносе').executeTakeFirstOrThrow();
    expect(task.reason).toBe(`${order.number}: Позвонить клиенту о переносе`);
    expect(task.done_at).toBeNull();
    const assignee = await h.db.selectFrom('users').select('role').where('id', '=', task.assignee_id ?? '').executeTakeFirstOrThrow();
    expect(assignee.role).toBe('operator');
    expect(new Date(task.due_at).getTime()).toBe(now.getTime() + 60 * 60_000);

    // Leaving the stage drops its reminder unsent; the email already queued stays.
    const moved = await h.db.selectFrom('orders').select('version').where('id', '=', order.id).executeTakeFirstOrThrow();
    await h.db.transaction().execute((trx) =>
      changeStage(trx, { orderId: order.id, toStageId: 'cancelled', baseVersion: Number(moved.version), fromStageId: 'rescheduled', reason: 'duplicate' }, 'admin', new Date(), DEMO_USERS.admin.id),
    );
    const left = await h.db.selectFrom('notification_outbox').select('template_id').where('order_id', '=', order.id).execute();
    expect(left.map((m) => m.template_id)).toContain('delivery-done-email');
    expect(left.map((m) => m.template_id)).not.toContain('delivery-confirmed-sms');
  });
});
