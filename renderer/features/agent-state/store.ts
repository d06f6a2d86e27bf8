// This operator's own agent state (issue 7): follows the softphone (ringing, on a call, after-
// call work when a call ends, «не на месте» when an incoming call rang out) and their clicks
// (break, «Готов», «Я на месте»), and publishes every change over the live socket so the
// supervisor's wallboard shows it. A supervisor's change comes back as the `agent.self` event.
import { create } from 'zustand';
import {
  ACW_DEFAULT_SEC, afterCallWork, cleanStatus, isCallWork, phoneTransition, withPlan, type AgentState, type AgentStatus, type BreakReason, type PhoneCallInfo,
} from '../../../core/agent-state.js';
import type { PultApi } from '../../../core/contract.js';
import type { PipelineStage } from '../../../core/domain.js';
import { afterNextPaint } from '../../platform/after-paint.js';
import { useSoftphone } from '../softphone/store.js';
import type { CallView } from '../softphone/engine.js';

/** The order of the call that just ended, so after-call work can move it on a stage. */
export interface Disposition {
  orderId: string;
  number: string;
  stages: PipelineStage[];
}

interface AgentStateStore {
  status: AgentStatus;
  /** When this state began, on this computer's clock (the server keeps its own). */
  since: number;
  disposition: Disposition | null;
  /** Set when a supervisor changed the state; the bar says so once. */
  bySupervisor: boolean;
  error: boolean;
  start(api: PultApi): () => void;
  /** A click: break, «Готов», «Я на месте». */
  choose(api: PultApi, status: AgentStatus): void;
  takeBreak(api: PultApi, reason: BreakReason): void;
  ready(api: PultApi): void;
  /** Applies a stage from after-call work, then ends it. */
  dispose(api: PultApi, stageId: string): Promise<void>;
}

/** After-call work length in seconds; a workplace may set `pult.acwSeconds` (default 60). */
export function acwSeconds(): number {
  let v = NaN;
  try {
    v = Number(localStorage.getItem('pult.acwSeconds'));
  } catch {
    // no storage (tests): the default
  }
  return Number.isInteger(v) && v >= 5 && v <= 600 ? v : ACW_DEFAULT_SEC;
}

/** The caller as the wallboard shows them: the customer card's name when the pop found one. */
function peerOf(c: CallView): PhoneCallInfo['peer'] {
  const pop = useSoftphone.getState().pops[c.id];
  const sipName = /^[+\d\s()-]*$/.test(c.remote.name) ? '' : c.remote.name;
  return { phone: c.remote.e164 ?? c.remote.raw, name: pop?.status === 'found' ? pop.data.customer.name : sipName };
}

function phoneInfo(c: CallView): PhoneCallInfo {
  return {
    id: c.id,
    direction: c.direction,
    state: c.state,
    answered: c.answeredAt !== null,
    missed: c.direction === 'incoming' && c.answeredAt === null && c.endReason === 'missed',
    peer: peerOf(c),
  };
}

let acwTimer: ReturnType<typeof setTimeout> | undefined;

export const useAgentState = create<AgentStateStore>()((set, get) => {
  function apply(api: PultApi, status: AgentStatus, extra: Partial<AgentStateStore> = {}): void {
    const next = cleanStatus(status);
    const prev = get().status;
    const changed = prev.kind !== next.kind;
    set({ status: next, since: changed ? Date.now() : get().since, bySupervisor: false, error: false, ...extra });
    clearTimeout(acwTimer);
    if (next.kind === 'after_call' && next.acwEndsAt) {
      // After-call work ends by itself; «Готов» ends it sooner.
      acwTimer = setTimeout(() => {
        if (get().status.kind === 'after_call') apply(api, afterCallWork(get().status), { disposition: null });
      }, Math.max(0, Date.parse(next.acwEndsAt) - Date.now()));
    }
    if (next.kind !== 'after_call' && get().disposition && !extra.disposition) set({ disposition: null });
    void api.call('agent.setState', next);
  }

  /** The order of a call that just ended, and the stages it may go to (from the screen pop). */
  function dispositionOf(ended: CallView[]): Disposition | null {
    const s = useSoftphone.getState();
    for (const c of ended) {
      if (c.answeredAt === null) continue;
      const pop = s.pops[c.id];
      const data = pop?.status === 'found' ? pop.data : null;
      const orderId = s.callOrder[c.id] ?? data?.openOrders[0]?.id ?? null;
      if (!orderId || !data) continue;
      const order = data.openOrders.find((o) => o.id === orderId);
      // Failure stages need a reason: those are chosen in the order card, not here.
      const stages = (data.nextStages?.[orderId] ?? []).filter((st) => st.kind !== 'failure');
      if (order && stages.length > 0) return { orderId, number: order.number, stages };
    }
    return null;
  }

  return {
    status: { kind: 'available', reason: null, peer: null, acwEndsAt: null },
    since: Date.now(),
    disposition: null,
    bySupervisor: false,
    error: false,

    start(api) {
      // Where we are after a reload: available, and the phone says more as soon as it can.
      apply(api, { kind: 'available' });
      // The phone's changes are followed after the frame that shows them: a ringing call's card
      // is painted first (screen-pop latency), then the bar and the wallboard learn of it —
      // in order, one change at a time, a frame later at most.
      type PhoneState = ReturnType<typeof useSoftphone.getState>;
      const queue: [PhoneState, PhoneState][] = [];
      let alive = true;
      const follow = (s: PhoneState, prev: PhoneState): void => {
        const before = new Map(prev.calls.map((c) => [c.id, c]));
        const ended: CallView[] = [];
        for (const c of s.calls) if (c.state === 'ended' && before.get(c.id)?.state !== 'ended') ended.push(c);
        // A call the engine dropped without showing its end (rare): count it as ended as it was.
        for (const p of prev.calls) if (p.state !== 'ended' && !s.calls.some((c) => c.id === p.id)) ended.push({ ...p, state: 'ended' });
        const live = s.calls.filter((c) => c.state !== 'ended');
        const calls = live.map(phoneInfo);
        const { status: current } = get();
        const next = withPlan(phoneTransition(current.kind, calls, ended.map(phoneInfo), new Date(), acwSeconds()), current);
        if (!next) {
          // Same state, but the card found the caller's name since: say who it is.
          const { status } = get();
          const peer = calls.find((c) => c.state !== 'ringing' || status.kind === 'ringing')?.peer;
          if ((status.kind === 'on_call' || status.kind === 'ringing') && peer && (peer.name !== status.peer?.name || peer.phone !== status.peer?.phone)) {
            apply(api, { kind: status.kind, peer, afterCall: status.afterCall ?? null });
          }
          return;
        }
        apply(api, next, next.kind === 'after_call' ? { disposition: dispositionOf(ended) } : {});
      };
      const flush = (): void => {
        for (const [s, prev] of queue.splice(0)) if (alive) follow(s, prev);
      };
      const offPhone = useSoftphone.subscribe((s, prev) => {
        if (s.calls === prev.calls && s.pops === prev.pops) return;
        queue.push([s, prev]);
        if (queue.length === 1) afterNextPaint(flush);
      });
      const offSelf = api.on('agent.self', (state: AgentState) => {
        if (state.kind === 'offline') return;
        const status = cleanStatus({ kind: state.kind, reason: state.reason ?? null, peer: state.peer ?? null, acwEndsAt: state.acwEndsAt ?? null, afterCall: state.afterCall ?? null });
        const was = get().status;
        if (status.kind === was.kind && isCallWork(status.kind)) {
          // Only a plan for after the call: the call, its after-call work and timer go on.
          set({ status: { ...was, afterCall: status.afterCall ?? null } });
          return;
        }
        clearTimeout(acwTimer);
        set({ status, since: Date.now(), bySupervisor: true, disposition: null });
      });
      return () => {
        alive = false;
        offPhone();
        offSelf();
        clearTimeout(acwTimer);
      };
    },
    choose: (api, status) => apply(api, status),
    takeBreak: (api, reason) => apply(api, { kind: 'break', reason }),
    // «Готов» ends after-call work: into the supervisor's plan if there is one.
    ready: (api) => apply(api, get().status.kind === 'after_call' ? afterCallWork(get().status) : { kind: 'available' }, { disposition: null }),
    async dispose(api, stageId) {
      const d = get().disposition;
      if (!d) return get().ready(api);
      const r = await api.call('orders.changeStage', { orderId: d.orderId, toStageId: stageId });
      if (!r.ok) return set({ error: true });
      get().ready(api);
    },
  };
});
