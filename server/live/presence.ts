// Who is online, who is on a call, and each agent's state (issue 7), from the live sockets of
// this server instance. A user is online while at least one of their sockets is open; on a
// call while any of those sockets said so. An agent's state is what their client last
// published (or a supervisor set), timed by this server's clock; it turns «offline» when their
// last socket closes. (Across several instances this would go through the notifier, like
// changes; the last state is also written to agent_states for assignment.)
import { EventEmitter } from 'node:events';
import { cleanStatus, isAgentRole, type AgentState, type AgentStatus, type AgentView } from '../../core/agent-state.js';
import type { Role } from '../../core/domain.js';
import type { Presence } from '../../core/sync.js';

interface Conn {
  userId: string;
  onCall: boolean;
}

export interface AgentInfo {
  name: string;
  role: Role;
}

interface Agent {
  info: AgentInfo;
  state: AgentState;
}

const sameStatus = (a: AgentState, b: Omit<AgentState, 'since'>): boolean =>
  a.kind === b.kind &&
  (a.reason ?? null) === (b.reason ?? null) &&
  (a.acwEndsAt ?? null) === (b.acwEndsAt ?? null) &&
  (a.peer?.phone ?? null) === (b.peer?.phone ?? null) &&
  (a.peer?.name ?? null) === (b.peer?.name ?? null) &&
  (a.afterCall?.kind ?? null) === (b.afterCall?.kind ?? null) &&
  (a.afterCall?.reason ?? null) === (b.afterCall?.reason ?? null);

export class PresenceHub {
  private readonly conns = new Map<object, Conn>();
  private readonly agents = new Map<string, Agent>();
  private readonly emitter = new EventEmitter();

  constructor(private readonly clock: () => Date = () => new Date()) {
    this.emitter.setMaxListeners(0);
  }

  private of(userId: string): Presence {
    let online = false;
    let onCall = false;
    for (const c of this.conns.values()) {
      if (c.userId !== userId) continue;
      online = true;
      onCall ||= c.onCall;
    }
    return { userId, state: online ? 'online' : 'offline', onCall };
  }

  private change(userId: string, mutate: () => void): void {
    const before = this.of(userId);
    mutate();
    const after = this.of(userId);
    if (before.state !== after.state || before.onCall !== after.onCall) this.emitter.emit('presence', after);
    if (before.state === 'online' && after.state === 'offline') this.moveAgent(userId, { kind: 'offline' });
  }

  /** Sets an agent's state; `since` moves only when the kind changes. Announces real changes. */
  private moveAgent(userId: string, status: AgentStatus | { kind: 'offline' }): AgentState | null {
    const agent = this.agents.get(userId);
    if (!agent) return null;
    const clean = status.kind === 'offline' ? { kind: 'offline' as const, reason: null, peer: null, acwEndsAt: null, afterCall: null } : cleanStatus(status);
    if (sameStatus(agent.state, clean)) return agent.state;
    const since = agent.state.kind === clean.kind ? agent.state.since : this.clock().toISOString();
    agent.state = { ...clean, since };
    this.emitter.emit('agent', this.view(userId, agent));
    return agent.state;
  }

  private view(userId: string, a: Agent): AgentView {
    return { userId, name: a.info.name, role: a.info.role, state: a.state };
  }

  /** A socket of `userId` opened; `info` makes an operator an agent (available until their client says more). */
  connect(key: object, userId: string, info?: AgentInfo): void {
    this.change(userId, () => this.conns.set(key, { userId, onCall: false }));
    if (info && isAgentRole(info.role)) {
      const agent = this.agents.get(userId);
      if (!agent) {
        const state: AgentState = { kind: 'available', reason: null, peer: null, acwEndsAt: null, since: this.clock().toISOString() };
        this.agents.set(userId, { info, state });
        this.emitter.emit('agent', this.view(userId, { info, state }));
      } else {
        agent.info = info;
        if (agent.state.kind === 'offline') this.moveAgent(userId, { kind: 'available' });
      }
    }
  }

  setOnCall(key: object, onCall: boolean): void {
    const c = this.conns.get(key);
    if (c) this.change(c.userId, () => (c.onCall = onCall));
  }

  /** The client of this socket published its user's state. */
  setAgentStatus(key: object, status: AgentStatus): AgentState | null {
    const c = this.conns.get(key);
    if (!c) return null;
    this.setOnCall(key, status.kind === 'on_call');
    return this.moveAgent(c.userId, status);
  }

  /** A supervisor set an agent's state; null when the agent is not connected. */
  setAgentState(userId: string, status: AgentStatus): AgentState | null {
    if (this.of(userId).state !== 'online') return null;
    const state = this.moveAgent(userId, status);
    if (state) this.emitter.emit('self', userId, state);
    return state;
  }

  disconnect(key: object): void {
    const c = this.conns.get(key);
    if (c) this.change(c.userId, () => this.conns.delete(key));
  }

  /** Everyone online now. */
  snapshot(): Presence[] {
    return [...new Set([...this.conns.values()].map((c) => c.userId))].map((u) => this.of(u));
  }

  /** The state of an agent this server has seen, or null. */
  agentState(userId: string): AgentState | null {
    return this.agents.get(userId)?.state ?? null;
  }

  /** Every agent this server has seen since it started, online or not. */
  agentViews(): AgentView[] {
    return [...this.agents.entries()].map(([id, a]) => this.view(id, a));
  }

  subscribe(listener: (p: Presence) => void): () => void {
    this.emitter.on('presence', listener);
    return () => this.emitter.off('presence', listener);
  }

  /** A supervisor set `userId`'s state: their own clients are told. */
  subscribeSelf(listener: (userId: string, state: AgentState) => void): () => void {
    this.emitter.on('self', listener);
    return () => this.emitter.off('self', listener);
  }

  subscribeAgents(listener: (a: AgentView) => void): () => void {
    this.emitter.on('agent', listener);
    return () => this.emitter.off('agent', listener);
  }
}
