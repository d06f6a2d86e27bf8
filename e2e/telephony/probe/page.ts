// Bench probe: a bare SIP.js 0.21 softphone used only to prove the telephony bench
// (NOT product code). Bundled by esbuild (IIFE) at test time and loaded into a page
// served from http://127.0.0.1:PORT (a secure context, so getUserMedia works).
// It exposes `window.probe`; tests drive it with page.evaluate().
//
// This file is type-checked by the Node tsconfig (no DOM lib), so it uses small
// structural types instead of the DOM's RTCPeerConnection/RTCStatsReport.
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Referral,
  type Session,
} from 'sip.js';

interface StatsReportLike {
  forEach(cb: (r: { type?: string; kind?: string; bytesReceived?: number; bytesSent?: number }) => void): void;
}
interface PeerConnectionLike {
  getStats(): Promise<StatsReportLike>;
}

export interface ProbeIncoming {
  fromUser: string;
  fromDisplay: string;
  fromUri: string;
  calledNumber: string | undefined;
  diversion: string | undefined;
  referredBy: string | undefined;
}

export interface ProbeState {
  user: string | undefined;
  registered: boolean;
  /** How many times the registerer reached Registered (grows after each re-register). */
  registrations: number;
  connected: boolean;
  /** State of the current session: none | ringing | Establishing | Established | Terminated. */
  call: string;
  /** The last incoming call. */
  incoming: ProbeIncoming | undefined;
  incomingCount: number;
  /** How many sessions reached Established. */
  established: number;
  /** Set after a REFER was received and followed. */
  transferredTo: string | undefined;
  log: string[];
}

export interface Probe {
  state: ProbeState;
  register(user: string, wsUrl: string, domain?: string): Promise<number>;
  unregister(): Promise<void>;
  /** `extraHeaders`: whole header lines to add to the INVITE (e.g. a forged monitoring grant). */
  call(target: string, extraHeaders?: string[]): Promise<number>;
  /** Answer the next incoming call automatically (and the one ringing now, if any). */
  answerNext(): void;
  /** Answer the call that is ringing now. */
  answer(): Promise<void>;
  hangup(): Promise<void>;
  hold(on: boolean): Promise<void>;
  inboundBytes(): Promise<number>;
  outboundBytes(): Promise<number>;
  /** Blind transfer: REFER the remote party to target; resolves when the REFER is accepted. */
  refer(target: string): Promise<void>;
  waitFor(pred: string, timeoutMs?: number): Promise<void>;
}

const SDH_OPTIONS = { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 };
const MEDIA = { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } };

let ua: UserAgent | undefined;
let registerer: Registerer | undefined;
let current: Session | undefined;
let ringing: Invitation | undefined;
let autoAnswer = false;
let wantRegistered = false;
let reconnecting = false;
let domain = '127.0.0.1';
/** Status code of the last refused outgoing INVITE (0 if none). */
let lastFinal = 0;

const state: ProbeState = {
  user: undefined,
  registered: false,
  registrations: 0,
  connected: false,
  call: 'none',
  incoming: undefined,
  incomingCount: 0,
  established: 0,
  transferredTo: undefined,
  log: [],
};

function log(msg: string): void {
  state.log.push(`${Math.round(performance.now())} ${msg}`);
  if (state.log.length > 200) state.log.shift();
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function targetUri(target: string) {
  const uri = UserAgent.makeURI(target.startsWith('sip:') ? target : `sip:${target}@${domain}`);
  if (!uri) throw new Error(`bad target ${target}`);
  return uri;
}

function track(session: Session): void {
  current = session;
  state.call = session instanceof Invitation ? 'ringing' : 'Establishing';
  session.stateChange.addListener((s) => {
    log(`session ${session.id.slice(0, 8)} ${s}`);
    if (s === SessionState.Established) state.established++;
    if (current === session) state.call = s;
  });
  session.delegate = {
    onRefer: (referral: Referral) => {
      log(`REFER to ${referral.referTo.uri.toString()}`);
      void referral.accept().then(() => {
        const inviter = referral.makeInviter(MEDIA);
        state.transferredTo = referral.referTo.uri.user;
        track(inviter);
        void inviter.invite().catch((e: unknown) => log(`transfer INVITE failed ${String(e)}`));
        // the transferor usually hangs up; end our side of the old dialog once the new one is up
        inviter.stateChange.addListener((s) => {
          if (s === SessionState.Established && session.state === SessionState.Established) void session.bye();
        });
      });
    },
  };
}

async function doRegister(): Promise<void> {
  if (!registerer) return;
  try {
    await registerer.register();
  } catch (e) {
    log(`register() ${String(e)}`);
  }
}

/** Test-side reconnect: retry the WebSocket every 250 ms and REGISTER again once it is back. */
async function reconnectLoop(): Promise<void> {
  if (reconnecting) return;
  reconnecting = true;
  try {
    while (wantRegistered && ua && !ua.isConnected()) {
      try {
        await ua.reconnect();
      } catch {
        await sleep(250);
      }
    }
    if (wantRegistered && ua?.isConnected()) {
      // a fresh registerer: the old one may still think a REGISTER is in flight
      const old = registerer;
      registerer = makeRegisterer(ua);
      old?.dispose().catch(() => undefined);
      await doRegister();
    }
  } finally {
    reconnecting = false;
  }
}

function makeRegisterer(agent: UserAgent): Registerer {
  const r = new Registerer(agent, { expires: 300 });
  r.stateChange.addListener((s) => {
    log(`registerer ${s}`);
    if (r !== registerer) return;
    state.registered = s === RegistererState.Registered;
    if (state.registered) state.registrations++;
  });
  return r;
}

const probe: Probe = {
  state,

  async register(user, wsUrl, sipDomain = '127.0.0.1') {
    domain = sipDomain;
    state.user = user;
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri) throw new Error('bad user');
    ua = new UserAgent({
      uri,
      displayName: user,
      transportOptions: { server: wsUrl, connectionTimeout: 3 },
      sessionDescriptionHandlerFactoryOptions: SDH_OPTIONS,
      logBuiltinEnabled: false,
      delegate: {
        onConnect: () => {
          state.connected = true;
          log('transport connected');
        },
        onDisconnect: (error?: Error) => {
          state.connected = false;
          state.registered = false;
          log(`transport disconnected ${error ? error.message : ''}`);
          void reconnectLoop();
        },
        onInvite: (invitation: Invitation) => {
          const from = invitation.remoteIdentity;
          state.incomingCount++;
          state.incoming = {
            fromUser: from.uri.user ?? '',
            fromDisplay: from.displayName,
            fromUri: from.uri.toString(),
            calledNumber: invitation.request.getHeader('X-Called-Number'),
            diversion: invitation.request.getHeader('Diversion'),
            referredBy: invitation.request.getHeader('Referred-By'),
          };
          log(`INVITE from ${state.incoming.fromUri}`);
          ringing = invitation;
          track(invitation);
          if (autoAnswer) void probe.answer();
        },
      },
    });
    wantRegistered = true;
    await ua.start();
    registerer = makeRegisterer(ua);
    const t0 = performance.now();
    const reg = registerer;
    await new Promise<void>((resolve, reject) => {
      reg.stateChange.addListener((s) => s === RegistererState.Registered && resolve());
      reg.register().catch(reject);
    });
    return performance.now() - t0;
  },

  async unregister() {
    wantRegistered = false;
    await registerer?.unregister().catch(() => undefined);
    await ua?.stop();
  },

  async call(target, extraHeaders = []) {
    if (!ua) throw new Error('not registered');
    const inviter = new Inviter(ua, targetUri(target), { ...MEDIA, extraHeaders });
    track(inviter);
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      inviter.stateChange.addListener((s) => {
        if (s === SessionState.Established) resolve();
        // (SIP.js terminates before it hands over the refusal: read its code a moment later.)
        if (s === SessionState.Terminated) queueMicrotask(() => reject(new Error(`call terminated before it was established (${lastFinal})`)));
      });
      inviter.invite({ requestDelegate: { onReject: (r) => (lastFinal = r.message.statusCode ?? 0) } }).catch(reject);
    });
    return performance.now() - t0;
  },

  answerNext() {
    autoAnswer = true;
    if (ringing && ringing.state === SessionState.Initial) void probe.answer();
  },

  async answer() {
    const inv = ringing;
    if (!inv) throw new Error('nothing ringing');
    ringing = undefined;
    await inv.accept(MEDIA);
  },

  async hangup() {
    const s = current;
    if (!s) return;
    if (s.state === SessionState.Established) await s.bye();
    else if (s instanceof Inviter && s.state === SessionState.Establishing) await s.cancel();
    else if (s instanceof Invitation && s.state !== SessionState.Terminated) await s.reject();
  },

  async hold(on) {
    const s = current;
    if (!s || s.state !== SessionState.Established) throw new Error('no established call');
    s.sessionDescriptionHandlerOptionsReInvite = { hold: on } as typeof s.sessionDescriptionHandlerOptionsReInvite;
    await new Promise<void>((resolve, reject) => {
      s.invite({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (r) => reject(new Error(`re-INVITE rejected ${r.message.statusCode}`)),
        },
      }).catch(reject);
    });
  },

  async inboundBytes() {
    return sumStats('inbound-rtp', 'bytesReceived');
  },

  async outboundBytes() {
    return sumStats('outbound-rtp', 'bytesSent');
  },

  async refer(target) {
    const s = current;
    if (!s || s.state !== SessionState.Established) throw new Error('no established call');
    await new Promise<void>((resolve, reject) => {
      s.refer(targetUri(target), {
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (r) => reject(new Error(`REFER rejected ${r.message.statusCode}`)),
        },
      }).catch(reject);
    });
  },

  async waitFor(pred, timeoutMs = 10_000) {
    const fn = new Function('state', `return (${pred});`) as (s: ProbeState) => boolean;
    const end = performance.now() + timeoutMs;
    while (!fn(state)) {
      if (performance.now() > end) throw new Error(`timeout waiting for ${pred}; log: ${state.log.slice(-10).join(' | ')}`);
      await sleep(50);
    }
  },
};

async function sumStats(type: string, field: 'bytesReceived' | 'bytesSent'): Promise<number> {
  const sdh = current?.sessionDescriptionHandler as unknown as { peerConnection?: PeerConnectionLike } | undefined;
  const pc = sdh?.peerConnection;
  if (!pc) return 0;
  const report = await pc.getStats();
  let bytes = 0;
  report.forEach((r) => {
    if (r.type === type && r.kind === 'audio') bytes += r[field] ?? 0;
  });
  return bytes;
}

(globalThis as unknown as { probe: Probe }).probe = probe;
