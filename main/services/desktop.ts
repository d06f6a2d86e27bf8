// Desktop integration state on the main side, shared by both hosts. Plain Node, no Electron:
// the Electron adapter attaches a platform (notifications, microphone prompt) and follows the
// phone state; browser mode has no platform and the events still flow to the page.
import type { DesktopNotice, DialRequest, MicrophoneAccess, NoticeAction, PhoneState, SystemResumed } from '../../core/desktop.js';
import type { EventName, EventPayload } from '../../core/contract.js';

/** What only a desktop shell can do. */
export interface DesktopPlatform {
  /** Shows a native notification; false when the OS has none. */
  notify(notice: DesktopNotice): boolean;
  microphoneAccess(): Promise<MicrophoneAccess>;
}

export interface DesktopHubDeps {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Called on wake/unlock after the event: the core resyncs at once. */
  onResumed?(): void;
  now?(): number;
}

/** A dial request the renderer has not taken yet expires: a stale link must not dial later. */
export const DIAL_REQUEST_TTL_MS = 5 * 60_000;

export interface DesktopHub {
  /**
   * Keeps the request until the renderer takes it (exactly once, even with several windows or
   * tabs) and nudges every renderer with `dial.request`; the renderer then calls
   * `desktop.takeDialRequest`. A newer request replaces an untaken one.
   */
  requestDial(request: DialRequest): void;
  takeDialRequest(): DialRequest | null;
  setPhoneState(state: PhoneState): void;
  phoneState(): PhoneState;
  /** True while a call rings or is in progress: nothing may restart the app now. */
  isCallActive(): boolean;
  onPhoneState(listener: (state: PhoneState, previous: PhoneState) => void): () => void;
  attachPlatform(platform: DesktopPlatform): () => void;
  notify(notice: DesktopNotice): boolean;
  microphoneAccess(): Promise<MicrophoneAccess>;
  noticeAction(action: NoticeAction): void;
  resumed(reason: SystemResumed['reason']): void;
}

export function createDesktopHub(deps: DesktopHubDeps): DesktopHub {
  const now = deps.now ?? Date.now;
  let pending: { request: DialRequest; at: number } | null = null;
  let state: PhoneState = 'offline';
  let platform: DesktopPlatform | null = null;
  const listeners = new Set<(s: PhoneState, prev: PhoneState) => void>();

  return {
    requestDial(request) {
      pending = { request, at: now() };
      deps.emit('dial.request', request);
    },
    takeDialRequest() {
      const p = pending;
      pending = null;
      return p && now() - p.at <= DIAL_REQUEST_TTL_MS ? p.request : null;
    },
    setPhoneState(next) {
      const prev = state;
      state = next;
      if (prev === next) return;
      for (const l of [...listeners]) l(next, prev);
    },
    phoneState: () => state,
    isCallActive: () => state === 'ringing' || state === 'on_call',
    onPhoneState(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    attachPlatform(p) {
      platform = p;
      return () => {
        if (platform === p) platform = null;
      };
    },
    notify: (notice) => (platform ? platform.notify(notice) : false),
    microphoneAccess: async () => (platform ? platform.microphoneAccess() : 'unknown'),
    noticeAction: (action) => deps.emit('notification.action', action),
    resumed(reason) {
      deps.emit('system.resumed', { reason });
      deps.onResumed?.();
    },
  };
}
