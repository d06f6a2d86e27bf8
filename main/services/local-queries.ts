// Reads for the renderer, answered from the cache alone (no network on the hot paths):
// confirmed server rows with pending local intents replayed on top.
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../../core/calendar.js';
import { pricedCities, toCatalogHit, type CatalogSearchInput, type CatalogSearchResult } from '../../core/catalog.js';
import type { CallLogEntry, ClaimView, CustomerDetails, OrderDetails, OrderListItem, OrderNoteView, RecentCall } from '../../core/contract.js';
import { planCustomerSearch } from '../../core/customer-search.js';
import type { Claim, Customer, Order, Pipeline, PipelineStage, User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { normalizePhone } from '../../core/phone.js';
import { allowedNextStages, findStage, isOpenStage } from '../../core/pipeline.js';
import { reasonsFor } from '../../core/reasons.js';
import { buildTodo, type TodoItem } from '../../core/todo.js';
import type { Cache, OutboxEntry } from '../../db/cache.js';
import { replayCallbacks, replayOrder, type OptimisticOrder } from '../../db/optimistic.js';

/** How many of a caller's last calls the screen pop shows. */
const LAST_CALLS = 3;
/** How many calls the customer card shows. */
const CARD_CALLS = 20;
const SEARCH_LIMIT = 20;

/**
 * `hours`: the site's working hours for countdowns; the server keeps them in its settings,
 * which the cache does not carry yet, so the default (Mon–Sat 9–20 Moscow) stands in.
 * `clock`: now, for claim expiry (tests pass their own).
 */
export function createLocalQueries(cache: Cache, me: User, hours: WorkingHours = DEFAULT_WORKING_HOURS, clock: () => Date = () => new Date()) {
  const pipelines = new Map<string, Pipeline | null>();
  let citiesMemo: string[] | null = null;
  // Pipelines change rarely; memoize per query call, not across calls (a pull may replace them).
  const pipelineOf = (id: string) => {
    if (!pipelines.has(id)) pipelines.set(id, cache.getPipeline(id));
    return pipelines.get(id) ?? null;
  };

  function optimistic(server: Order, pendingByOrder?: Map<string, OutboxEntry[]>): OptimisticOrder {
    const pending = pendingByOrder ? (pendingByOrder.get(server.id) ?? []) : cache.pendingFor(server.id);
    return replayOrder(server, pending, pipelineOf(server.pipelineId), me.role);
  }

  function pendingIndex(): Map<string, OutboxEntry[]> {
    const map = new Map<string, OutboxEntry[]>();
    for (const m of cache.pendingAll()) {
      const list = map.get(m.targetId);
      if (list) list.push(m);
      else map.set(m.targetId, [m]);
    }
    return map;
  }

  /** Calls with this number, newest first: the ones still waiting to reach the server too. */
  function recentCalls(e164: string, limit: number): RecentCall[] {
    const seen = new Set<string>();
    const list: RecentCall[] = [];
    for (const c of cache.pendingCallsByPhone(e164)) {
      seen.add(c.id);
      list.push({ id: c.id, direction: c.direction, outcome: c.outcome, startedAt: c.startedAt, durationSec: c.durationSec, note: c.note, pending: true });
    }
    for (const c of cache.recentServerCallsByPhone(e164, limit)) {
      if (seen.has(c.id)) continue;
      list.push({ id: c.id, direction: c.direction, outcome: c.outcome, startedAt: c.startedAt, durationSec: c.durationSec, note: c.note, pending: false });
    }
    return list.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0)).slice(0, limit);
  }

  const isOpen = (o: Order) => {
    const p = pipelineOf(o.pipelineId);
    return p ? isOpenStage(p, o.stageId) : true;
  };

  /** Open stages first, then newest first. */
  function byOpenThenNewest(a: Order, b: Order): number {
    const open = Number(isOpen(b)) - Number(isOpen(a));
    return open !== 0 ? open : b.createdAt.localeCompare(a.createdAt);
  }

  /** Confirmed notes, then this user's notes still waiting for the server (never hidden). */
  function notesOf(orderId: string): OrderNoteView[] {
    const confirmed: OrderNoteView[] = cache.notesFor(orderId).map((n) => ({ ...n, pending: false }));
    const known = new Set(confirmed.map((n) => n.id));
    for (const m of cache.pendingFor(orderId)) {
      if (m.body.name !== 'orders.addNote' || known.has(m.body.args.noteId)) continue;
      confirmed.push({ id: m.body.args.noteId, orderId, authorId: me.id, text: m.body.args.text, createdAt: m.createdAt, pending: true });
    }
    return confirmed;
  }

  /** A claim still in force, with the holder's name from the cached users. */
  function claimView(claim: Claim | null | undefined, now: number): ClaimView | null {
    if (!claim || Date.parse(claim.expiresAt) <= now) return null;
    const holder = cache.getUser(claim.userId);
    return { userId: claim.userId, holderName: holder?.displayName ?? '—', expiresAt: claim.expiresAt, mine: claim.userId === me.id };
  }

  /** Customers by id, read once per query (lists repeat the same customer). */
  function customerMemo(): (id: string) => Customer | null {
    const customers = new Map<string, Customer | null>();
    return (id) => {
      if (!customers.has(id)) customers.set(id, cache.getCustomer(id));
      return customers.get(id) ?? null;
    };
  }

  return {
    listOrders(scope: 'mine' | 'all'): OrderListItem[] {
      pipelines.clear();
      const pending = pendingIndex();
      const customerOf = customerMemo();
      const claims = cache.claimsOn('orders');
      const now = clock().getTime();
      return cache
        .listServerOrders(scope === 'mine' ? me.id : undefined)
        .map((o) => optimistic(o, pending))
        .sort((a, b) => byOpenThenNewest(a.order, b.order))
        .map(({ order, pending: isPending }) => {
          const p = pipelineOf(order.pipelineId);
          return {
            order,
            customer: customerOf(order.customerId),
            stage: p ? (findStage(p, order.stageId) ?? null) : null,
            pending: isPending,
            claim: claimView(claims.get(order.id), now),
          };
        });
    },

    getOrder(id: string): OrderDetails {
      pipelines.clear();
      const server = cache.getServerOrder(id);
      if (!server) throw new PultError('not_found', 'Order not found');
      const { order, pending } = optimistic(server);
      const pipeline = pipelineOf(order.pipelineId);
      if (!pipeline) throw new PultError('not_found', `Pipeline ${order.pipelineId} is not in the cache yet`);
      return {
        order,
        customer: cache.getCustomer(order.customerId),
        pipeline,
        stage: findStage(pipeline, order.stageId) ?? null,
        nextStages: allowedNextStages(pipeline, order.stageId, me.role),
        claim: claimView(cache.getClaim('orders', order.id), clock().getTime()),
        reasons: reasonsFor(me.role),
        pending,
        notes: notesOf(order.id),
      };
    },

    /** «Что делать сейчас»: this user's callbacks and orders, most urgent first. */
    todo(): TodoItem[] {
      pipelines.clear();
      const pending = pendingIndex();
      const customerOf = customerMemo();
      let server: Order[];
      if (me.role === 'supervisor') server = [];
      else if (me.role === 'admin') {
        const adminStages = cache.listPipelines().flatMap((p) => p.stages.filter((st) => st.role === 'admin').map((st) => st.id));
        server = cache.serverOrdersInStages([...new Set(adminStages)]);
      } else server = [...cache.listServerOrders(me.id), ...(me.role === 'operator' ? cache.serverOrdersUnassigned() : [])];
      const orders = server.map((o) => {
        const { order, pending: isPending } = optimistic(o, pending);
        return { order, customer: customerOf(order.customerId), pipeline: pipelineOf(order.pipelineId), pending: isPending };
      });
      const open = me.role === 'operator' ? replayCallbacks(cache.openCallbacks(), cache.pendingAll()) : [];
      const callbacks = open.map((callback) => ({ callback, customer: callback.customerId ? customerOf(callback.customerId) : null }));
      return buildTodo({ me, orders, callbacks, hours });
    },

    /** The customer card: open orders first, then past ones; calls logged here but not yet sent included. */
    getCustomer(id: string): CustomerDetails {
      pipelines.clear();
      const customer = cache.getCustomer(id);
      if (!customer) throw new PultError('not_found', 'Customer not found');
      const pending = pendingIndex();
      const orders: OrderListItem[] = cache
        .serverOrdersByCustomer(id)
        .map((o) => optimistic(o, pending))
        .sort((a, b) => byOpenThenNewest(a.order, b.order))
        .map(({ order, pending: isPending }) => {
          const p = pipelineOf(order.pipelineId);
          return { order, customer, stage: p ? (findStage(p, order.stageId) ?? null) : null, pending: isPending };
        });
      const confirmed = cache.callsOfCustomer(id, customer.phone, CARD_CALLS);
      const known = new Set(confirmed.map((c) => c.id));
      const waiting: CallLogEntry[] = [];
      for (const m of cache.pendingAll()) {
        if (m.body.name !== 'calls.log' || known.has(m.body.args.id)) continue;
        const a = m.body.args;
        if (a.customerId === id || a.phone === customer.phone) waiting.push({ ...a, userId: me.id, pending: true });
      }
      const calls = [...waiting, ...confirmed.map((c) => ({ ...c, pending: false }))]
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
        .slice(0, CARD_CALLS);
      const callbacks = replayCallbacks(cache.openCallbacks(), cache.pendingAll()).filter((c) => c.customerId === id || c.phone === customer.phone);
      return { customer, orders, calls, callbacks };
    },

    searchCustomers(text: string): Customer[] {
      return cache.searchCustomers(planCustomerSearch(text), SEARCH_LIMIT);
    },

    recentCalls,

    /** The catalog while talking: prefix search in the cache, priced for the city asked. */
    searchCatalog({ query, city, limit }: CatalogSearchInput): CatalogSearchResult {
      // One more than asked tells whether the operator should type more.
      const found = cache.searchOffers(query, limit + 1);
      return { hits: found.slice(0, limit).map((o) => toCatalogHit(o, city)), more: found.length > limit };
    },

    /** Cities with prices of their own, for the operator's choice (scans the catalog once per change). */
    catalogCities(): string[] {
      citiesMemo ??= pricedCities(cache.offerPriceKeys());
      return citiesMemo;
    },

    /** The catalog changed (a pull brought offers): the city list is read afresh next time. */
    forgetCatalogCities(): void {
      citiesMemo = null;
    },

    /** The incoming-call lookup: index hit on E.164, plus the customer's open orders. */
    findByPhone(
      raw: string,
    ): { customer: Customer; openOrders: Order[]; stages: Record<string, PipelineStage>; nextStages: Record<string, PipelineStage[]>; lastCalls: RecentCall[] } | null {
      pipelines.clear();
      const e164 = normalizePhone(raw);
      if (!e164) return null; // hidden or malformed caller id: an unknown caller, not an error
      const customer = cache.findCustomersByPhone(e164)[0];
      if (!customer) return null;
      const openOrders = cache
        .serverOrdersByCustomer(customer.id)
        .map((o) => optimistic(o).order)
        .filter(isOpen);
      const stages: Record<string, PipelineStage> = {};
      const nextStages: Record<string, PipelineStage[]> = {};
      for (const o of openOrders) {
        const p = pipelineOf(o.pipelineId);
        const st = p ? findStage(p, o.stageId) : undefined;
        if (st) stages[o.id] = st;
        if (p) nextStages[o.id] = allowedNextStages(p, o.stageId, me.role);
      }
      return { customer, openOrders, stages, nextStages, lastCalls: recentCalls(e164, LAST_CALLS) };
    },
  };
}

export type LocalQueries = ReturnType<typeof createLocalQueries>;
