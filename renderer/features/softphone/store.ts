// Softphone state for the UI: link status, calls, screen pops, notes, devices. Talks to the
// SIP engine (engine.ts) and to the main side (account, password, lookups, call log).
import { create } from 'zustand';
import type { MethodOutput, PultApi } from '../../../core/contract.js';
import type { ApiErrorBody, Result } from '../../../core/errors.js';
import { callerFromSip, parseDialInput, sipDomain, targetUri, type DialError, type SoftphoneAccountInput, type SoftphoneAccountView } from '../../../core/softphone.js';
import { SipEngine, wireTimings, type CallView, type MonitorView, type PhoneLink } from './engine.js';
import { createRinger, type Ringer } from './ringer.js';
import { afterNextPaint } from '../../platform/after-paint.js';

export type Pop =
  | { status: 'loading' }
  | { status: 'found'; data: NonNullable<MethodOutput<'customers.findByPhone'>> }
  | { status: 'unknown' }
  /** A colleague's extension: no customer card, no lead form. */
  | { status: 'internal' };

export type Problem = 'mic_denied' | 'transfer_failed' | 'hold_failed' | 'call_failed' | 'no_account' | 'phone_off';

export interface Devices {
  mic: string | null;
  speaker: string | null;
  ringer: string | null;
}

interface SoftphoneState {
  account: SoftphoneAccountView | null;
  accountLoaded: boolean;
  link: PhoneLink;
  calls: CallView[];
  /** Monitoring legs (supervisor: whom we monitor; operator: who monitors us). Never in `calls`. */
  monitors: MonitorView[];
  pops: Record<string, Pop>;
  /** Order the call was started from (click-to-call in an order card). */
  callOrder: Record<string, string>;
  notes: Record<string, string>;
  /** The new-customer form of each call, as typed (the banner and the in-call panel share it). */
  leads: Record<string, LeadDraft>;
  problem: Problem | null;
  devices: Devices;
  dialError: DialError | null;
  saveError: ApiErrorBody | null;
  start(api: PultApi): Promise<void>;
  stop(): Promise<void>;
  saveAccount(api: PultApi, account: SoftphoneAccountInput, password: string | undefined): Promise<boolean>;
  dial(raw: string, orderId?: string): string | null;
  answer(id: string): Promise<void>;
  decline(id: string): Promise<void>;
  hangup(id: string): Promise<void>;
  hold(id: string, on: boolean): Promise<void>;
  mute(id: string, on: boolean): void;
  dtmf(id: string, tone: string): void;
  blindTransfer(id: string, raw: string): Promise<boolean>;
  consult(id: string, raw: string): Promise<boolean>;
  completeTransfer(consultId: string): Promise<void>;
  setNote(id: string, text: string): void;
  setLead(id: string, patch: Partial<LeadDraft>): void;
  setDevices(d: Devices): Promise<void>;
  clearProblem(): void;
  clearDialError(): void;
  /** Looks the caller up again (after a stage change from the pop, say). */
  refreshPop(callId: string): Promise<void>;
}

const OFF: PhoneLink = { state: 'off', serverIndex: 0, server: '', registrations: 0 };
const DEVICES_KEY = 'pult.softphone.devices';
const NOTE_KEY = 'pult.callNote.';
const PENDING_LOG_KEY = 'pult.callLog.pending';

function loadDevices(): Devices {
  try {
    const v = JSON.parse(localStorage.getItem(DEVICES_KEY) ?? 'null') as Partial<Devices> | null;
    const s = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
    return { mic: s(v?.mic), speaker: s(v?.speaker), ringer: s(v?.ringer) };
  } catch {
    return { mic: null, speaker: null, ringer: null };
  }
}

let engine: SipEngine | null = null;
let ringer: Ringer | null = null;
let apiRef: PultApi | null = null;
const logged = new Set<string>();
/** Lookups started when the INVITE text arrived, by E.164 (used by the call that follows). */
type Lookup = Promise<Result<MethodOutput<'customers.findByPhone'>>>;
interface EarlyLookup {
  at: number;
  sent: number;
  result: Lookup;
  /** Set when the answer came back before SIP.js finished with the INVITE. */
  answer?: { value: Awaited<Lookup>; at: number };
}
const early = new Map<string, EarlyLookup>();

/** start() runs one at a time (mount and «Сохранить» may overlap). */
let startChain: Promise<void> = Promise.resolve();

/** Performance marks the screen-pop bench reads (INVITE in → card painted). */
export const popTimings: { id: string; sipAt: number; paintedAt: number; lookupSent?: number | undefined; lookupDone?: number | undefined; deliveredAt?: number | undefined; committedAt?: number | undefined }[] = [];
/** Where the lookup of each call went out and came back (performance.now()), for the breakdown. */
export const lookupTrace = new Map<string, { sent: number; done: number }>();

type LogInput = Parameters<PultApi['call']>[1] & Record<string, unknown>;

async function flushPendingLogs(api: PultApi): Promise<void> {
  let pending: LogInput[];
  try {
    pending = JSON.parse(localStorage.getItem(PENDING_LOG_KEY) ?? '[]') as LogInput[];
  } catch {
    pending = [];
  }
  const left: LogInput[] = [];
  for (const entry of pending) {
    const r = await api.call('calls.log', entry as never).catch(() => null);
    if (!r?.ok) left.push(entry);
  }
  localStorage.setItem(PENDING_LOG_KEY, JSON.stringify(left));
}

export interface LeadDraft {
  name: string;
  phone: string;
  what: string;
  saved: boolean;
}
const EMPTY_LEAD: LeadDraft = { name: '', phone: '', what: '', saved: false };

export const useSoftphone = create<SoftphoneState>()((set, get) => {
  function onCalls(calls: CallView[]): void {
    const prev = get().calls;
    set({ calls });
    const api = apiRef;
    for (const c of calls) {
      const before = prev.find((p) => p.id === c.id);
      if (!before) onNewCall(c);
      if (c.state === 'ended' && !logged.has(c.id) && api) {
        logged.add(c.id);
        void logCall(api, c);
      }
    }
    // Presence: supervisors see who is on a call (and whom there is something to listen to).
    const talking = calls.some((c) => c.state === 'active' || c.state === 'held');
    if (api && talking !== prev.some((c) => c.state === 'active' || c.state === 'held')) void api.call('presence.set', { onCall: talking }).catch(() => undefined);
    const ringing = calls.some((c) => c.state === 'ringing');
    // Creating the audio graph takes main-thread time (~15 ms): ring once the card is painted
    // (the lookup answered), or after 120 ms at the latest. The difference is not audible.
    if (ringing) {
      if (calls.some((c) => c.state === 'ringing' && get().pops[c.id]?.status !== 'loading')) afterNextPaint(() => ringSoon(0));
      else ringSoon(120);
    } else ringer?.stop();
  }

  let ringTimer: ReturnType<typeof setTimeout> | undefined;
  function ringSoon(ms: number): void {
    clearTimeout(ringTimer);
    ringTimer = setTimeout(() => {
      const calls = get().calls;
      if (!calls.some((c) => c.state === 'ringing')) return;
      const inCall = calls.some((c) => c.state === 'active' || c.state === 'held');
      ringer?.start(inCall ? 'waiting' : 'ring', get().devices.ringer);
    }, ms);
  }

  function onNewCall(c: CallView): void {
    const api = apiRef;
    if (!api) return;
    if (c.direction === 'incoming') notifyIfHidden(c);
    if (!c.remote.e164) {
      const internal = c.remote.raw !== '' && !/^\+?\d{7,}$/.test(c.remote.raw);
      set((s) => ({ pops: { ...s.pops, [c.id]: internal ? { status: 'internal' } : { status: 'unknown' } } }));
      return;
    }
    const pre = early.get(c.remote.e164);
    early.delete(c.remote.e164);
    const fresh = pre && performance.now() - pre.at < 3000 ? pre : undefined;
    const sent = fresh ? fresh.sent : performance.now();
    const settle = (r: Awaited<Lookup>, doneAt: number): void => {
      lookupTrace.set(c.id, { sent, done: doneAt });
      if (lookupTrace.size > 500) lookupTrace.delete(lookupTrace.keys().next().value ?? '');
      const pop: Pop = r.ok && r.value ? { status: 'found', data: r.value } : { status: 'unknown' };
      set((s) => ({ pops: { ...s.pops, [c.id]: pop } }));
      if (get().calls.some((x) => x.id === c.id && x.state === 'ringing')) afterNextPaint(() => ringSoon(0));
    };
    // The early lookup usually answers while SIP.js is still busy with the INVITE: then the
    // banner's first render already has the card (no «looking up…» frame in between).
    if (fresh?.answer) return settle(fresh.answer.value, fresh.answer.at);
    const lookup: Lookup = fresh ? fresh.result : api.call('customers.findByPhone', { phone: c.remote.e164 });
    set((s) => ({ pops: { ...s.pops, [c.id]: { status: 'loading' } } }));
    void lookup.then((r) => settle(r, performance.now()));
  }

  async function logCall(api: PultApi, c: CallView): Promise<void> {
    const pop = get().pops[c.id];
    const customerId = pop?.status === 'found' ? pop.data.customer.id : null;
    const orderId = get().callOrder[c.id] ?? (pop?.status === 'found' ? (pop.data.openOrders[0]?.id ?? null) : null);
    const outcome =
      c.answeredAt !== null ? 'answered' : c.direction === 'outgoing' ? 'failed' : c.endReason === 'declined' ? 'declined' : 'missed';
    const note = get().notes[c.id] ?? localStorage.getItem(NOTE_KEY + c.id) ?? '';
    const entry = {
      direction: c.direction,
      outcome,
      phone: c.remote.e164,
      customerId,
      orderId,
      startedAt: new Date(c.startedAt).toISOString(),
      durationSec: c.answeredAt !== null ? Math.max(0, Math.round(((c.endedAt ?? Date.now()) - c.answeredAt) / 1000)) : 0,
      note,
      // The line (DID) it came in on, when it is a phone number: the by-channel report.
      calledNumber: c.direction === 'incoming' && c.line?.startsWith('+') ? c.line : null,
    } as const;
    const r = await api.call('calls.log', entry).catch(() => null);
    if (r?.ok) localStorage.removeItem(NOTE_KEY + c.id);
    else {
      // Not lost: kept locally and sent again at the next start.
      const pending = JSON.parse(localStorage.getItem(PENDING_LOG_KEY) ?? '[]') as unknown[];
      pending.push(entry);
      localStorage.setItem(PENDING_LOG_KEY, JSON.stringify(pending));
      localStorage.removeItem(NOTE_KEY + c.id);
    }
  }

  function notifyIfHidden(c: CallView): void {
    // Bring the window forward and, when it is hidden, show an OS notification.
    try {
      window.focus();
    } catch {
      /* not allowed */
    }
    if (document.visibilityState === 'visible' || typeof Notification === 'undefined') return;
    const show = () => {
      const who = c.remote.name || c.remote.raw || '—';
      const n = new Notification('Входящий звонок', { body: who, requireInteraction: true, tag: c.id });
      n.onclick = () => window.focus();
    };
    if (Notification.permission === 'granted') show();
    else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
  }

  function resolve(raw: string): { uri: string } | { error: DialError } {
    const acc = get().account;
    if (!acc) return { error: 'invalid' };
    const r = parseDialInput(raw, acc.dialRules);
    if (!r.ok) return { error: r.error };
    return { uri: targetUri(r.target, sipDomain(acc.sipUri)) };
  }

  async function startNow(api: PultApi): Promise<void> {
    apiRef = api;
    const r = await api.call('phone.getAccount', {});
    const account = r.ok ? r.value : null;
    set({ account, accountLoaded: true });
    void flushPendingLogs(api);
    // Where a supervisor's softphone reaches this user for call monitoring (best effort: online only).
    if (r.ok) void api.call('monitor.publishAddress', { sipUri: account?.enabled ? account.sipUri : null }).catch(() => undefined);
    if (!account || !account.enabled) {
      await engine?.stop();
      return;
    }
    const cred = await api.call('phone.credentials', {});
    const password = cred.ok ? cred.value.password : '';
    ringer ??= createRinger();
    engine ??= new SipEngine({
      link: (link) => set({ link }),
      prefetch: (fromUser) => {
        const api = apiRef;
        const e164 = callerFromSip(fromUser, undefined).e164;
        const sent = performance.now();
        const prev = e164 ? early.get(e164) : undefined;
        if (!api || !e164) return;
        if (prev && sent - prev.at < 3000) return prev.result;
        const entry: EarlyLookup = { at: sent, sent, result: api.call('customers.findByPhone', { phone: e164 }) };
        void entry.result.then((value) => (entry.answer = { value, at: performance.now() }));
        early.set(e164, entry);
        return entry.result;
      },
      calls: onCalls,
      monitors: (monitors) => set({ monitors }),
      verifyMonitor: async (grant) => {
        const r = await apiRef?.call('monitor.verify', { grant });
        return r?.ok ? r.value : null;
      },
      problem: (problem) => set({ problem }),
    });
    const d = get().devices;
    await engine.start({
      servers: account.servers,
      sipUri: account.sipUri,
      authUser: account.authUser,
      password, // held by SIP.js in memory only; never written to renderer storage
      displayName: account.displayName,
      iceServers: account.iceServers,
      devices: { mic: d.mic, speaker: d.speaker },
    });
  }

  return {
    account: null,
    accountLoaded: false,
    link: OFF,
    calls: [],
    monitors: [],
    pops: {},
    callOrder: {},
    notes: {},
    leads: {},
    problem: null,
    devices: loadDevices(),
    dialError: null,
    saveError: null,

    start(api) {
      const run = startChain.then(() => startNow(api));
      startChain = run.catch(() => undefined);
      return run;
    },
    async stop() {
      ringer?.stop();
      await engine?.stop();
      set({ link: OFF, calls: [], monitors: [] });
    },
    async saveAccount(api, account, password) {
      const r = await api.call('phone.saveAccount', password === undefined ? { account } : { account, password });
      if (!r.ok) {
        set({ saveError: r.error });
        return false;
      }
      set({ saveError: null, account: r.value });
      await get().start(api);
      return true;
    },
    dial(raw, orderId) {
      if (!engine || get().link.state === 'off') {
        set({ problem: get().account ? 'phone_off' : 'no_account' });
        return null;
      }
      const t = resolve(raw);
      if ('error' in t) {
        set({ dialError: t.error });
        return null;
      }
      set({ dialError: null });
      try {
        const id = engine.call(t.uri);
        if (orderId) set((s) => ({ callOrder: { ...s.callOrder, [id]: orderId } }));
        return id;
      } catch {
        set({ problem: 'call_failed' });
        return null;
      }
    },
    answer: (id) => engine?.answer(id) ?? Promise.resolve(),
    decline: (id) => engine?.decline(id) ?? Promise.resolve(),
    hangup: (id) => engine?.hangup(id) ?? Promise.resolve(),
    hold: async (id, on) => {
      await engine?.hold(id, on).catch(() => undefined);
    },
    mute: (id, on) => engine?.mute(id, on),
    dtmf: (id, tone) => void engine?.dtmf(id, tone),
    async blindTransfer(id, raw) {
      const t = resolve(raw);
      if ('error' in t) {
        set({ dialError: t.error });
        return false;
      }
      return (await engine?.blindTransfer(id, t.uri).then(() => true, () => false)) ?? false;
    },
    async consult(id, raw) {
      const t = resolve(raw);
      if ('error' in t) {
        set({ dialError: t.error });
        return false;
      }
      return (await engine?.consult(id, t.uri).then(() => true, () => false)) ?? false;
    },
    completeTransfer: async (consultId) => {
      await engine?.completeTransfer(consultId).catch(() => undefined);
    },
    setLead(id, patch) {
      set((s) => ({ leads: { ...s.leads, [id]: { ...(s.leads[id] ?? EMPTY_LEAD), ...patch } } }));
    },
    setNote(id, text) {
      // Saved as typed: a crash or a closed window mid-call does not lose the note.
      localStorage.setItem(NOTE_KEY + id, text);
      set((s) => ({ notes: { ...s.notes, [id]: text } }));
    },
    async setDevices(d) {
      localStorage.setItem(DEVICES_KEY, JSON.stringify(d));
      set({ devices: d });
      await engine?.setDevices({ mic: d.mic, speaker: d.speaker });
    },
    async refreshPop(callId) {
      const c = get().calls.find((x) => x.id === callId);
      const api = apiRef;
      if (!c?.remote.e164 || !api) return;
      const r = await api.call('customers.findByPhone', { phone: c.remote.e164 });
      if (r.ok && r.value) {
        const data = r.value;
        set((s) => ({ pops: { ...s.pops, [callId]: { status: 'found', data } } }));
      }
    },
    clearProblem: () => set({ problem: null }),
    clearDialError: () => set({ dialError: null }),
  };
});

/** The running SIP engine (monitoring drives it from its own feature), or null while the phone is off. */
export function sipEngine(): SipEngine | null {
  return engine;
}

/** For e2e tests and the benches: media counters of a call (getStats). */
export function softphoneDebug() {
  return {
    mediaBytes: (id: string) => engine?.mediaBytes(id) ?? Promise.resolve({ inbound: 0, outbound: 0 }),
    popTimings,
    wireTimings,
  };
}
