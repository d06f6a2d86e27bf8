// An inbound email becomes a lead: the sender is the customer (same card by phone or email),
// the phone is the one written in the mail (or the known customer's), the product codes it
// mentions are priced from the catalog, and the whole mail is the order's note. One
// transaction: stored whole or not at all. The same Message-ID twice creates nothing new.
import { createHash } from 'node:crypto';
import { priceIn } from '../../../core/catalog.js';
import { PultError } from '../../../core/errors.js';
import type { LeadResponse } from '../../../core/leads.js';
import type { Db } from '../../db/database.js';
import type { LeadSource } from '../create-lead.js';
import { createLeadOrder } from '../lead-order.js';
import { findCodes, findPhone, senderName } from './mail-lead.js';
import { parseMessage } from './parse-message.js';

const NOTE_LIMIT = 10_000;

function pricesOf(prices: unknown): Record<string, number> {
  return (typeof prices === 'string' ? JSON.parse(prices) : prices) as Record<string, number>;
}

export async function createEmailLead(db: Db, source: LeadSource, raw: Buffer, now = new Date()): Promise<{ response: LeadResponse; cursor: number; messageId: string }> {
  const mail = parseMessage(raw);
  // Without a Message-ID the message itself is its identity: the same bytes again are a redelivery.
  const messageId = mail.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const submissionKey = `email:${messageId}`.slice(0, 1000);
  const found = findPhone(`${mail.subject}\n${mail.text}`);
  const codes = findCodes(`${mail.subject}\n${mail.text}`);

  return db.transaction().execute(async (trx) => {
    // One email lead at a time per source: a redelivery racing the first copy waits, then sees it.
    await trx.selectFrom('lead_sources').select('id').where('id', '=', source.id).forUpdate().execute();
    const seen = await trx
      .selectFrom('lead_submissions')
      .innerJoin('orders', 'orders.id', 'lead_submissions.order_id')
      .select('orders.number')
      .where('lead_submissions.source_id', '=', source.id)
      .where('lead_submissions.submission_key', '=', submissionKey)
      .executeTakeFirst();
    if (seen) throw new PultError('lead.duplicate', `Already received as order ${seen.number}`, { order: seen.number });

    const known = await trx
      .selectFrom('customers')
      .select(['phone', 'phone_raw', 'city'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', mail.fromEmail))
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    const phone = found?.e164 ?? known?.phone ?? null;
    if (!phone) throw new PultError('lead.no_phone', 'No phone number in the message and the sender is not a known customer', { phone: 'missing' });
    const byPhone = found ? await trx.selectFrom('customers').select('city').where('phone', '=', found.e164).executeTakeFirst() : undefined;
    const city = byPhone?.city ?? known?.city ?? null;

    const offers = codes.size ? await trx.selectFrom('offers').select(['sku', 'name', 'prices']).where('sku', 'in', [...codes.keys()]).execute() : [];
    // In the order they were written; codes that are not in the catalog stay in the note only.
    const items = [...codes].flatMap(([sku, qty]) => {
      const offer = offers.find((o) => o.sku === sku);
      return offer ? [{ offer, qty }] : [];
    });
    const title = items.map(({ offer, qty }) => `${offer.name}${qty > 1 ? ` × ${qty}` : ''}`).join('; ') || (mail.subject ? `Письмо: ${mail.subject}` : 'Заявка по почте');
    const amount = items.reduce((sum, { offer, qty }) => sum + (priceIn(pricesOf(offer.prices), city)?.kopecks ?? 0) * qty, 0);
    const note = [...(mail.subject ? [`Тема: ${mail.subject}`] : []), `От: ${mail.fromName ? `${mail.fromName} <${mail.fromEmail}>` : mail.fromEmail}`, '', mail.text]
      .join('\n')
      .slice(0, NOTE_LIMIT);

    const created = await createLeadOrder(
      trx,
      { name: senderName(mail.fromName, mail.fromEmail), phone, phoneRaw: found?.raw ?? known?.phone_raw ?? phone, email: mail.fromEmail.slice(0, 200), city },
      { pipelineId: source.pipelineId, stageId: source.stageId, channel: 'email', title, amountKopecks: amount, address: null, notes: note, operatorId: null },
      now,
    );
    await trx
      .insertInto('lead_submissions')
      .values({ source_id: source.id, submission_key: submissionKey, order_id: created.orderId, phone, items_key: items.map(({ offer, qty }) => `${offer.sku}×${qty}`).sort().join(','), utm: null, created_at: now })
      .execute();
    return {
      response: { orderId: created.orderId, orderNumber: created.orderNumber, customerId: created.customerId, operatorId: created.operatorId },
      cursor: created.version,
      messageId,
    };
  });
}
