// The SIP stack behind one small interface. This is the ONLY file that imports SIP.js: the
// rest of the app sees plain snapshots (CallView, PhoneLink) and calls plain methods, so the
// stack can be swapped. Connection supervision lives here too:
//   - WebSocket drop → reconnect with backoff, rotating through the configured servers;
//   - after every (re)connect: a fresh REGISTER, and a re-INVITE with ICE restart for live calls;
//   - OPTIONS keepalive every 20 s (no answer in 5 s = dead link → reconnect);
//   - `online` event and wake from sleep (timer gap) → check the link at once;
//   - ICE gathering capped at 1 s with STUN/TURN, 100 ms without (host candidates only).
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  UserAgent,
  Web,
  type Session,
  type URI,
} from 'sip.js';
import { MONITOR_HEADER, MONITOR_INFO_TYPE, type MonitorMode, type VerifiedMonitor } from '../../../core/monitor.js';
import { backoffMs, calledLine, callerFromSip, type IceServer } from '../../../core/softphone.js';
import { readInviteHead, type InviteHead } from '../../../core/sip-invite-head.js';
import { afterNextPaint } from '../../platform/after-paint.js';
import { MonitorMix, type CustomerLeg } from './monitor-mix.js';

export type LinkState = 'off' | 'connecting' | 'registered' | 'reconnecting' | 'auth_failed' | 'unreachable';

export interface PhoneLink {
  state: LinkState;
  /** Which configured server is in use (index into servers). */
  serverIndex: number;
  server: string;
  /** How many times we reached «registered» since start (grows after each re-register). */
  registrations: number;
}

export type CallState = 'ringing' | 'dialing' | 'active' | 'held' | 'ended';
export type EndReason = 'hangup' | 'remote_hangup' | 'declined' | 'missed' | 'busy' | 'failed' | 'mic_denied' | 'transferred' | 'not_found';

export interface CallView {
  id: string;
  direction: 'incoming' | 'outgoing';
  state: CallState;
  /** The other party: normalized number (null if hidden), raw user part, cleaned display name. */
  remote: { e164: string | null; raw: string; name: string };
  /** The line (DID) that was called, for incoming calls. */
  line: string | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  muted: boolean;
  held: boolean;
  endReason: EndReason | null;
  /** This call is a consultation for an attended transfer of that call. */
  consultFor: string | null;
  /** performance.now() when the INVITE reached us (incoming) or was handed to the socket (outgoing). */
  sipAt: number;
}

export type MonitorEnd = 'hangup' | 'remote_hangup' | 'refused' | 'not_on_call' | 'failed';

/**
 * A monitoring leg. `supervisor`: we listen to / whisper to / join an operator's call.
 * `agent`: a supervisor monitors our call (never shown as a call: no ringing, no card, no log).
 */
export interface MonitorView {
  id: string;
  side: 'supervisor' | 'agent';
  mode: MonitorMode;
  state: 'connecting' | 'active' | 'ended';
  /** The operator's name (supervisor side) or the supervisor's (agent side). */
  peerName: string;
  /** Supervisor side: whom we monitor. */
  agentUserId: string | null;
  /** Agent side: the site's policy says the operator is told. */
  notify: boolean;
  endReason: MonitorEnd | null;
}

export interface EngineConfig {
  servers: string[];
  sipUri: string;
  authUser: string;
  password: string;
  displayName: string;
  iceServers: IceServer[];
  devices: { mic: string | null; speaker: string | null };
}

export interface EngineListener {
  link(l: PhoneLink): void;
  calls(calls: CallView[]): void;
  /**
   * An INVITE just arrived from this caller (user part of From): look the caller up early.
   * May return a promise that settles when the answer is in: SIP.js then gets the INVITE after
   * it (at most HOLD_INVITE_MS later), so the call appears with its card in one render.
   */
  prefetch?(fromUser: string): Promise<unknown> | void;
  /** A monitoring INVITE or mode change arrived with this grant: is it good for us? (server-checked) */
  verifyMonitor?(grant: string): Promise<VerifiedMonitor | null>;
  monitors?(list: MonitorView[]): void;
  /** Something the operator must be told: mic denied, transfer failed… */
  problem(code: 'mic_denied' | 'transfer_failed' | 'hold_failed' | 'call_failed'): void;
}

interface Entry {
  view: CallView;
  session: Session;
  audio: HTMLAudioElement;
}

interface MonitorEntry {
  view: MonitorView;
  session: Session;
  audio: HTMLAudioElement;
  /** Agent side: the WebAudio graph, the supervisor it was granted to, the customer call it follows. */
  mix: MonitorMix | null;
  supervisorId: string | null;
  callId: string | null;
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** performance.now() of each initial INVITE handed to the WebSocket (the dial bench reads it). */
export const wireTimings: { invitesOut: number[]; micMs: number[] } = { invitesOut: [], micMs: [] };
/** performance.now() when SIP.js handed each incoming call over (the screen-pop breakdown). */
export const invitesDelivered = new Map<string, number>();

const KEEPALIVE_MS = 20_000;
/** Longest a new INVITE waits for its caller lookup before SIP.js gets it anyway. */
const HOLD_INVITE_MS = 30;
const KEEPALIVE_TIMEOUT_MS = 5_000;

export class SipEngine {
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private cfg: EngineConfig | undefined;
  private readonly entries = new Map<string, Entry>();
  private readonly monitorEntries = new Map<string, MonitorEntry>();
  /** Agent side: what a monitoring leg sends (the mix), picked up by its session description handler. */
  private readonly monitorFeeds = new WeakMap<object, MediaStream>();
  private link: PhoneLink = { state: 'off', serverIndex: 0, server: '', registrations: 0 };
  private wanted = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  private wakeTimer: ReturnType<typeof setInterval> | undefined;
  private lastTick = Date.now();
  private micDenied = false;
  private lastInviteIn = 0;
  /**
   * A new call shown from its raw INVITE while SIP.js has not parsed it yet (see preview());
   * `release` hands the INVITE (and anything queued behind it) to SIP.js.
   */
  private provisional: { callId: string; view: CallView; release: () => void; released: boolean; adoption: Promise<void>; adopted: () => void } | undefined;
  /** Incoming calls the operator clicked «Ответить» on (to tell a failed answer from a missed call). */
  private readonly answering = new Set<string>();
  private everConnected = false;
  private readonly onOnline = () => this.checkNow();
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') this.checkNow();
  };

  constructor(private readonly listener: EngineListener) {}

  get linkState(): PhoneLink {
    return this.link;
  }

  async start(cfg: EngineConfig): Promise<void> {
    await this.stop();
    this.cfg = cfg;
    this.wanted = true;
    this.attempt = 0;
    this.everConnected = false;
    const uri = UserAgent.makeURI(cfg.sipUri);
    if (!uri) throw new Error('bad SIP URI');
    const noIce = cfg.iceServers.length === 0;
    const mediaStreamFactory: Web.MediaStreamFactory = async (constraints) => {
      try {
        const t0 = performance.now();
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        wireTimings.micMs.push(performance.now() - t0);
        this.micDenied = false;
        return stream;
      } catch (e) {
        if (e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'SecurityError' || e.name === 'NotFoundError')) this.micDenied = true;
        throw e;
      }
    };
    const baseFactory = Web.defaultSessionDescriptionHandlerFactory(mediaStreamFactory);
    const sdhFactory: typeof baseFactory = (session, options) => {
      const feed = this.monitorFeeds.get(session);
      const factory = feed ? Web.defaultSessionDescriptionHandlerFactory(() => Promise.resolve(feed)) : baseFactory;
      const sdh = factory(session, options) as Web.SessionDescriptionHandler;
      if (noIce) {
        // No STUN/TURN: only host candidates come, all in one burst right away. Do not wait for
        // Chromium's "complete" (it may come tens of ms later): go 5 ms after the first one.
        let timer: ReturnType<typeof setTimeout> | undefined;
        sdh.peerConnectionDelegate = {
          onicecandidate: (ev: RTCPeerConnectionIceEvent) => {
            if (ev.candidate && timer === undefined) {
              timer = setTimeout(() => {
                timer = undefined;
                sdh.iceGatheringComplete();
              }, 5);
            }
          },
        };
      }
      return sdh;
    };
    this.setLink({ state: 'connecting', serverIndex: 0, server: cfg.servers[0] ?? '' });
    const ua: UserAgent = new UserAgent({
      uri,
      displayName: cfg.displayName || undefined,
      authorizationUsername: cfg.authUser || uri.user,
      authorizationPassword: cfg.password,
      transportOptions: { server: cfg.servers[0], connectionTimeout: 3, keepAliveInterval: 0 },
      // Our supervisor reconnects (with server rotation); SIP.js's own loop is off.
      reconnectionAttempts: 0,
      // Attended transfer: accept INVITEs with Replaces (the colleague's consultation leg is replaced).
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactory: sdhFactory,
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: cfg.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })) },
        iceGatheringTimeout: noIce ? 100 : 1000,
      },
      logBuiltinEnabled: false,
      // Events of a user agent replaced by a newer start() are ignored.
      delegate: {
        onConnect: () => void (this.ua === ua && this.afterConnect()),
        onDisconnect: () => void (this.ua === ua && this.afterDisconnect()),
        onInvite: (inv) => (this.ua === ua ? this.incoming(inv) : void inv.reject().catch(() => undefined)),
      },
    });
    this.ua = ua;
    // Wire timestamps for the benches and diagnostics: INVITE in from the socket, INVITE out.
    const t = ua.transport as unknown as { onMessage?: (m: string) => void; send(m: string): Promise<void> };
    const onMessage = t.onMessage?.bind(t);
    if (onMessage) {
      // Messages wait here, in order, while a new INVITE is held for its caller lookup.
      let held: string[] | null = null;
      const release = (): void => {
        const queue = held;
        held = null;
        for (const m of queue ?? []) if (this.ua === ua) onMessage(m);
      };
      t.onMessage = (m: string) => {
        if (held) {
          held.push(m);
          return;
        }
        if (m.startsWith('INVITE ')) {
          this.lastInviteIn = performance.now();
          // A new call: start the screen-pop lookup now, before SIP.js spends ~10 ms on it.
          // (A monitoring INVITE is no customer: nothing to look up, no banner.)
          const head = /\r\nX-Pult-Monitor\s*:/i.test(m) ? null : readInviteHead(m);
          const answered = head && !this.knowsCall(head.callId) ? this.listener.prefetch?.(head.fromUser) : undefined;
          if (head && answered) {
            held = [m];
            const timer = setTimeout(release, HOLD_INVITE_MS);
            void answered.finally(() => {
              clearTimeout(timer);
              // Still held (in time): show the call with its card first, then let SIP.js in.
              if (held && this.ua === ua) this.preview(head, release);
              else release();
            });
            return;
          }
        }
        onMessage(m);
      };
    }
    const send = t.send.bind(t);
    t.send = (m: string) => {
      if (m.startsWith('INVITE ') && !/\r\nTo:[^\r]*;tag=/i.test(m)) wireTimings.invitesOut.push(performance.now());
      return send(m);
    };
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.lastTick = Date.now();
    this.wakeTimer = setInterval(() => {
      const now = Date.now();
      // The timer slept far longer than asked: the computer was asleep. Check the link now.
      if (now - this.lastTick > 15_000) this.checkNow();
      this.lastTick = now;
    }, 5_000);
    this.keepaliveTimer = setInterval(() => this.keepalive(), KEEPALIVE_MS);
    // Not awaited: a dead first server must not hold the caller up; the supervisor takes over.
    void ua.start().catch(() => {
      if (this.ua === ua) this.scheduleReconnect();
    });
  }

  async stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    clearInterval(this.keepaliveTimer);
    clearInterval(this.wakeTimer);
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisible);
    const ua = this.ua;
    this.ua = undefined;
    for (const e of this.entries.values()) void this.endSession(e.session).catch(() => undefined);
    for (const m of this.monitorEntries.values()) void this.endSession(m.session).catch(() => undefined);
    if (ua) {
      await this.registerer?.unregister().catch(() => undefined);
      await ua.stop().catch(() => undefined);
    }
    this.registerer = undefined;
    this.setLink({ state: 'off' });
  }

  // ------------------------------------------------------------------ supervisor

  private setLink(p: Partial<PhoneLink>): void {
    this.link = { ...this.link, ...p };
    this.listener.link(this.link);
  }

  private async afterConnect(): Promise<void> {
    const ua = this.ua;
    if (!ua) return;
    this.everConnected = true;
    // A registration is bound to its connection: a fresh Registerer and REGISTER every time.
    const old = this.registerer;
    const reg = new Registerer(ua, { expires: 300, refreshFrequency: 90 });
    this.registerer = reg;
    void old?.dispose().catch(() => undefined);
    reg.stateChange.addListener((s) => {
      if (reg !== this.registerer) return;
      if (s === RegistererState.Registered) {
        this.attempt = 0;
        this.setLink({ state: 'registered', registrations: this.link.registrations + 1 });
      }
    });
    try {
      await reg.register({
        requestDelegate: {
          onReject: (res) => {
            const code = res.message.statusCode ?? 0;
            if (code === 401 || code === 403 || code === 407) {
              this.setLink({ state: 'auth_failed' });
            } else {
              this.setLink({ state: 'reconnecting' });
              this.scheduleReconnect();
            }
          },
        },
      });
    } catch {
      this.scheduleReconnect();
    }
    // Live calls lost their media path with the old connection: re-INVITE with ICE restart.
    for (const e of this.entries.values()) {
      if (e.session.state === SessionState.Established) {
        void e.session
          .invite({ sessionDescriptionHandlerOptions: { offerOptions: { iceRestart: true }, hold: e.view.held } as Web.SessionDescriptionHandlerOptions })
          .catch(() => undefined);
      }
    }
  }

  private afterDisconnect(): void {
    if (!this.wanted) return;
    if (this.link.state !== 'auth_failed') this.setLink({ state: 'reconnecting' });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.wanted || !this.ua || this.reconnectTimer !== undefined) return;
    const delay = this.attempt === 0 ? 250 : backoffMs(this.attempt - 1);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    const ua = this.ua;
    const cfg = this.cfg;
    if (!ua || !cfg || !this.wanted || ua.isConnected()) return;
    this.attempt++;
    // Rotate to the next server after a failed attempt — unless a call is up (its dialog lives there).
    const busy = [...this.entries.values()].some((e) => e.session.state === SessionState.Established);
    if (this.attempt > 1 || !this.everConnected) {
      const next = busy ? this.link.serverIndex : (this.link.serverIndex + (this.attempt > 1 ? 1 : 0)) % cfg.servers.length;
      this.useServer(next);
    }
    try {
      await ua.reconnect();
    } catch {
      if (!this.everConnected && this.attempt >= cfg.servers.length * 2) this.setLink({ state: 'unreachable' });
      this.scheduleReconnect();
    }
  }

  /** SIP.js reads the server from its transport configuration at each connect. */
  private useServer(index: number): void {
    const cfg = this.cfg;
    if (!cfg || !this.ua) return;
    const server = cfg.servers[index] ?? cfg.servers[0] ?? '';
    const t = this.ua.transport as unknown as { configuration?: { server: string } };
    if (t.configuration) t.configuration.server = server;
    this.setLink({ serverIndex: index, server });
  }

  /** Link check now (online event, wake from sleep, window shown). */
  private checkNow(): void {
    if (!this.wanted || !this.ua) return;
    if (!this.ua.isConnected()) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.attempt = 0;
      this.scheduleReconnect();
    } else this.keepalive();
  }

  private keepalive(): void {
    const ua = this.ua;
    const cfg = this.cfg;
    if (!ua || !cfg || !ua.isConnected()) return;
    const domain = ua.configuration.uri.host;
    const target = UserAgent.makeURI(`sip:${domain}`);
    if (!target) return;
    let answered = false;
    const msg = ua.userAgentCore.makeOutgoingRequestMessage('OPTIONS', target, ua.configuration.uri, target, {});
    ua.userAgentCore.request(msg, {
      onAccept: () => (answered = true),
      onReject: () => (answered = true), // any answer proves the link is alive
    });
    setTimeout(() => {
      if (!answered && this.ua === ua && ua.isConnected()) {
        // Silent link (NAT dropped it, server gone): drop it ourselves and reconnect.
        void ua.transport.disconnect().catch(() => undefined);
      }
    }, KEEPALIVE_TIMEOUT_MS);
  }

  // ------------------------------------------------------------------ calls

  private emitCalls(): void {
    const views = [...this.entries.values()].map((e) => ({ ...e.view }));
    if (this.provisional) views.push({ ...this.provisional.view });
    this.listener.calls(views);
  }

  private knowsCall(callId: string): boolean {
    for (const e of this.entries.values()) if (e.session instanceof Invitation && e.session.request.callId === callId) return true;
    return this.provisional?.callId === callId;
  }

  /**
   * The screen pop before SIP.js: the ringing call (with its card, the lookup has answered) is
   * rendered from the INVITE's raw headers, and SIP.js parses the INVITE once that frame is
   * painted. Answer/Decline pressed in between hand it over at once (handOver()).
   */
  private preview(head: InviteHead, release: () => void): void {
    if (document.visibilityState === 'hidden') return release(); // no frames to wait for
    const line = calledLine({ xCalledNumber: head.xCalledNumber, diversion: head.diversion, toUser: head.toUser });
    const view = { ...this.newView('incoming', head.fromUser, head.displayName, line), sipAt: this.lastInviteIn };
    if (/anonymous\.invalid$/i.test(head.fromHost) || head.privacyId) view.remote = { e164: null, raw: '', name: view.remote.name };
    let adopted = (): void => undefined;
    const adoption = new Promise<void>((resolve) => (adopted = resolve));
    this.provisional = { callId: head.callId, view, release, released: false, adoption, adopted };
    this.emitCalls();
    afterNextPaint(() => void this.handOver(view.id));
  }

  /**
   * Lets SIP.js take the previewed INVITE now. SIP.js hands the call over a few microtasks later
   * (after its 180 Ringing): incoming() then adopts the view by its Call-ID and settles the
   * returned promise. One it never hands over (a retransmission, a message it refused) is
   * forgotten after a while.
   */
  private handOver(viewId: string): Promise<void> {
    const p = this.provisional;
    if (!p || p.view.id !== viewId) return Promise.resolve();
    if (!p.released) {
      p.released = true;
      p.release();
      setTimeout(() => {
        if (this.provisional !== p) return;
        this.provisional = undefined;
        p.adopted();
        this.emitCalls();
      }, 2000);
    }
    return p.adoption;
  }

  private update(id: string, p: Partial<CallView>): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.view = { ...e.view, ...p };
    this.emitCalls();
  }

  private mediaOptions(): Web.SessionDescriptionHandlerOptions {
    const mic = this.cfg?.devices.mic;
    return { constraints: { audio: mic ? { deviceId: { exact: mic } } : true, video: false } };
  }

  private track(session: Session, view: CallView): Entry {
    const audio = document.createElement('audio') as SinkAudio;
    audio.autoplay = true;
    const speaker = this.cfg?.devices.speaker;
    if (speaker && audio.setSinkId) void audio.setSinkId(speaker).catch(() => undefined);
    const entry: Entry = { view, session, audio };
    this.entries.set(view.id, entry);
    session.stateChange.addListener((s) => {
      if (s === SessionState.Established) {
        const sdh = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
        if (sdh) audio.srcObject = sdh.remoteMediaStream;
        void audio.play().catch(() => undefined);
        if (entry.view.answeredAt === null) this.update(view.id, { state: 'active', answeredAt: Date.now() });
      }
      if (s === SessionState.Terminated) {
        audio.srcObject = null;
        // Monitoring follows the customer call: it ends with it.
        for (const m of this.monitorEntries.values()) if (m.callId === view.id) void this.endSession(m.session).catch(() => undefined);
        const v = entry.view;
        const failedAnswer = this.answering.has(view.id) && v.answeredAt === null;
        this.answering.delete(view.id);
        const reason: EndReason =
          v.endReason ??
          (v.answeredAt !== null
            ? 'remote_hangup'
            : (v.direction === 'outgoing' || failedAnswer) && this.micDenied
              ? 'mic_denied'
              : v.direction === 'incoming' && !failedAnswer
                ? 'missed'
                : 'failed');
        if (reason === 'mic_denied') this.listener.problem('mic_denied');
        this.update(view.id, { state: 'ended', endedAt: Date.now(), endReason: reason });
        // Keep the ended call briefly so the UI can show how it ended and log it; then forget it.
        setTimeout(() => {
          this.entries.delete(view.id);
          this.emitCalls();
        }, 1500);
      }
    });
    session.delegate = {
      onRefer: (referral) => {
        // We are being transferred (blind or attended): follow the REFER.
        void referral.accept().then(() => {
          const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: this.mediaOptions() });
          const target = referral.referTo.uri;
          const nv = this.newView('outgoing', target.user ?? '', '', null);
          this.track(inviter, nv);
          this.emitCalls();
          inviter.stateChange.addListener((s) => {
            if (s === SessionState.Established && session.state === SessionState.Established) {
              this.update(view.id, { endReason: 'transferred' });
              void session.bye().catch(() => undefined);
            }
          });
          void inviter.invite().catch(() => undefined);
        });
      },
    };
    return entry;
  }

  private newView(direction: 'incoming' | 'outgoing', user: string, name: string, line: string | null): CallView {
    return {
      id: crypto.randomUUID(),
      direction,
      state: direction === 'incoming' ? 'ringing' : 'dialing',
      remote: callerFromSip(user, name),
      line,
      startedAt: Date.now(),
      answeredAt: null,
      endedAt: null,
      muted: false,
      held: false,
      endReason: null,
      consultFor: null,
      sipAt: performance.now(),
    };
  }

  private incoming(inv: Invitation): void {
    const now = performance.now();
    const sipAt = now - this.lastInviteIn < 1000 ? this.lastInviteIn : now;
    const from = inv.remoteIdentity;
    const req = inv.request;
    const grant = req.getHeader(MONITOR_HEADER);
    if (grant !== undefined) {
      void this.incomingMonitor(inv, grant.trim());
      return;
    }
    const line = calledLine({ xCalledNumber: req.getHeader('X-Called-Number'), diversion: req.getHeader('Diversion'), toUser: req.to.uri.user });
    const pre = this.provisional?.callId === req.callId ? this.provisional : undefined;
    if (pre) {
      this.provisional = undefined;
      pre.adopted();
    }
    // A previewed call keeps its id and start, so the screen pop and the call log stay one call.
    const view = { ...this.newView('incoming', from.uri.user ?? '', from.displayName, line), sipAt, ...(pre ? { id: pre.view.id, startedAt: pre.view.startedAt, sipAt: pre.view.sipAt } : {}) };
    invitesDelivered.set(view.id, now);
    if (invitesDelivered.size > 500) invitesDelivered.delete(invitesDelivered.keys().next().value ?? '');
    if (/anonymous\.invalid$/i.test(from.uri.host) || req.getHeader('Privacy') === 'id') view.remote = { e164: null, raw: '', name: view.remote.name };
    const replaced = [...this.entries.values()].find((e) => e.session === inv.replacee);
    if (replaced) {
      // Attended transfer arriving here: this INVITE replaces a call we are in. Take it at once,
      // as the same conversation continues (SIP.js BYEs the replaced leg).
      view.consultFor = null;
      this.update(replaced.view.id, { endReason: 'transferred' });
      this.track(inv, view);
      this.emitCalls();
      void inv.accept({ sessionDescriptionHandlerOptions: this.mediaOptions() }).catch(() => this.listener.problem('call_failed'));
      return;
    }
    this.track(inv, view);
    this.emitCalls();
  }

  /** Starts an outgoing call to a full SIP URI. Returns the call id. */
  call(target: string, consultFor: string | null = null): string {
    const ua = this.ua;
    if (!ua) throw new Error('phone is off');
    const uri: URI | undefined = UserAgent.makeURI(target);
    if (!uri) throw new Error('bad target');
    const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: this.mediaOptions() });
    const view = { ...this.newView('outgoing', uri.user ?? '', '', null), consultFor };
    this.track(inviter, view);
    this.emitCalls();
    void inviter
      .invite({
        requestDelegate: {
          onReject: (res) => {
            const code = res.message.statusCode ?? 0;
            this.update(view.id, { endReason: code === 486 || code === 600 ? 'busy' : code === 404 ? 'not_found' : code === 603 ? 'declined' : 'failed' });
          },
        },
      })
      .then(() => this.update(view.id, { sipAt: performance.now() }))
      .catch(() => undefined); // the Terminated handler tells why
    return view.id;
  }

  async answer(id: string): Promise<void> {
    await this.handOver(id);
    const e = this.entries.get(id);
    if (!e || !(e.session instanceof Invitation) || e.session.state !== SessionState.Initial) return;
    // Call waiting: the call we are in goes on hold first.
    for (const other of this.entries.values()) {
      if (other !== e && other.session.state === SessionState.Established && !other.view.held) await this.hold(other.view.id, true).catch(() => undefined);
    }
    this.answering.add(id);
    // SIP.js answers 480 by itself when the microphone cannot be opened (and resolves); the
    // Terminated handler then reports 'mic_denied'.
    await e.session.accept({ sessionDescriptionHandlerOptions: this.mediaOptions() }).catch(() => undefined);
  }

  async decline(id: string): Promise<void> {
    await this.handOver(id);
    const e = this.entries.get(id);
    if (!e || !(e.session instanceof Invitation)) return;
    this.update(id, { endReason: 'declined' });
    await e.session.reject({ statusCode: 486 }).catch(() => undefined);
  }

  async hangup(id: string): Promise<void> {
    await this.handOver(id);
    const e = this.entries.get(id);
    if (!e) return;
    if (e.view.endReason === null) this.update(id, { endReason: e.view.direction === 'incoming' && e.view.answeredAt === null ? 'declined' : 'hangup' });
    await this.endSession(e.session);
  }

  private async endSession(s: Session): Promise<void> {
    if (s.state === SessionState.Established) await s.bye();
    else if (s instanceof Inviter && (s.state === SessionState.Initial || s.state === SessionState.Establishing)) await s.cancel();
    else if (s instanceof Invitation && s.state === SessionState.Initial) await s.reject();
  }

  async hold(id: string, on: boolean): Promise<void> {
    const e = this.entries.get(id);
    if (!e || e.session.state !== SessionState.Established) return;
    const s = e.session;
    s.sessionDescriptionHandlerOptionsReInvite = { ...this.mediaOptions(), hold: on } as Web.SessionDescriptionHandlerOptions;
    await new Promise<void>((resolve, reject) => {
      s.invite({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: () => reject(new Error('re-INVITE refused')),
        },
      }).catch(reject);
    }).catch((err: unknown) => {
      this.listener.problem('hold_failed');
      throw err;
    });
    // The held customer must not hear the operator talk to colleagues: the microphone goes quiet too.
    const sdh = s.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    sdh?.enableSenderTracks(!on && !e.view.muted);
    this.update(id, { held: on, state: on ? 'held' : 'active' });
  }

  mute(id: string, on: boolean): void {
    const e = this.entries.get(id);
    const sdh = e?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!e || !sdh) return;
    sdh.enableSenderTracks(!on);
    this.update(id, { muted: on });
  }

  dtmf(id: string, tone: string): boolean {
    const e = this.entries.get(id);
    const sdh = e?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!e || !sdh || !/^[0-9*#A-D]$/.test(tone)) return false;
    if (sdh.sendDtmf(tone)) return true;
    // No RTP telephone-event on this call: SIP INFO instead.
    void e.session
      .info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160` } } })
      .catch(() => undefined);
    return true;
  }

  /** Blind transfer: REFER the other party to target; we drop out when it is accepted. */
  async blindTransfer(id: string, target: string): Promise<void> {
    const e = this.entries.get(id);
    const uri = UserAgent.makeURI(target);
    if (!e || !uri || e.session.state !== SessionState.Established) throw new Error('no call');
    await new Promise<void>((resolve, reject) => {
      e.session
        .refer(uri, { requestDelegate: { onAccept: () => resolve(), onReject: () => reject(new Error('REFER refused')) } })
        .catch(reject);
    }).catch((err: unknown) => {
      this.listener.problem('transfer_failed');
      throw err;
    });
    this.update(id, { endReason: 'transferred' });
    await e.session.bye().catch(() => undefined);
  }

  /** Attended transfer, step 1: hold this call and call the colleague. */
  async consult(id: string, target: string): Promise<string> {
    const e = this.entries.get(id);
    if (!e) throw new Error('no call');
    if (!e.view.held) await this.hold(id, true);
    return this.call(target, id);
  }

  /** Attended transfer, step 2: REFER the held caller to the colleague with Replaces. */
  async completeTransfer(consultId: string): Promise<void> {
    const c = this.entries.get(consultId);
    const originalId = c?.view.consultFor;
    const o = originalId ? this.entries.get(originalId) : undefined;
    if (!c || !o || c.session.state !== SessionState.Established) throw new Error('no consultation');
    await new Promise<void>((resolve, reject) => {
      o.session
        .refer(c.session, { requestDelegate: { onAccept: () => resolve(), onReject: () => reject(new Error('REFER refused')) } })
        .catch(reject);
    }).catch((err: unknown) => {
      this.listener.problem('transfer_failed');
      throw err;
    });
    this.update(o.view.id, { endReason: 'transferred' });
    this.update(c.view.id, { endReason: 'transferred' });
    // The colleague's phone replaces our consultation leg; our two legs end.
    await o.session.bye().catch(() => undefined);
    setTimeout(() => {
      if (c.session.state === SessionState.Established) void c.session.bye().catch(() => undefined);
    }, 3000);
  }

  /** Switch microphone (also mid-call) and speaker. */
  async setDevices(devices: { mic: string | null; speaker: string | null }): Promise<void> {
    if (this.cfg) this.cfg.devices = devices;
    for (const e of this.entries.values()) {
      const a = e.audio as SinkAudio;
      if (a.setSinkId) await a.setSinkId(devices.speaker ?? '').catch(() => undefined);
      const sdh = e.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
      const pc = sdh?.peerConnection;
      if (!pc || e.session.state !== SessionState.Established) continue;
      const stream = await navigator.mediaDevices.getUserMedia({ audio: devices.mic ? { deviceId: { exact: devices.mic } } : true }).catch(() => null);
      const track = stream?.getAudioTracks()[0];
      if (!track) continue;
      for (const sender of pc.getSenders()) if (sender.track?.kind === 'audio') await sender.replaceTrack(track);
      if (e.view.muted) track.enabled = false;
    }
  }

  // ------------------------------------------------------------------ monitoring

  private emitMonitors(): void {
    this.listener.monitors?.([...this.monitorEntries.values()].map((e) => ({ ...e.view })));
  }

  private updateMonitor(id: string, p: Partial<MonitorView>): void {
    const e = this.monitorEntries.get(id);
    if (!e) return;
    e.view = { ...e.view, ...p };
    this.emitMonitors();
  }

  /** The customer call a supervisor would monitor now: the established one not on hold, else any established. */
  private customerLeg(): { id: string; leg: CustomerLeg } | null {
    const live = [...this.entries.values()].filter((e) => e.session.state === SessionState.Established);
    for (const e of [...live.filter((x) => !x.view.held), ...live]) {
      const sdh = e.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
      const pc = sdh?.peerConnection;
      if (sdh && pc) return { id: e.view.id, leg: { pc, mic: sdh.localMediaStream, customer: sdh.remoteMediaStream } };
    }
    return null;
  }

  /** Agent side: a supervisor's monitoring INVITE. Answered by itself only with a grant the server accepts. */
  private async incomingMonitor(inv: Invitation, grant: string): Promise<void> {
    const verified = this.listener.verifyMonitor ? await this.listener.verifyMonitor(grant).catch(() => null) : null;
    if (!verified) {
      await inv.reject({ statusCode: 403 }).catch(() => undefined);
      return;
    }
    // The supervisor gave up (CANCEL) while the server was asked.
    if (inv.state !== SessionState.Initial) return;
    const customer = this.customerLeg();
    if (!customer) {
      await inv.reject({ statusCode: 480 }).catch(() => undefined);
      return;
    }
    const mix = new MonitorMix(customer.leg);
    this.monitorFeeds.set(inv, mix.supervisorFeed);
    const view: MonitorView = {
      id: crypto.randomUUID(),
      side: 'agent',
      mode: verified.mode,
      state: 'connecting',
      peerName: verified.supervisorName,
      agentUserId: null,
      notify: verified.notifyAgent,
      endReason: null,
    };
    const entry: MonitorEntry = { view, session: inv, audio: this.newAudio(), mix, supervisorId: verified.supervisorId, callId: customer.id };
    this.trackMonitor(entry);
    inv.delegate = { onInfo: (info) => void this.monitorInfo(entry, info) };
    await inv.accept().catch(() => undefined);
  }

  private newAudio(): HTMLAudioElement {
    const audio = document.createElement('audio') as SinkAudio;
    audio.autoplay = true;
    const speaker = this.cfg?.devices.speaker;
    if (speaker && audio.setSinkId) void audio.setSinkId(speaker).catch(() => undefined);
    return audio;
  }

  private trackMonitor(entry: MonitorEntry): void {
    this.monitorEntries.set(entry.view.id, entry);
    this.emitMonitors();
    const { session, view } = entry;
    session.stateChange.addListener((s) => {
      if (s === SessionState.Established) {
        void this.applyMode(entry).then(() => this.updateMonitor(view.id, { state: 'active' }));
      }
      if (s === SessionState.Terminated) {
        entry.audio.srcObject = null;
        void entry.mix?.close();
        // SIP.js terminates the session before it hands the refusal (403, 480…) to our delegate:
        // settle the reason after that has run.
        queueMicrotask(() =>
          this.updateMonitor(view.id, { state: 'ended', endReason: entry.view.endReason ?? (entry.view.state === 'active' ? 'remote_hangup' : 'failed') }),
        );
        setTimeout(() => {
          this.monitorEntries.delete(view.id);
          this.emitMonitors();
        }, 1500);
      }
    });
  }

  /** Puts the leg's media in its mode, on either side. */
  private async applyMode(entry: MonitorEntry): Promise<void> {
    const sdh = entry.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!sdh) return;
    const mode = entry.view.mode;
    if (entry.view.side === 'supervisor') {
      // The supervisor hears the mix; their microphone goes out only when they speak (whisper, barge).
      entry.audio.srcObject = sdh.remoteMediaStream;
      void entry.audio.play().catch(() => undefined);
      sdh.enableSenderTracks(mode !== 'listen');
      return;
    }
    // Operator: hears the supervisor in whisper and barge; in listen their audio is not played at all.
    if (mode === 'listen') entry.audio.srcObject = null;
    else {
      entry.audio.srcObject = sdh.remoteMediaStream;
      void entry.audio.play().catch(() => undefined);
    }
    await entry.mix?.setMode(mode, sdh.remoteMediaStream);
  }

  /** Agent side: a mode change (SIP INFO whose body is a fresh grant from the same supervisor). */
  private async monitorInfo(entry: MonitorEntry, info: { request: { body: string; getHeader(n: string): string | undefined }; accept(): Promise<void>; reject(o?: { statusCode?: number }): Promise<void> }): Promise<void> {
    const type = info.request.getHeader('Content-Type') ?? '';
    if (!type.toLowerCase().startsWith(MONITOR_INFO_TYPE)) {
      await info.reject({ statusCode: 415 }).catch(() => undefined);
      return;
    }
    const verified = this.listener.verifyMonitor ? await this.listener.verifyMonitor(info.request.body.trim()).catch(() => null) : null;
    if (!verified || verified.supervisorId !== entry.supervisorId) {
      await info.reject({ statusCode: 403 }).catch(() => undefined);
      return;
    }
    entry.view = { ...entry.view, mode: verified.mode, notify: verified.notifyAgent };
    await this.applyMode(entry);
    this.emitMonitors();
    await info.accept().catch(() => undefined);
  }

  /** Supervisor side: calls the operator's softphone with the grant. Returns the leg's id. */
  monitor(target: string, grant: string, mode: MonitorMode, peer: { name: string; userId: string }): string {
    const ua = this.ua;
    if (!ua) throw new Error('phone is off');
    const uri = UserAgent.makeURI(target);
    if (!uri) throw new Error('bad target');
    const inviter = new Inviter(ua, uri, { extraHeaders: [`${MONITOR_HEADER}: ${grant}`], sessionDescriptionHandlerOptions: this.mediaOptions() });
    const view: MonitorView = { id: crypto.randomUUID(), side: 'supervisor', mode, state: 'connecting', peerName: peer.name, agentUserId: peer.userId, notify: false, endReason: null };
    this.trackMonitor({ view, session: inviter, audio: this.newAudio(), mix: null, supervisorId: null, callId: null });
    void inviter
      .invite({
        requestDelegate: {
          onReject: (res) => {
            const code = res.message.statusCode ?? 0;
            this.updateMonitor(view.id, { endReason: code === 403 ? 'refused' : code === 480 || code === 486 ? 'not_on_call' : 'failed' });
          },
        },
      })
      .catch(() => undefined);
    return view.id;
  }

  /** Supervisor side: listen → whisper → barge and back, with a fresh grant, without redialling. */
  async setMonitorMode(id: string, grant: string, mode: MonitorMode): Promise<void> {
    const e = this.monitorEntries.get(id);
    if (!e || e.view.side !== 'supervisor' || e.session.state !== SessionState.Established) throw new Error('not monitoring');
    await new Promise<void>((resolve, reject) => {
      e.session
        .info({
          requestOptions: { body: { contentDisposition: 'render', contentType: MONITOR_INFO_TYPE, content: grant } },
          requestDelegate: { onAccept: () => resolve(), onReject: () => reject(new Error('mode change refused')) },
        })
        .catch(reject);
    });
    e.view = { ...e.view, mode };
    await this.applyMode(e);
    this.emitMonitors();
  }

  async endMonitor(id: string): Promise<void> {
    const e = this.monitorEntries.get(id);
    if (!e) return;
    if (e.view.endReason === null) this.updateMonitor(id, { endReason: 'hangup' });
    await this.endSession(e.session);
  }

  /** getStats: inbound/outbound audio bytes of a call (tests and the diagnostics line). */
  async mediaBytes(id: string): Promise<{ inbound: number; outbound: number }> {
    const session = this.entries.get(id)?.session ?? this.monitorEntries.get(id)?.session;
    const sdh = session?.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    const pc = sdh?.peerConnection;
    if (!pc) return { inbound: 0, outbound: 0 };
    const report = await pc.getStats();
    let inbound = 0;
    let outbound = 0;
    report.forEach((r: { type?: string; kind?: string; bytesReceived?: number; bytesSent?: number }) => {
      if (r.kind !== 'audio') return;
      if (r.type === 'inbound-rtp') inbound += r.bytesReceived ?? 0;
      if (r.type === 'outbound-rtp') outbound += r.bytesSent ?? 0;
    });
    return { inbound, outbound };
  }
}
