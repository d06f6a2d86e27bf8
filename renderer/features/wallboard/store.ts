// The wallboard's data: one snapshot from the CRM server, then agents' states as the live
// socket brings them (`agent.changed`), and a fresh snapshot after data changes (callbacks,
// orders) — no polling. Times are counted on the server's clock (offset from the snapshot).
import { create } from 'zustand';
import type { AgentView, SupervisorSetState } from '../../../core/agent-state.js';
import type { PultApi } from '../../../core/contract.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import type { ReassignRequest, WallboardSnapshot } from '../../../core/wallboard.js';

interface WallboardState {
  snapshot: WallboardSnapshot | null;
  agents: AgentView[];
  /** Server clock minus this computer's clock, in ms. */
  offsetMs: number;
  error: ApiErrorBody | null;
  /** The last change a supervisor made: done, or why not. */
  outcome: { ok: true } | { ok: false; error: ApiErrorBody } | null;
  load(api: PultApi): Promise<void>;
  agentChanged(view: AgentView): void;
  setAgentState(api: PultApi, userId: string, state: SupervisorSetState): Promise<void>;
  reassign(api: PultApi, req: ReassignRequest): Promise<void>;
  clearOutcome(): void;
  reset(): void;
}

const byName = (a: AgentView, b: AgentView) => a.name.localeCompare(b.name, 'ru');

export const useWallboard = create<WallboardState>()((set, get) => ({
  snapshot: null,
  agents: [],
  offsetMs: 0,
  error: null,
  outcome: null,
  async load(api) {
    const asked = Date.now();
    const r = await api.call('wallboard.get', {});
    if (!r.ok) return set({ error: r.error });
    const mid = (asked + Date.now()) / 2;
    // Live states that arrived while the snapshot was on its way are newer than it.
    const live = new Map(get().agents.map((a) => [a.userId, a]));
    const agents = r.value.agents.map((a) => {
      const l = live.get(a.userId);
      return l && Date.parse(l.state.since) > Date.parse(a.state.since) ? l : a;
    });
    set({ snapshot: r.value, agents, offsetMs: Date.parse(r.value.now) - mid, error: null });
  },
  agentChanged(view) {
    const others = get().agents.filter((a) => a.userId !== view.userId);
    set({ agents: [...others, view].sort(byName) });
  },
  async setAgentState(api, userId, state) {
    const r = await api.call('wallboard.setAgentState', { userId, ...state });
    set({ outcome: r.ok ? { ok: true } : { ok: false, error: r.error } });
  },
  async reassign(api, req) {
    const r = await api.call('wallboard.reassign', req);
    set({ outcome: r.ok ? { ok: true } : { ok: false, error: r.error } });
    if (r.ok) await get().load(api);
  },
  clearOutcome: () => set({ outcome: null }),
  reset: () => set({ snapshot: null, agents: [], error: null, outcome: null }),
}));
