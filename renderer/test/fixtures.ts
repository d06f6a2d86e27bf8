// Small valid contract values for unit tests.
import type { OrderDetails, SessionInfo, SyncStatus } from '../../core/contract.js';

export const session: SessionInfo = {
  user: { id: '0190a000-0000-7000-8000-000000000001', login: 'ivanova', displayName: 'Иванова Мария', role: 'operator', district: null },
  serverUrl: 'http://127.0.0.1:4310',
};

export const syncIdle: SyncStatus = { state: 'idle', pending: 0, lastSyncAt: null, lastError: null };

const stage = (id: string, name: string, color: string) =>
  ({ id, name, color, role: 'operator', kind: 'open', slaMinutes: null }) as const;

export const details: OrderDetails = {
  order: {
    id: '0190a000-0000-7000-8000-00000000a001',
    number: '1024',
    customerId: '0190a000-0000-7000-8000-00000000c001',
    pipelineId: 'delivery',
    stageId: 'new',
    operatorId: null,
    technicianId: null,
    title: 'Смеситель для кухни с установкой',
    amountKopecks: 1_250_000,
    city: 'Екатеринбург',
    address: 'ул. Ленина, 5, кв. 12',
    channel: 'phone',
    notes: '',
    version: 1,
    createdAt: '2025-01-10T09:00:00Z',
    updatedAt: '2025-01-10T09:00:00Z',
  },
  customer: null,
  pipeline: {
    id: 'delivery',
    name: 'Доставка и установка',
    stages: [stage('new', 'Новый', '#1e6fd9'), stage('confirmed', 'Подтверждён', '#2e8b57')],
    transitions: [{ from: 'new', to: 'confirmed', roles: ['operator'] }],
    updatedAt: '2025-01-10T09:00:00Z',
  },
  stage: stage('new', 'Новый', '#1e6fd9'),
  nextStages: [stage('confirmed', 'Подтверждён', '#2e8b57')],
  reasons: [{ code: 'too_expensive', name: 'Дорого', roles: ['operator'] }],
  pending: false,
};
