// 30 demo orders across the three pipelines and their stages.
import type { Channel } from '../../core/domain.js';
import { seedId } from './ids.js';

export type DemoLogin = 'operator' | 'operator2' | 'tech' | 'admin' | 'supervisor';

export interface SeedOrder {
  id: string;
  number: string;
  pipelineId: 'delivery' | 'service' | 'store';
  stageId: string;
  /** 1-based index into SEED_CUSTOMERS. */
  customer: number;
  operator: DemoLogin | null;
  technician: DemoLogin | null;
  title: string;
  amountKopecks: number;
  channel: Channel;
  hoursAgo: number;
}

type Row = [SeedOrder['pipelineId'], string, number, DemoLogin | null, boolean, string, number, Channel];

const ROWS: Row[] = [
  ['delivery', 'new', 1, 'operator', false, 'Смеситель для кухни Grohe Eurosmart с установкой', 12_490, 'web'],
  ['delivery', 'new', 2, 'operator', false, 'Унитаз-компакт Cersanit Parva', 9_890, 'phone'],
  ['delivery', 'no_answer', 3, 'operator', false, 'Полотенцесушитель водяной Terminus 500×800', 7_450, 'web'],
  ['delivery', 'confirmed', 4, 'operator', true, 'Бойлер Thermex 80 л с монтажом', 21_900, 'phone'],
  ['delivery', 'in_work', 5, 'operator2', true, 'Душевая кабина 90×90 с установкой', 38_500, 'web'],
  ['delivery', 'rescheduled', 6, 'operator', true, 'Ванна акриловая 170×70 с монтажом', 27_800, 'phone'],
  ['delivery', 'done', 1, 'operator', true, 'Фильтр под мойку Аквафор Кристалл', 6_890, 'phone'],
  ['delivery', 'cancelled', 7, 'operator2', false, 'Инсталляция Grohe Rapid SL', 24_300, 'web'],
  ['delivery', 'new', 8, 'operator2', false, 'Раковина с тумбой 60 см', 15_600, 'chat'],
  ['delivery', 'confirmed', 9, 'operator2', true, 'Водонагреватель проточный Electrolux', 8_990, 'missed_call'],
  ['delivery', 'in_work', 10, 'operator', true, 'Смеситель для ванны с душевым гарнитуром', 9_400, 'email'],
  ['delivery', 'done', 11, 'operator2', true, 'Замена стояка и разводка труб', 18_000, 'phone'],
  ['delivery', 'no_answer', 12, 'operator2', false, 'Насос повышения давления Wilo', 13_200, 'web'],
  ['delivery', 'new', 13, null, false, 'Сифон и гофра для ванны', 1_890, 'web'],
  ['delivery', 'rescheduled', 14, 'operator2', true, 'Кухонная мойка из искусственного камня', 16_750, 'phone'],
  ['service', 'request', 15, 'operator', false, 'Замена ламп ближнего света на светодиодные', 6_500, 'phone'],
  ['service', 'no_answer', 16, 'operator', false, 'Полировка фар', 3_500, 'web'],
  ['service', 'processed', 17, 'operator2', false, 'Установка биксеноновых линз', 14_800, 'chat'],
  ['service', 'booked', 18, 'operator', false, 'Регулировка фар и диагностика', 2_500, 'phone'],
  ['service', 'work_order', 19, 'operator2', true, 'Замена стекла фары', 7_900, 'walk_in'],
  ['service', 'quality', 20, 'operator', true, 'Установка ходовых огней', 4_900, 'phone'],
  ['service', 'success', 21, 'operator2', true, 'Антизапотевание фар', 3_000, 'web'],
  ['store', 'new', 22, 'operator', false, 'Фары светодиодные Toyota Camry V70, комплект', 42_000, 'web'],
  ['store', 'no_answer', 23, 'operator2', false, 'Противотуманные фары Hella', 8_700, 'web'],
  ['store', 'product_request', 24, 'operator', false, 'Лампы Osram Night Breaker H7, 2 шт.', 3_290, 'email'],
  ['store', 'reserved', 25, 'operator2', false, 'Комплект линз Bi-LED 3.0"', 11_900, 'chat'],
  ['store', 'pickup_delivery', 26, 'operator', false, 'Фонарь задний Kia Rio', 6_400, 'phone'],
  ['store', 'shipped_unpaid', 27, 'operator2', false, 'Корректор фар электрический', 2_100, 'web'],
  ['store', 'quality', 28, 'operator', false, 'Блок розжига Philips', 5_300, 'web'],
  ['store', 'cancelled', 29, 'operator', false, 'Фара левая Hyundai Solaris', 9_800, 'missed_call'],
];

export const SEED_ORDERS: SeedOrder[] = ROWS.map(([pipelineId, stageId, customer, operator, tech, title, rub, channel], i) => ({
  id: seedId('order', i + 1),
  number: `П-${1001 + i}`,
  pipelineId,
  stageId,
  customer,
  operator,
  technician: tech ? 'tech' : null,
  title,
  amountKopecks: rub * 100,
  channel,
  hoursAgo: (ROWS.length - i) * 3,
}));

const STREETS = ['ул. Ленина', 'Профсоюзная ул.', 'Невский пр.', 'ул. Садовая', 'Ленинградский пр.', 'ул. Гагарина', 'Московский пр.', 'ул. Мира'];

export function seedAddress(i: number): string {
  return `${STREETS[i % STREETS.length] ?? 'ул. Мира'}, д. ${(i * 7) % 90 + 3}, кв. ${(i * 13) % 120 + 1}`;
}
