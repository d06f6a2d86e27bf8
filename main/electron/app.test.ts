import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { IPC_CHANNEL } from '../../core/contract.js';
import { runApp, type AppCore, type ElectronPieces } from './app.js';
import type { InvokeEvent } from './ipc-host.js';

type Fn = (...args: never[]) => unknown;

function fakeElectron(lock = true) {
  const appListeners = new Map<string, Fn>();
  const windows: FakeWindow[] = [];
  const handlers = new Map<string, (e: InvokeEvent, ...a: unknown[]) => Promise<unknown>>();
  const schemes: string[] = [];
  class FakeWindow {
    static nextId = 1;
    readonly webContents = { id: FakeWindow.nextId++, send: vi.fn(), isDestroyed: () => false };
    loaded: string[] = [];
    listeners = new Map<string, () => void>();
    constructor(readonly options: BrowserWindowConstructorOptions) {
      windows.push(this);
    }
    once(_e: 'ready-to-show', _l: () => void) { return this; }
    show() {}
    on(e: 'closed', l: () => void) { this.listeners.set(e, l); return this; }
    async loadURL(url: string) { this.loaded.push(url); }
    isMinimized() { return true; }
    restore = vi.fn();
    focus = vi.fn();
  }
  const app = {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: () => lock,
    whenReady: async () => undefined,
    quit: vi.fn(),
    getAppPath: () => '/opt/pult/resources/app.asar',
    getPath: (_n: 'userData') => '/home/u/.config/Pult',
    on(event: string, listener: Fn) { appListeners.set(event, listener); return app; },
  };
  const electron: ElectronPieces<FakeWindow> = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
    protocol: { registerSchemesAsPrivileged: (s) => void schemes.push(...s.map((x) => x.scheme)), handle: (s) => void schemes.push(`handle:${s}`) },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(async () => {}) },
  };
  const fire = (event: string, ...args: unknown[]) => (appListeners.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args);
  return { electron, app, windows, handlers, schemes, fire };
}

function fakeCore(): AppCore & { close: ReturnType<typeof vi.fn> } {
  return { handle: async () => ({ ok: true, value: 1 }), subscribe: () => () => {}, close: vi.fn(async () => {}) };
}

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const opts = (core: AppCore) => ({ createCore: () => core, defaultServerUrl: null, readFile: async () => new Uint8Array(), platform: 'linux', isDev: false, logger: log });

describe('runApp', () => {
  it('quits at once when another instance holds the lock', async () => {
    const f = fakeElectron(false);
    expect(await runApp(f.electron, opts(fakeCore())).ready).toBe(false);
    expect(f.app.quit).toHaveBeenCalled();
    expect(f.windows).toHaveLength(0);
  });

  it('boots: sandbox, app scheme, one hardened window on app://pult, IPC served for it', async () => {
    const f = fakeElectron();
    expect(await runApp(f.electron, opts(fakeCore())).ready).toBe(true);
    expect(f.app.enableSandbox).toHaveBeenCalled();
    expect(f.schemes).toEqual(['app', 'handle:app']);
    expect(f.windows).toHaveLength(1);
    const win = f.windows[0]!;
    expect(win.loaded).toEqual(['app://pult/index.html']);
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(win.options.webPreferences?.preload).toMatch(/dist[\\/]preload[\\/]preload\.cjs$/);
    const res = await f.handlers.get(IPC_CHANNEL.request)!(
      { sender: { id: win.webContents.id }, senderFrame: { url: 'app://pult/index.html', parent: null } },
      { id: 1, method: 'sync.status', input: {} },
    );
    expect(res).toEqual({ id: 1, result: { ok: true, value: 1 } });
    f.fire('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('on quit: holds the quit, closes the core, then quits for real', async () => {
    const f = fakeElectron();
    const core = fakeCore();
    await runApp(f.electron, opts(core)).ready;
    const event = { preventDefault: vi.fn() };
    f.fire('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(f.app.quit).toHaveBeenCalled());
    expect(core.close).toHaveBeenCalledOnce();
    expect(f.handlers.size).toBe(0);
    const again = { preventDefault: vi.fn() };
    f.fire('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
