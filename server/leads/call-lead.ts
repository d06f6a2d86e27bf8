// leads.fromCall: the operator took a new customer's request on the phone (the screen pop's
// form for an unknown number). Born on the client, possibly offline, with the order's id, so a
// retried push creates one order. The operator who took the call keeps the order.
import type { User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { normalizePhone } from '../../core/phone.js';
import type { CallLeadArgs } from '../../core/sync.js';
import type { Tx } from '../db/database.js';
import { toPipeline } from '../db/mappers.js';
import { createLeadOrder } from './lead-order.js';

/** Setting that names the pipeline phone leads start in (else the first one that has a start). */
export const PHONE_LEAD_PIPELINE_SETTING = 'leads.phone.pipeline';

async function phoneLeadPipeline(trx: Tx): Promise<{ pipelineId: string; stageId: string }> {
  const setting = await trx.selectFrom('settings').select('value').where('key', '=', PHONE_LEAD_PIPELINE_SETTING).executeTakeFirst();
  const rows = await trx.selectFrom('pipelines').selectAll().orderBy('id').execute();
  const preferred = rows.find((r) => r.id === setting?.value);
  for (const row of preferred ? [preferred, ...rows] : rows) {
    const start = toPipeline(row).stages.find((s) => s.kind === 'open');
    if (start) return { pipelineId: row.id, stageId: start.id };
  }
  throw new PultError('not_found', 'No pipeline to put a phone lead in');
}

export async function createCallLead(trx: Tx, args: CallLeadArgs, user: User, now = new Date()): Promise<{ changed: boolean }> {
  const seen = await trx.selectFrom('orders').select('id').where('id', '=', args.orderId).executeTakeFirst();
  if (seen) return { changed: false };
  const phone = normalizePhone(args.phone);
  if (!phone) throw new PultError('lead.bad_phone', 'The phone cannot be read', { phone: 'invalid' });
  const where = await phoneLeadPipeline(trx);
  await createLeadOrder(
    trx,
    { name: args.name || phone, phone, phoneRaw: args.phone, email: null, city: null },
    {
      id: args.orderId,
      ...where,
      channel: 'phone',
      title: args.request || 'Заявка по телефону',
      amountKopecks: 0,
      address: null,
      notes: args.line ? `Звонок на линию ${args.line}` : '',
      operatorId: user.role === 'operator' ? user.id : null,
      calledNumber: args.line ? normalizePhone(args.line) : null,
    },
    now,
  );
  return { changed: true };
}
