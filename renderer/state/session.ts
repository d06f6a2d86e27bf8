// Who is signed in, and what the main side told us about itself at start.
import { create } from 'zustand';
import type { MethodInput, MethodOutput, PultApi, SessionInfo } from '../../core/contract.js';
import type { ApiErrorBody, Result } from '../../core/errors.js';

export type AppInfo = MethodOutput<'app.info'>;

interface SessionState {
  phase: 'starting' | 'ready' | 'failed';
  appInfo: AppInfo | null;
  session: SessionInfo | null;
  startError: ApiErrorBody | null;
  bootstrap(api: PultApi): Promise<void>;
  login(api: PultApi, input: MethodInput<'session.login'>): Promise<Result<SessionInfo>>;
  logout(api: PultApi): Promise<Result<unknown>>;
  /** The main side reported the session is gone (e.g. expired). */
  clear(): void;
}

export const useSession = create<SessionState>()((set) => ({
  phase: 'starting',
  appInfo: null,
  session: null,
  startError: null,
  async bootstrap(api) {
    const [info, current] = await Promise.all([api.call('app.info', {}), api.call('session.current', {})]);
    if (!info.ok) return set({ phase: 'failed', startError: info.error });
    set({ phase: 'ready', appInfo: info.value, session: current.ok ? current.value : null, startError: null });
  },
  async login(api, input) {
    const r = await api.call('session.login', input);
    if (r.ok) set({ session: r.value });
    return r;
  },
  async logout(api) {
    const r = await api.call('session.logout', {});
    // Even if the main side failed to answer, the operator asked to leave: show the login screen.
    set({ session: null });
    return r;
  },
  clear() {
    set({ session: null });
  },
}));
