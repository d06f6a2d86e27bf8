// runApp with the desktop pieces: link hand-off end to end into the core's desktop hub, tray
// following the phone state, --smoke-test exit codes. Electron is faked; never required.
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createDesktopHub } from '../services/desktop.js';
import { runApp, type AppCore, type DesktopPieces, type ElectronPieces } from './app.js';

type Fn = (...args: never[]) => unknown;

function fake(opts: { argv?: string[]; bridge?: boolean } = {}) {
  const appListeners = new Map<string, Fn>();
  const windows: FakeWindow[] = [];
  class FakeWindow {
    static nextId = 1;
    readonly wcListeners = new Map<string, Fn>();
    readonly webContents = {
      id: FakeWindow.nextId++,
      send: vi.fn(),
      isDestroyed: () => false,
      once: (e: string, l: Fn) => void this.wcListeners.set(e, l),
      executeJavaScript: vi.fn(async () => opts.bridge ?? true),
    };
    constructor(readonly options: BrowserWindowConstructorOptions) { windows.push(this); }
    once() { return this; }
    show = vi.fn();
    on() { return this; }
    async loadURL() {}
    isMinimized() { return false; }
    restore = vi.fn();
    focus = vi.fn();
    isVisible = () => true;
    setAlwaysOnTop = vi.fn();
    flashFrame = vi.fn();
  }
  const app = {
    enableSandbox: vi.fn(), requestSingleInstanceLock: () => true, whenReady: async () => undefined, quit: vi.fn(),
    getAppPath: () => '/opt/pult/resources/app.asar', getPath: () => '/tmp/pult-user',
    on(event: string, listener: Fn) { appListeners.set(event, listener); return app; },
  };
  const trays: Array<{ tooltip: string }> = [];
  const desktop: DesktopPieces = {
    app: {
      setAsDefaultProtocolClient: () => true, removeAsDefaultProtocolClient: () => true, isDefaultProtocolClient: () => false,
      getLoginItemSettings: () => ({ openAtLogin: false }), setLoginItemSettings: vi.fn(), focus: vi.fn(), exit: vi.fn(),
    },
    tray: {
      Tray: class { tooltip = ''; constructor() { trays.push(this); } setToolTip(t: string) { this.tooltip = t; } setImage() {} setContextMenu() {} on() { return this; } destroy() {} },
      Menu: { buildFromTemplate: (t) => t },
      nativeImage: { createFromBitmap: () => ({}) },
    },
    Notification: Object.assign(class { on() { return this; } show() {} }, { isSupported: () => true }),
    globalShortcut: { register: vi.fn(() => true), unregister: vi.fn() },
    clipboard: { readText: async () => '' },
    powerMonitor: { on: () => undefined, getSystemIdleTime: () => 0 },
    systemPreferences: { getMediaAccessStatus: () => 'granted', askForMediaAccess: async () => true },
    updater: null,
  };
  const electron: ElectronPieces<FakeWindow> = {
    app, BrowserWindow: FakeWindow,
    ipcMain: { handle: () => {}, removeHandler: () => {} },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(async () => {}) },
    desktop,
  };
  const emitted: Array<{ event: string; payload: unknown }> = [];
  const hub = createDesktopHub({ emit: (event, payload) => void emitted.push({ event, payload }) });
  const core: AppCore = { handle: async () => ({ ok: true, value: null }), subscribe: () => () => {}, desktop: hub };
  const fire = (event: string, ...args: unknown[]) => (appListeners.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args);
  const running = runApp(electron, {
    createCore: () => core, defaultServerUrl: null, readFile: async () => new Uint8Array(), platform: 'win32', isDev: false,
    logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() }, argv: opts.argv ?? ['Pult.exe'],
  });
  return { running, windows, fire, emitted, hub, desktop, trays };
}

describe('runApp desktop integration', () => {
  it('single-instance hand-off: a second instance with a tel: link focuses the window and sends dial.request', async () => {
    const f = fake();
    await f.running.ready;
    f.fire('second-instance', {}, ['C:\\Pult\\Pult.exe', '--', 'tel:+7 (912) 345-67-89']);
    expect(f.windows[0]!.focus).toHaveBeenCalled();
    expect(f.emitted).toEqual([{ event: 'dial.request', payload: { target: { kind: 'phone', phone: '+79123456789' }, source: 'link' } }]);
    expect(f.hub.takeDialRequest()).toEqual({ target: { kind: 'phone', phone: '+79123456789' }, source: 'link' });
  });

  it('macOS open-url before ready and a first start from a link both dial once ready', async () => {
    const f = fake({ argv: ['Pult.exe', 'callto://89123456789'] });
    f.fire('open-url', { preventDefault: vi.fn() }, 'sip:ivan@pbx');
    await f.running.ready;
    expect(f.emitted.map((e) => e.payload)).toEqual([
      { target: { kind: 'sip', uri: 'sip:ivan@pbx' }, source: 'link' },
      { target: { kind: 'phone', phone: '+79123456789' }, source: 'link' },
    ]);
  });

  it('tray follows the phone state; ringing raises the window', async () => {
    const f = fake();
    await f.running.ready;
    expect(f.trays[0]!.tooltip).toBe('Pult — нет связи с АТС');
    f.hub.setPhoneState('ready');
    expect(f.trays[0]!.tooltip).toBe('Pult — готов к звонкам');
    f.hub.setPhoneState('ringing');
    expect(f.trays[0]!.tooltip).toBe('Pult — входящий звонок');
    expect(f.windows[0]!.setAlwaysOnTop).toHaveBeenCalledWith(true);
    expect(f.windows[0]!.flashFrame).toHaveBeenCalledWith(true);
    expect(f.desktop.globalShortcut.register).toHaveBeenCalled();
  });

  it('--smoke-test: exits 0 after the page loads with window.pult, 1 without it', async () => {
    const ok = fake({ argv: ['Pult.exe', '--smoke-test'] });
    await ok.running.ready;
    expect(ok.desktop.globalShortcut.register).not.toHaveBeenCalled();
    ok.windows[0]!.wcListeners.get('did-finish-load')!();
    await vi.waitFor(() => expect(ok.desktop.app.exit).toHaveBeenCalledWith(0));

    const bad = fake({ argv: ['Pult.exe', '--smoke-test'], bridge: false });
    await bad.running.ready;
    bad.windows[0]!.wcListeners.get('did-finish-load')!();
    await vi.waitFor(() => expect(bad.desktop.app.exit).toHaveBeenCalledWith(1));
  });
});
