// «Мои заказы» and the order that is open in the card.
import { create } from 'zustand';
import type { OrderDetails, OrderListItem, PultApi } from '../../core/contract.js';
import type { ApiErrorBody } from '../../core/errors.js';
import type { Role } from '../../core/domain.js';
import { defaultOrderScope } from '../../core/permissions.js';

interface OrdersState {
  items: OrderListItem[];
  loaded: boolean;
  listError: ApiErrorBody | null;
  selectedId: string | null;
  details: OrderDetails | null;
  detailsError: ApiErrorBody | null;
  /** Stage id being saved right now, to disable the buttons and say «Сохраняем…». */
  changingTo: string | null;
  changeError: ApiErrorBody | null;
  /** Name of the stage just set, for the confirmation line. */
  changedTo: string | null;
  /** Loads the list the role works with: own orders for field staff, all for supervisors. */
  load(api: PultApi, role: Role): Promise<void>;
  open(api: PultApi, id: string): Promise<void>;
  refreshOpen(api: PultApi): Promise<void>;
  close(): void;
  /** `reason` is required (core rule) when the target is a failure stage. */
  changeStage(api: PultApi, toStageId: string, reason?: string): Promise<void>;
  reset(): void;
}

const empty = {
  items: [],
  loaded: false,
  listError: null,
  selectedId: null,
  details: null,
  detailsError: null,
  changingTo: null,
  changeError: null,
  changedTo: null,
} satisfies Partial<OrdersState>;

export const useOrders = create<OrdersState>()((set, get) => ({
  ...empty,
  async load(api, role) {
    const r = await api.call('orders.list', { scope: defaultOrderScope(role) });
    if (r.ok) set({ items: r.value, loaded: true, listError: null });
    else set({ loaded: true, listError: r.error });
  },
  async open(api, id) {
    set({ selectedId: id, details: null, detailsError: null, changeError: null, changedTo: null, changingTo: null });
    await get().refreshOpen(api);
  },
  async refreshOpen(api) {
    const id = get().selectedId;
    if (!id) return;
    const r = await api.call('orders.get', { id });
    if (get().selectedId !== id) return; // the operator moved on meanwhile
    if (r.ok) set({ details: r.value, detailsError: null });
    else set({ detailsError: r.error });
  },
  close() {
    set({ selectedId: null, details: null, detailsError: null, changeError: null, changedTo: null, changingTo: null });
  },
  async changeStage(api, toStageId, reason) {
    const d = get().details;
    if (!d || get().changingTo) return;
    const target = d.nextStages.find((s) => s.id === toStageId);
    set({ changingTo: toStageId, changeError: null, changedTo: null });
    const r = await api.call('orders.changeStage', { orderId: d.order.id, toStageId, ...(reason ? { reason } : {}) });
    if (get().selectedId !== d.order.id) return;
    if (r.ok) set({ details: r.value, changingTo: null, changedTo: r.value.stage?.name ?? target?.name ?? null });
    else set({ changingTo: null, changeError: r.error });
  },
  reset() {
    set(empty);
  },
}));
