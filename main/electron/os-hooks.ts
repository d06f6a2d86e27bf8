// Small OS integrations over injected Electron slices: dial-link hand-off (second instance on
// Windows/Linux, open-url on macOS), the global dial hotkey, sleep/wake and screen unlock,
// start at login, link-handler registration, the microphone prompt, raising the window.
import type { DialRequest, MicrophoneAccess } from '../../core/desktop.js';
import { maskPhone } from '../../core/phone.js';
import { findDialLinkInArgv, parseDialLink, parseDialText, type DialParse } from './dial-links.js';

export interface HookLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const describeTarget = (p: DialParse): object =>
  p.ok ? (p.target.kind === 'phone' ? { phone: maskPhone(p.target.phone) } : { sip: true }) : { refused: p.reason };

// ---- Dial links ----
export interface DialLinkRouterDeps {
  /** Show and focus the main window (creating it if macOS closed it). */
  showWindow(): void;
  requestDial(request: DialRequest): void;
  logger: HookLogger;
}

export interface DialLinkRouter {
  /** argv of a second instance (Windows/Linux) or of our own start. Always shows the window. */
  fromArgv(argv: readonly unknown[]): void;
  /** macOS `open-url`. Links that arrive before the core is ready are held and replayed. */
  fromUrl(url: unknown): void;
  /** The core is up: replay what arrived during startup. */
  ready(): void;
}

export function createDialLinkRouter(deps: DialLinkRouterDeps): DialLinkRouter {
  let isReady = false;
  let early: unknown = null;
  const route = (url: unknown): void => {
    const parsed = parseDialLink(url);
    deps.logger.info(describeTarget(parsed), 'dial link');
    if (parsed.ok) deps.requestDial({ target: parsed.target, source: 'link' });
  };
  return {
    fromArgv(argv) {
      const link = findDialLinkInArgv(argv);
      if (isReady) deps.showWindow();
      if (link !== null) {
        if (isReady) route(link);
        else early = link;
      }
    },
    fromUrl(url) {
      if (!isReady) {
        early = url; // the newest link wins; a burst of links must not dial several numbers
        return;
      }
      deps.showWindow();
      route(url);
    },
    ready() {
      isReady = true;
      if (early !== null) {
        const url = early;
        early = null;
        route(url);
      }
    },
  };
}

/** Tell the OS that Pult opens tel:/callto:/sip: links (or stop). Windows: HKCU\Software\Classes. */
export interface ProtocolClientApp {
  setAsDefaultProtocolClient(protocol: string): boolean;
  removeAsDefaultProtocolClient(protocol: string): boolean;
  isDefaultProtocolClient(protocol: string): boolean;
}
export const LINK_SCHEMES = ['tel', 'callto', 'sip'] as const;
export function handlesLinks(app: ProtocolClientApp): boolean {
  return LINK_SCHEMES.every((s) => app.isDefaultProtocolClient(s));
}
export function setHandlesLinks(app: ProtocolClientApp, on: boolean): boolean {
  return LINK_SCHEMES.map((s) => (on ? app.setAsDefaultProtocolClient(s) : app.removeAsDefaultProtocolClient(s))).every(Boolean);
}

// ---- Global hotkey: dial the number in the selection (Linux) or the clipboard ----
export const DIAL_HOTKEY = 'CommandOrControl+Alt+P';
export function hotkeyLabel(platform: string): string {
  return platform === 'darwin' ? '⌘⌥P' : 'Ctrl+Alt+P';
}
/** Electron 45's clipboard (async, W3C-style); `selection` is the primary selection, Linux only. */
export interface ClipboardLike {
  readText(): Promise<string>;
  readonly selection?: { readText(): Promise<string> } | undefined;
}
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** Reads what the operator marked: the X11/Wayland primary selection on Linux, else the clipboard. */
export async function readDialText(clipboard: ClipboardLike, platform: string): Promise<string> {
  if (platform === 'linux' && clipboard.selection) {
    const sel = await clipboard.selection.readText();
    if (sel.trim() !== '') return sel;
  }
  return clipboard.readText();
}

export interface HotkeyDeps {
  globalShortcut: GlobalShortcutLike;
  clipboard: ClipboardLike;
  platform: string;
  requestDial(request: DialRequest): void;
  /** Nothing dialable was marked: tell the operator (notification). */
  onNothingToDial(): void;
  logger: HookLogger;
}

export async function dialFromClipboard(deps: Omit<HotkeyDeps, 'globalShortcut'>): Promise<boolean> {
  let text: string;
  try {
    text = await readDialText(deps.clipboard, deps.platform);
  } catch {
    text = ''; // clipboard busy or holding no text
  }
  const parsed = parseDialText(text);
  deps.logger.info(describeTarget(parsed), 'dial hotkey');
  if (!parsed.ok) {
    deps.onNothingToDial();
    return false;
  }
  deps.requestDial({ target: parsed.target, source: 'hotkey' });
  return true;
}

/** Registers the hotkey; returns unregister, or null when another program holds it. */
export function registerDialHotkey(deps: HotkeyDeps): (() => void) | null {
  const ok = deps.globalShortcut.register(DIAL_HOTKEY, () => void dialFromClipboard(deps));
  if (!ok) {
    deps.logger.warn({ accelerator: DIAL_HOTKEY }, 'dial hotkey is taken by another program');
    return null;
  }
  return () => deps.globalShortcut.unregister(DIAL_HOTKEY);
}

// ---- Sleep, wake, screen unlock ----
export interface PowerMonitorLike {
  on(event: 'resume' | 'unlock-screen' | 'suspend' | 'lock-screen', listener: () => void): unknown;
  getSystemIdleTime(): number;
}

/** resume and unlock-screen usually come together: one re-register/resync per burst. */
export function attachPowerHooks(
  power: PowerMonitorLike,
  onResumed: (reason: 'resume' | 'unlock-screen') => void,
  opts: { coalesceMs?: number; now?: () => number; logger?: HookLogger } = {},
): void {
  const now = opts.now ?? Date.now;
  const window = opts.coalesceMs ?? 5_000;
  let last = -Infinity;
  const fire = (reason: 'resume' | 'unlock-screen') => () => {
    const t = now();
    if (t - last < window) return;
    last = t;
    opts.logger?.info({ reason }, 'system resumed: resync and re-register');
    onResumed(reason);
  };
  power.on('resume', fire('resume'));
  power.on('unlock-screen', fire('unlock-screen'));
  power.on('suspend', () => opts.logger?.info({}, 'system suspends'));
}

// ---- Start at login ----
export interface LoginItemApp {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}
export const AUTOSTART_FLAG = '--autostart';
/** null where Electron has no login items (Linux); the tray hides the option. */
export function openAtLogin(app: LoginItemApp, platform: string): boolean | null {
  if (platform !== 'win32' && platform !== 'darwin') return null;
  return app.getLoginItemSettings().openAtLogin;
}
export function setOpenAtLogin(app: LoginItemApp, platform: string, enabled: boolean): void {
  if (platform !== 'win32' && platform !== 'darwin') return;
  // Windows: the flag lets a login start stay in the tray instead of jumping in the operator's face.
  app.setLoginItemSettings(platform === 'win32' ? { openAtLogin: enabled, args: [AUTOSTART_FLAG] } : { openAtLogin: enabled });
}

// ---- Microphone (ask before the first call) ----
export interface SystemPreferencesLike {
  getMediaAccessStatus(mediaType: 'microphone'): string;
  askForMediaAccess(mediaType: 'microphone'): Promise<boolean>;
}
export async function microphoneAccess(prefs: SystemPreferencesLike, platform: string): Promise<MicrophoneAccess> {
  if (platform !== 'darwin' && platform !== 'win32') return 'unknown'; // Linux: no OS-level gate
  const status = prefs.getMediaAccessStatus('microphone');
  if (platform === 'darwin' && status === 'not-determined') {
    return (await prefs.askForMediaAccess('microphone')) ? 'granted' : 'denied';
  }
  return status === 'granted' || status === 'denied' || status === 'restricted' || status === 'not-determined' ? status : 'unknown';
}

// ---- Raise the window (incoming call) ----
export interface RaisableWindow {
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
  setAlwaysOnTop(flag: boolean): void;
  flashFrame(flag: boolean): void;
}
export function bringToFront(win: RaisableWindow, platform: string, app: { focus(opts?: { steal: boolean }): void }): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  if (platform === 'darwin') app.focus({ steal: true });
  if (platform === 'win32') {
    // Windows refuses focus stealing from background apps: a brief always-on-top lifts the window
    // and the taskbar button flashes in case the focus was still refused.
    win.setAlwaysOnTop(true);
    win.focus();
    win.setAlwaysOnTop(false);
    win.flashFrame(true);
    return;
  }
  win.focus();
}
