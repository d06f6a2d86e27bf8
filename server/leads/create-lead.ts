// A web-form lead becomes an order on the right customer, assigned to an operator, in ONE
// transaction: it is stored whole or not at all.
import { createHash } from 'node:crypto';
import { PultError } from '../../core/errors.js';
import { LEAD_DUPLICATE_WINDOW_MS, type LeadRequest, type LeadResponse } from '../../core/leads.js';
import { normalizePhone } from '../../core/phone.js';
import type { Db } from '../db/database.js';
import { createLeadOrder } from './lead-order.js';

export interface LeadSource {
  id: string;
  name: string;
  pipelineId: string;
  stageId: string;
  channel: string;
}

export const hashLeadKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export async function findLeadSource(db: Db, key: string | undefined): Promise<LeadSource> {
  if (!key) throw new PultError('lead.bad_key', 'Missing lead source key');
  const row = await db.selectFrom('lead_sources').selectAll().where('key_hash', '=', hashLeadKey(key)).where('active', '=', true).executeTakeFirst();
  if (!row) throw new PultError('lead.bad_key', 'Unknown lead source key');
  return { id: row.id, name: row.name, pipelineId: row.pipeline_id, stageId: row.stage_id, channel: row.channel };
}

function priceFor(prices: unknown, city: string | null): number {
  const table = typeof prices === 'string' ? (JSON.parse(prices) as Record<string, number>) : (prices as Record<string, number>);
  return (city ? table[city] : undefined) ?? table['*'] ?? 0;
}

export async function createLead(db: Db, source: LeadSource, lead: LeadRequest, now = new Date()): Promise<{ response: LeadResponse; cursor: number }> {
  const phone = normalizePhone(lead.phone);
  if (!phone) throw new PultError('lead.bad_phone', 'The phone cannot be read', { phone: 'invalid' });
  const itemsKey = lead.items.map((i) => `${i.sku}×${i.qty}`).sort().join(',');

  return db.transaction().execute(async (trx) => {
    // Serializes leads from the same phone, so a double submit cannot slip through the check below.
    await trx.selectFrom('lead_sources').select('id').where('id', '=', source.id).forUpdate().execute();
    const submissionKey = lead.submissionId ?? `auto:${phone}:${itemsKey}:${Math.floor(now.getTime() / LEAD_DUPLICATE_WINDOW_MS)}`;
    const seen = await trx
      .selectFrom('lead_submissions')
      .innerJoin('orders', 'orders.id', 'lead_submissions.order_id')
      .select(['orders.number'])
      .where((eb) =>
        eb.or([
          eb.and([eb('lead_submissions.source_id', '=', source.id), eb('lead_submissions.submission_key', '=', submissionKey)]),
          eb.and([
            eb('lead_submissions.phone', '=', phone),
            eb('lead_submissions.items_key', '=', itemsKey),
            eb('lead_submissions.created_at', '>', new Date(now.getTime() - LEAD_DUPLICATE_WINDOW_MS)),
          ]),
        ]),
      )
      .executeTakeFirst();
    if (seen) throw new PultError('lead.duplicate', `Already received as order ${seen.number}`, { order: seen.number });

    const offers = lead.items.length
      ? await trx.selectFrom('offers').select(['sku', 'name', 'prices']).where('sku', 'in', lead.items.map((i) => i.sku)).execute()
      : [];
    const bySku = new Map(offers.map((o) => [o.sku, o]));
    const unknown = lead.items.findIndex((i) => !bySku.has(i.sku));
    if (unknown >= 0) {
      throw new PultError('lead.unknown_product', `Unknown product code ${lead.items[unknown]?.sku}`, { [`items.${unknown}.sku`]: 'unknown' });
    }

    const city = lead.city ?? null;
    const title = lead.items.map((i) => `${bySku.get(i.sku)?.name ?? i.sku}${i.qty > 1 ? ` × ${i.qty}` : ''}`).join('; ') || 'Заявка с сайта';
    const amount = lead.items.reduce((sum, i) => sum + priceFor(bySku.get(i.sku)?.prices, city) * i.qty, 0);
    const created = await createLeadOrder(
      trx,
      { name: lead.name, phone, phoneRaw: lead.phone, email: lead.email ?? null, city, referrer: lead.referrer ?? null },
      { pipelineId: source.pipelineId, stageId: source.stageId, channel: source.channel, title, amountKopecks: amount, address: lead.address ?? null, district: lead.district || null, notes: lead.comment ?? '', operatorId: null },
      now,
    );
    const { orderId, orderNumber: number, customerId, operatorId } = created;
    await trx
      .insertInto('lead_submissions')
      .values({ source_id: source.id, submission_key: submissionKey, order_id: orderId, phone, items_key: itemsKey, utm: lead.utm ? JSON.stringify(lead.utm) : null, created_at: now })
      .execute();
    return { response: { orderId, orderNumber: number, customerId, operatorId }, cursor: created.version };
  });
}
