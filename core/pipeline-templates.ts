// The three pipelines the cases run (domain.md, cases 000 and 004): seeded on a new server and
// offered as templates to admins. Stage ids are stable ascii slugs the client and tests may rely
// on; names are what people see.
import type { Pipeline, PipelineStage, PipelineTransition, Role, StageEntryAction } from './domain.js';

export type SeedPipeline = Omit<Pipeline, 'updatedAt'>;

/** Admin and supervisor may move an order between any two stages (fixing mistakes included). */
const MANAGERS: Role[] = ['admin', 'supervisor'];

type Rule = [from: string, to: string, roles: Role[]];

function transitions(stages: PipelineStage[], rules: Rule[]): PipelineTransition[] {
  const out: PipelineTransition[] = [];
  for (const from of stages) {
    for (const to of stages) {
      if (from.id === to.id) continue;
      const granted = rules.filter(([f, t]) => f === from.id && t === to.id).flatMap(([, , roles]) => roles);
      out.push({ from: from.id, to: to.id, roles: [...new Set([...granted, ...MANAGERS])] });
    }
  }
  return out;
}

const stage = (
  id: string, name: string, color: string, role: Role, kind: PipelineStage['kind'] = 'open', slaMinutes: number | null = null,
): PipelineStage => ({ id, name, color, role, kind, slaMinutes });

/** Customer notices on entering a stage (the demo templates, server/seed/catalog.ts). */
const notice = (stageValue: PipelineStage, ...templates: Array<[templateId: string, channel: 'email' | 'sms']>): PipelineStage => ({
  ...stageValue,
  entryActions: templates.map(([templateId, channel]): StageEntryAction => ({ kind: 'send_template', templateId, channel })),
});

const deliveryStages = [
  stage('new', 'Новый', '#2f80ed', 'operator', 'open', 30),
  stage('no_answer', 'Недозвон', '#f2994a', 'operator', 'open', 120),
  notice(stage('confirmed', 'Подтверждён', '#27ae60', 'technician', 'open', 24 * 60), ['delivery-confirmed-email', 'email'], ['delivery-confirmed-sms', 'sms']),
  notice(stage('in_work', 'Принят в работу', '#9b51e0', 'technician', 'open', null), ['delivery-in-work-email', 'email']),
  notice(stage('rescheduled', 'Перенос заказа', '#f2c94c', 'operator', 'open', 8 * 60), ['delivery-rescheduled-email', 'email']),
  notice(stage('done', 'Выполнен', '#219653', 'technician', 'success'), ['delivery-done-email', 'email']),
  stage('cancelled', 'Отменён', '#828282', 'operator', 'failure'),
];

export const DELIVERY: SeedPipeline = {
  id: 'delivery',
  name: 'Доставка и установка',
  stages: deliveryStages,
  transitions: transitions(deliveryStages, [
    ['new', 'no_answer', ['operator']],
    ['new', 'confirmed', ['operator']],
    ['new', 'cancelled', ['operator']],
    ['no_answer', 'new', ['operator']],
    ['no_answer', 'confirmed', ['operator']],
    ['no_answer', 'cancelled', ['operator']],
    ['confirmed', 'in_work', ['technician']],
    ['confirmed', 'rescheduled', ['operator', 'technician']],
    ['confirmed', 'cancelled', ['operator']],
    ['in_work', 'done', ['technician']],
    ['in_work', 'rescheduled', ['technician', 'operator']],
    ['rescheduled', 'confirmed', ['operator']],
    ['rescheduled', 'in_work', ['technician']],
    ['rescheduled', 'cancelled', ['operator']],
  ]),
};

const serviceStages = [
  stage('request', 'Заявка', '#2f80ed', 'operator', 'open', 30),
  stage('no_answer', 'Недозвон', '#f2994a', 'operator', 'open', 120),
  stage('processed', 'Обработан', '#56ccf2', 'operator', 'open', 24 * 60),
  stage('booked', 'Закрыт на приезд', '#27ae60', 'admin', 'open', null),
  stage('work_order', 'Открыт заказ-наряд', '#9b51e0', 'technician', 'open', null),
  stage('quality', 'Оценка качества', '#f2c94c', 'operator', 'open', 24 * 60),
  stage('success', 'Успешно', '#219653', 'operator', 'success'),
  stage('cancelled', 'Отменён', '#828282', 'operator', 'failure'),
];

export const SERVICE: SeedPipeline = {
  id: 'service',
  name: 'Запись на сервис',
  stages: serviceStages,
  transitions: transitions(serviceStages, [
    ['request', 'no_answer', ['operator']],
    ['request', 'processed', ['operator']],
    ['request', 'cancelled', ['operator']],
    ['no_answer', 'request', ['operator']],
    ['no_answer', 'processed', ['operator']],
    ['no_answer', 'cancelled', ['operator']],
    ['processed', 'booked', ['operator']],
    ['processed', 'cancelled', ['operator']],
    ['booked', 'work_order', ['technician']],
    ['booked', 'processed', ['operator']],
    ['booked', 'cancelled', ['operator']],
    ['work_order', 'quality', ['technician']],
    ['quality', 'success', ['operator']],
  ]),
};

const storeStages = [
  stage('new', 'Новая', '#2f80ed', 'operator', 'open', 30),
  stage('no_answer', 'Недозвон', '#f2994a', 'operator', 'open', 120),
  stage('product_request', 'Запрос на товар', '#56ccf2', 'admin', 'open', 4 * 60),
  stage('reserved', 'Резерв', '#27ae60', 'admin', 'open', 24 * 60),
  stage('pickup_delivery', 'Самовывоз/Доставка', '#9b51e0', 'operator', 'open', 3 * 24 * 60),
  stage('shipped_unpaid', 'Отгружено/не оплачено', '#eb5757', 'operator', 'open', 7 * 24 * 60),
  stage('quality', 'Оценка качества', '#f2c94c', 'operator', 'open', 24 * 60),
  stage('success', 'Успешно', '#219653', 'operator', 'success'),
  stage('cancelled', 'Отменён', '#828282', 'operator', 'failure'),
];

export const STORE: SeedPipeline = {
  id: 'store',
  name: 'Интернет-магазин',
  stages: storeStages,
  transitions: transitions(storeStages, [
    ['new', 'no_answer', ['operator']],
    ['new', 'product_request', ['operator']],
    ['new', 'reserved', ['operator']],
    ['new', 'cancelled', ['operator']],
    ['no_answer', 'new', ['operator']],
    ['no_answer', 'product_request', ['operator']],
    ['no_answer', 'cancelled', ['operator']],
    ['product_request', 'reserved', ['admin']],
    ['product_request', 'cancelled', ['operator']],
    ['reserved', 'pickup_delivery', ['operator']],
    ['reserved', 'cancelled', ['operator']],
    ['pickup_delivery', 'shipped_unpaid', ['operator']],
    ['pickup_delivery', 'quality', ['operator', 'technician']],
    ['pickup_delivery', 'cancelled', ['operator', 'technician']],
    ['shipped_unpaid', 'quality', ['operator']],
    ['quality', 'success', ['operator']],
  ]),
};

export const SEED_PIPELINES: SeedPipeline[] = [DELIVERY, SERVICE, STORE];
