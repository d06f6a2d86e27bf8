// Call monitoring for supervisors: who can be monitored, and listen / whisper / barge on one
// operator's call. Each step asks the server for a grant first (so a user without the role gets
// nothing even with a doctored client); then the softphone calls the operator's softphone with
// it, or — where the site set PBX feature codes — dials the code instead.
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { PultApi } from '../../../core/contract.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import type { MonitorAgent, MonitorMode } from '../../../core/monitor.js';
import { renderMonitorDial, sipDomain, sipUser } from '../../../core/softphone.js';
import type { MonitorEnd } from '../softphone/engine.js';
import { sipEngine, useSoftphone } from '../softphone/store.js';

/** Local reasons a step could not be taken (monitor.problems.*), besides server errors. */
export type MonitorProblem = 'phone_off' | 'no_address' | 'mode_failed';
export type MonitorError =
  | { kind: 'server'; error: ApiErrorBody }
  | { kind: 'local'; problem: MonitorProblem }
  /** The operator's softphone refused or could not be reached (SIP answer). */
  | { kind: 'ended'; reason: Exclude<MonitorEnd, 'hangup' | 'remote_hangup'> };

interface MonitoringState {
  /** Who can be monitored, with their softphone address (null: their Pult phone was never set up). */
  agents: MonitorAgent[];
  /** Per operator (user id): a step in flight, and the last thing that went wrong. */
  busy: Record<string, boolean>;
  errors: Record<string, MonitorError | null>;
  /** Reads the list again (one request at a time, however many rows ask). */
  loadAgents(api: PultApi): Promise<void>;
  /** Starts monitoring, or switches the mode of the monitoring already running for this operator. */
  monitor(api: PultApi, agent: Pick<MonitorAgent, 'userId' | 'name'>, mode: MonitorMode): Promise<void>;
  stop(agentUserId: string): Promise<void>;
}

/** The supervisor's live monitoring leg for this operator, if any. */
export function legFor(agentUserId: string) {
  return useSoftphone.getState().monitors.find((m) => m.side === 'supervisor' && m.agentUserId === agentUserId && m.state !== 'ended');
}

/** Operators (user ids) the supervisor is monitoring now, or connecting to. */
export function useMonitoredAgentIds(): string[] {
  return useSoftphone(useShallow((s) => s.monitors.filter((m) => m.side === 'supervisor' && m.agentUserId && m.state !== 'ended').map((m) => m.agentUserId ?? '')));
}

let loading: Promise<void> | null = null;

export const useMonitoring = create<MonitoringState>()((set, get) => {
  const fail = (userId: string, e: MonitorError) => set((s) => ({ errors: { ...s.errors, [userId]: e }, busy: { ...s.busy, [userId]: false } }));

  return {
    agents: [],
    busy: {},
    errors: {},

    loadAgents(api) {
      // A failed read leaves the list as it was: it only adds a note to the rows.
      loading ??= api
        .call('monitor.agents', {})
        .then((r) => {
          if (r.ok) set({ agents: r.value });
        })
        .finally(() => {
          loading = null;
        });
      return loading;
    },

    async monitor(api, agent, mode) {
      const id = agent.userId;
      if (get().busy[id]) return;
      set((s) => ({ busy: { ...s.busy, [id]: true }, errors: { ...s.errors, [id]: null } }));
      const engine = sipEngine();
      const phone = useSoftphone.getState();
      if (!engine || phone.link.state !== 'registered') return fail(id, { kind: 'local', problem: 'phone_off' });
      const r = await api.call('monitor.start', { agentUserId: id, mode });
      if (!r.ok) return fail(id, { kind: 'server', error: r.error });
      const grant = r.value;
      const running = legFor(id);
      try {
        if (running && running.state === 'active') {
          await engine.setMonitorMode(running.id, grant.grant, mode);
        } else {
          if (!grant.agentSipUri) return fail(id, { kind: 'local', problem: 'no_address' });
          // Sites that prefer their PBX's own monitoring (ChanSpy and the like) set feature codes.
          const code = renderMonitorDial(phone.account?.monitorDialStrings, mode, sipUser(grant.agentSipUri));
          // Dialled as it is (dial rules would refuse *222…); '#' is escaped in a SIP URI.
          if (code !== null) engine.call(`sip:${code.replace(/#/g, '%23')}@${sipDomain(phone.account?.sipUri ?? grant.agentSipUri)}`);
          else engine.monitor(grant.agentSipUri, grant.grant, mode, { name: grant.agentName, userId: id });
        }
      } catch {
        return fail(id, { kind: 'local', problem: running ? 'mode_failed' : 'phone_off' });
      }
      set((s) => ({ busy: { ...s.busy, [id]: false } }));
    },

    async stop(agentUserId) {
      const leg = legFor(agentUserId);
      if (leg) await sipEngine()?.endMonitor(leg.id);
    },
  };
});

// A monitoring call that failed says why, and the message stays after the leg is gone.
useSoftphone.subscribe((now, before) => {
  if (now.monitors === before.monitors) return;
  for (const m of now.monitors) {
    const was = before.monitors.find((b) => b.id === m.id);
    if (m.side !== 'supervisor' || !m.agentUserId || m.state !== 'ended' || was?.state === 'ended') continue;
    const reason = m.endReason;
    if (reason === 'refused' || reason === 'not_on_call' || reason === 'failed') {
      const id = m.agentUserId;
      useMonitoring.setState((s) => ({ errors: { ...s.errors, [id]: { kind: 'ended', reason } } }));
    }
  }
});
