import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../core/agent-state.js';
import type { Presence } from '../../core/sync.js';
import { PresenceHub } from './presence.js';

const U1 = '01900000-0000-7000-8000-00000000000a';
const U2 = '01900000-0000-7000-8000-00000000000b';

describe('presence hub', () => {
  it('tracks online and on-call per user across several sockets, announcing only changes', () => {
    const hub = new PresenceHub();
    const seen: Presence[] = [];
    hub.subscribe((p) => seen.push(p));
    const a = {};
    const b = {};
    const c = {};
    hub.connect(a, U1);
    hub.connect(b, U1); // a second window: no news
    hub.connect(c, U2);
    hub.setOnCall(b, true);
    hub.setOnCall(b, true); // no news
    expect(hub.snapshot()).toEqual([
      { userId: U1, state: 'online', onCall: true },
      { userId: U2, state: 'online', onCall: false },
    ]);
    hub.disconnect(b); // U1 still online through a, no longer on a call
    hub.disconnect(a);
    expect(seen).toEqual([
      { userId: U1, state: 'online', onCall: false },
      { userId: U2, state: 'online', onCall: false },
      { userId: U1, state: 'online', onCall: true },
      { userId: U1, state: 'online', onCall: false },
      { userId: U1, state: 'offline', onCall: false },
    ]);
  });

  it('keeps each agent\'s state with the time it began by the server clock, offline when the last socket closes', () => {
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    const hub = new PresenceHub(() => new Date(now));
    const seen: AgentView[] = [];
    hub.subscribeAgents((a) => seen.push(a));
    const a = {};
    const b = {};
    const sup = {};
    hub.connect(a, U1, { name: 'Ирина', role: 'operator' });
    hub.connect(sup, U2, { name: 'Елена', role: 'supervisor' }); // not an agent
    expect(hub.agentViews().map((v) => v.userId)).toEqual([U1]);
    expect(hub.agentState(U1)).toMatchObject({ kind: 'available', since: '2026-03-02T09:00:00.000Z' });

    now += 5_000;
    const peer = { phone: '+79123456789', name: 'Анна' };
    hub.setAgentStatus(a, { kind: 'on_call', peer });
    expect(hub.snapshot().find((p) => p.userId === U1)?.onCall).toBe(true);
    now += 5_000;
    hub.setAgentStatus(a, { kind: 'on_call', peer }); // same: no news, same since
    expect(hub.agentState(U1)).toMatchObject({ kind: 'on_call', peer, since: '2026-03-02T09:00:05.000Z' });

    // A supervisor's change; an unknown or offline agent cannot be set.
    expect(hub.setAgentState(U1, { kind: 'break', reason: 'lunch' })).toMatchObject({ kind: 'break', reason: 'lunch', since: '2026-03-02T09:00:10.000Z' });
    expect(hub.setAgentState(U2 + 'x', { kind: 'break' })).toBeNull();

    hub.connect(b, U1, { name: 'Ирина', role: 'operator' });
    hub.disconnect(a); // still online through b
    expect(hub.agentState(U1)?.kind).toBe('break');
    now += 1_000;
    hub.disconnect(b);
    expect(hub.agentState(U1)).toMatchObject({ kind: 'offline', since: '2026-03-02T09:00:11.000Z' });
    expect(hub.setAgentState(U1, { kind: 'available' })).toBeNull();
    expect(seen.map((v) => v.state.kind)).toEqual(['available', 'on_call', 'break', 'offline']);
  });
});
