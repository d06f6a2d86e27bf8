// What every lead channel does once the lead is accepted: the customer found by phone (or
// created), then a new order in the channel's pipeline and stage, with its SLA robots. Runs
// inside the caller's transaction.
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import { reserveVersions } from '../db/versions.js';
import { chooseOperator } from '../orders/assign.js';
import { onOrderCreated } from '../robots/robots.js';

export interface LeadCustomer {
  name: string;
  /** E.164, already normalized. */
  phone: string;
  phoneRaw: string;
  email: string | null;
  city: string | null;
  /** The referrer's partner number, as the form or the operator gave it. */
  referrer?: string | null;
}

export interface LeadOrder {
  /** Given by the client for leads born offline (idempotent push); new otherwise. */
  id?: string;
  pipelineId: string;
  stageId: string;
  channel: string;
  title: string;
  amountKopecks: number;
  address: string | null;
  /** The district it is served in (technicians are assigned by it); absent = not known. */
  district?: string | null;
  notes: string;
  /** The operator who takes it; null = assign automatically. */
  operatorId: string | null;
  /** The company line (DID) a phone lead called, E.164: the by-channel report. */
  calledNumber?: string | null;
}

export interface CreatedLeadOrder {
  orderId: string;
  orderNumber: string;
  customerId: string;
  operatorId: string | null;
  /** The version of the order row: the sync cursor that carries it. */
  version: number;
}

/** One person = one card: the same phone, else the same email, is the same customer. */
async function findSamePerson(trx: Tx, who: LeadCustomer) {
  const byPhone = await trx.selectFrom('customers').selectAll().where('phone', '=', who.phone).orderBy('updated_at', 'desc').executeTakeFirst();
  if (byPhone || !who.email) return byPhone;
  const email = who.email.toLowerCase();
  return trx.selectFrom('customers').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email)).orderBy('updated_at', 'desc').executeTakeFirst();
}

/** A partner number is given at registration, from a sequence: nobody types it by hand. */
async function nextPartnerNumber(trx: Tx): Promise<string> {
  const row = await trx.selectNoFrom((eb) => eb.fn<string>('nextval', [eb.val('partner_number_seq')]).as('n')).executeTakeFirstOrThrow();
  return `P-${row.n}`;
}

/** The referrer named by partner number; unknown numbers and self-referral are ignored. */
async function referrerOf(trx: Tx, partnerNumber: string | null | undefined, self: string | null): Promise<string | null> {
  const wanted = partnerNumber?.trim().toUpperCase();
  if (!wanted) return null;
  const row = await trx.selectFrom('customers').select('id').where('partner_number', '=', wanted).executeTakeFirst();
  return row && row.id !== self ? row.id : null;
}

export async function createLeadOrder(trx: Tx, who: LeadCustomer, what: LeadOrder, now: Date): Promise<CreatedLeadOrder> {
  const existing = await findSamePerson(trx, who);
  const referrerId = await referrerOf(trx, who.referrer, existing?.id ?? null);
  const [customerVersion, orderVersion] = await reserveVersions(trx, 2);
  if (customerVersion === undefined || orderVersion === undefined) throw new Error('versions not reserved');
  let customerId: string;
  if (existing) {
    // Same person: keep one card; fill what was missing, never overwrite what staff entered.
    customerId = existing.id;
    await trx
      .updateTable('customers')
      .set({ email: existing.email ?? who.email, city: existing.city ?? who.city, referrer_id: existing.referrer_id ?? referrerId, partner_number: existing.partner_number ?? (await nextPartnerNumber(trx)), updated_at: now, version: customerVersion })
      .where('id', '=', existing.id)
      .execute();
  } else {
    customerId = uuidv7();
    await trx
      .insertInto('customers')
      .values({
        id: customerId, name: who.name, phone: who.phone, phone_raw: who.phoneRaw, email: who.email, city: who.city,
        partner_number: await nextPartnerNumber(trx), referrer_id: referrerId, notes: '', updated_at: now, version: customerVersion,
      })
      .execute();
  }

  const operatorId = what.operatorId ?? (await chooseOperator(trx, existing ? customerId : null, now));
  const seq = await trx.selectNoFrom((eb) => eb.fn<string>('nextval', [eb.val('order_number_seq')]).as('n')).executeTakeFirstOrThrow();
  const orderId = what.id ?? uuidv7();
  const number = `П-${seq.n}`;
  await trx
    .insertInto('orders')
    .values({
      id: orderId, number, customer_id: customerId, pipeline_id: what.pipelineId, stage_id: what.stageId,
      operator_id: operatorId, technician_id: null, title: what.title.slice(0, 500), amount_kopecks: what.amountKopecks, city: who.city,
      district: what.district ?? null, address: what.address, channel: what.channel, called_number: what.calledNumber ?? null, notes: what.notes, created_at: now, updated_at: now,
      version: orderVersion, stage_version: orderVersion,
    })
    .execute();
  await onOrderCreated(trx, orderId, now);
  return { orderId, orderNumber: number, customerId, operatorId, version: orderVersion };
}
