// Sample rows shared by the cache and main-service tests (not shipped code paths).
import type { Customer, Order, Pipeline, User } from '../core/domain.js';
import type { Change } from '../core/sync.js';

export const OPERATOR: User = { id: '01900000-0000-7000-8000-000000000001', login: 'anna', displayName: 'Анна', role: 'operator', district: null };
export const TECH: User = { id: '01900000-0000-7000-8000-000000000002', login: 'ivan', displayName: 'Иван', role: 'technician', district: 'north' };

export const PIPELINE: Pipeline = {
  id: 'repair',
  name: 'Ремонт',
  stages: [
    { id: 'new', name: 'Новая', color: '#3366ff', role: 'operator', kind: 'open', slaMinutes: 15 },
    { id: 'assigned', name: 'Назначена', color: '#33aa66', role: 'technician', kind: 'open', slaMinutes: null },
    { id: 'done', name: 'Выполнена', color: '#00aa00', role: 'technician', kind: 'success', slaMinutes: null },
    { id: 'lost', name: 'Отказ', color: '#aa0000', role: 'operator', kind: 'failure', slaMinutes: null },
  ],
  transitions: [
    { from: 'new', to: 'assigned', roles: ['operator', 'admin'] },
    { from: 'new', to: 'lost', roles: ['operator'] },
    { from: 'assigned', to: 'done', roles: ['technician'] },
    { from: 'assigned', to: 'lost', roles: ['operator'] },
  ],
  updatedAt: '2025-01-01T00:00:00.000Z',
};

export function customer(n: number, phone = `+7912000${String(n).padStart(4, '0')}`): Customer {
  return {
    id: `01900000-0000-7000-8000-1000000${String(n).padStart(5, '0')}`,
    name: `Клиент ${n}`,
    phone,
    phoneRaw: phone,
    email: null,
    city: 'Москва',
    partnerNumber: null,
    notes: '',
    updatedAt: '2025-01-02T00:00:00.000Z',
  };
}

export function order(n: number, over: Partial<Order> = {}): Order {
  return {
    id: `01900000-0000-7000-8000-2000000${String(n).padStart(5, '0')}`,
    number: `A-${n}`,
    customerId: customer(n).id,
    pipelineId: PIPELINE.id,
    stageId: 'new',
    operatorId: OPERATOR.id,
    technicianId: null,
    title: `Заказ ${n}`,
    amountKopecks: 100_00,
    city: null,
    address: null,
    channel: 'phone',
    notes: '',
    version: 1,
    createdAt: `2025-01-${String(10 + (n % 18)).padStart(2, '0')}T10:00:00.000Z`,
    updatedAt: '2025-01-10T10:00:00.000Z',
    ...over,
  };
}

export function seedChanges(): Change[] {
  return [
    { entity: 'users', op: 'upsert', version: 1, data: OPERATOR },
    { entity: 'users', op: 'upsert', version: 2, data: TECH },
    { entity: 'pipelines', op: 'upsert', version: 3, data: PIPELINE },
    { entity: 'customers', op: 'upsert', version: 4, data: customer(1) },
    { entity: 'customers', op: 'upsert', version: 5, data: customer(2) },
    { entity: 'orders', op: 'upsert', version: 6, data: order(1) },
    { entity: 'orders', op: 'upsert', version: 7, data: order(2, { operatorId: null, technicianId: TECH.id, stageId: 'assigned' }) },
  ];
}
