// Demo catalog, a web-form lead source, company settings and customer notification templates, so leads and notifications work
// out of the box. Idempotent: existing rows are left as they are.
import { v5 as uuidv5 } from 'uuid';
import type { Db } from '../db/database.js';
import { reserveVersions } from '../db/versions.js';
import { hashLeadKey } from '../leads/create-lead.js';

/** The demo landing page's key; real sites get their own from the admin. */
export const DEMO_LEAD_KEY = 'demo-landing-key-0001';
/** The demo mailbox's key: its provider posts inbound mail to /api/leads/email with it. */
export const DEMO_MAIL_KEY = 'demo-mailbox-key-0001';
const NS = '6f1c1f0e-4b7e-4f52-9a51-3a3f2a0c0d11';

export const DEMO_OFFERS: Array<{ sku: string; name: string; prices: Record<string, number>; stock: number }> = [
  { sku: 'GROHE-33202', name: 'Смеситель для кухни Grohe Eurosmart', prices: { '*': 1_249_000, 'Санкт-Петербург': 1_199_000 }, stock: 14 },
  { sku: 'CERS-PARVA', name: 'Унитаз-компакт Cersanit Parva', prices: { '*': 989_000 }, stock: 6 },
  { sku: 'THERMEX-80', name: 'Водонагреватель Thermex 80 л', prices: { '*': 2_190_000 }, stock: 3 },
  { sku: 'INSTALL-STD', name: 'Установка сантехники (стандарт)', prices: { '*': 250_000, 'Москва': 300_000 }, stock: 999 },
  { sku: 'OSRAM-H7-NB', name: 'Лампа Osram Night Breaker H7', prices: { '*': 164_500 }, stock: 40 },
  // Sold out: the catalog search says «нет в наличии» rather than leaving it out.
  { sku: 'HG-71400', name: 'Смеситель для ванны Hansgrohe Logis', prices: { '*': 1_590_000, 'Санкт-Петербург': 1_540_000 }, stock: 0 },
];

/** Customer notices of the delivery pipeline (domain.md: a notice on every status change). */
export const DEMO_TEMPLATES: Array<{ id: string; channel: 'email' | 'sms'; stage: string; subject: string; body: string }> = [
  {
    id: 'delivery-confirmed-email', channel: 'email', stage: 'confirmed',
    subject: 'Заказ № {{order.number}} подтверждён',
    body: 'Здравствуйте, {{customer.name}}!\n\nВаш заказ № {{order.number}} подтверждён: {{order.title}}.\nСумма: {{order.amount}}.\nАдрес: {{order.address}}.\n\nМастер позвонит перед приездом. Вопросы — по телефону {{company.phone}}.\n{{company.name}}',
  },
  { id: 'delivery-confirmed-sms', channel: 'sms', stage: 'confirmed', subject: '', body: '{{company.name}}: заказ {{order.number}} подтверждён. Тел. {{company.phone}}' },
  {
    id: 'delivery-in-work-email', channel: 'email', stage: 'in_work',
    subject: 'Заказ № {{order.number}}: мастер принял заказ в работу',
    body: 'Здравствуйте, {{customer.name}}!\n\nМастер принял ваш заказ № {{order.number}} в работу и скоро свяжется с вами.\n{{company.name}}, {{company.phone}}',
  },
  {
    id: 'delivery-rescheduled-email', channel: 'email', stage: 'rescheduled',
    subject: 'Заказ № {{order.number}} перенесён',
    body: 'Здравствуйте, {{customer.name}}!\n\nЗаказ № {{order.number}} перенесён. Мы позвоним, чтобы договориться о новом времени.\n{{company.name}}, {{company.phone}}',
  },
  {
    id: 'delivery-done-email', channel: 'email', stage: 'done',
    subject: 'Заказ № {{order.number}} выполнен',
    body: 'Здравствуйте, {{customer.name}}!\n\nЗаказ № {{order.number}} выполнен. Спасибо, что выбрали нас!\n{{company.name}}, {{company.phone}}',
  },
];

/**
 * The customer's appointment reminders (19:00 the evening before and 2 hours before), for the
 * pipelines with visits; the same texts server migration 016 gives an existing database.
 */
export const APPOINTMENT_REMINDER_PIPELINES = ['service', 'delivery'] as const;
export const APPOINTMENT_REMINDER_TEMPLATES: Array<{ channel: 'email' | 'sms'; subject: string; body: string }> = [
  { channel: 'sms', subject: '', body: '{{company.name}}: напоминаем, {{appointment.when}} визит по заказу {{order.number}}. Тел. {{company.phone}}' },
  {
    channel: 'email',
    subject: 'Напоминание: {{appointment.when}} — заказ № {{order.number}}',
    body: 'Здравствуйте, {{customer.name}}!\n\nНапоминаем: {{appointment.when}} визит по заказу № {{order.number}} ({{order.title}}).\nАдрес: {{order.address}}.\n\nЕсли время не подходит, позвоните нам: {{company.phone}}.\n{{company.name}}',
  },
];

export async function seedDemoCatalog(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const have = await trx.selectFrom('offers').select('sku').where('sku', 'in', DEMO_OFFERS.map((o) => o.sku)).execute();
    const missing = DEMO_OFFERS.filter((o) => !have.some((h) => h.sku === o.sku));
    const versions = await reserveVersions(trx, missing.length);
    if (missing.length) {
      await trx
        .insertInto('offers')
        .values(missing.map((o, i) => ({ id: uuidv5(o.sku, NS), sku: o.sku, name: o.name, prices: JSON.stringify(o.prices), stock: o.stock, version: versions[i] ?? 0 })))
        .execute();
    }
    await trx
      .insertInto('lead_sources')
      .values([
        { id: 'landing', name: 'Лендинг «Сантехника с установкой»', key_hash: hashLeadKey(DEMO_LEAD_KEY), pipeline_id: 'delivery', stage_id: 'new', channel: 'web' },
        { id: 'mailbox', name: 'Почта zakaz@ (входящие письма)', key_hash: hashLeadKey(DEMO_MAIL_KEY), pipeline_id: 'delivery', stage_id: 'new', channel: 'email' },
      ])
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('settings')
      .values([
        { key: 'company.name', value: 'Унитаз-Дешево.РФ' },
        { key: 'company.phone', value: '+7 800 555-35-35' },
      ])
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    // An admin may have edited or switched off a template: existing ones are left alone.
    await trx
      .insertInto('notification_templates')
      .values(DEMO_TEMPLATES.map((t) => ({ id: t.id, channel: t.channel, pipeline_id: 'delivery', stage_id: t.stage, subject: t.subject, body: t.body })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const withVisits = await trx.selectFrom('pipelines').select('id').where('id', 'in', [...APPOINTMENT_REMINDER_PIPELINES]).execute();
    if (withVisits.length) {
      await trx
        .insertInto('notification_templates')
        .values(withVisits.flatMap((p) => APPOINTMENT_REMINDER_TEMPLATES.map((t) => ({
          id: `${p.id}-appointment-${t.channel}`, channel: t.channel, pipeline_id: p.id, stage_id: '', subject: t.subject, body: t.body, purpose: 'appointment_reminder' as const,
        }))))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  });
}
