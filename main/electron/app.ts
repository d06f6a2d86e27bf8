// App lifecycle over injected Electron pieces (entry.ts passes the real ones; tests pass fakes).
import type { BrowserWindowConstructorOptions } from 'electron';
import path from 'node:path';
import type { ApiHost } from '../services/api-host.js';
import type { Log } from '../services/log.js';
import { createAppProtocolHandler, APP_SCHEME_PRIVILEGES } from './app-protocol.js';
import { buildCsp } from './csp.js';
import { createIpcHost, type IpcMainLike, type TrustedWebContents, WindowRegistry } from './ipc-host.js';
import { APP_ENTRY_URL, APP_SCHEME, attachNavigationGuards, type GuardableWebContents, type PreventableEvent } from './navigation-guard.js';
import { installPermissionHandlers, type PermissionSession } from './permissions.js';
import { createMainWindow, type MainWindowLike } from './web-preferences.js';

export interface AppWindow extends MainWindowLike {
  readonly webContents: TrustedWebContents;
  loadURL(url: string): Promise<void>;
  on(event: 'closed', listener: () => void): unknown;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

export interface ElectronApp {
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  quit(): void;
  getAppPath(): string;
  getPath(name: 'userData'): string;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, webContents: GuardableWebContents) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
}

export interface ElectronPieces<W extends AppWindow> {
  app: ElectronApp;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  ipcMain: IpcMainLike;
  protocol: {
    registerSchemesAsPrivileged(schemes: Array<typeof APP_SCHEME_PRIVILEGES>): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  session: { readonly defaultSession: PermissionSession };
  shell: { openExternal(url: string): Promise<void> };
}

export type AppCore = ApiHost & { close?(): void | Promise<void> };

export type AppLogger = Log;

/** Logger for the packaged app until the integrator wires pino to a file under userData/logs. */
export const consoleLog: Log = {
  info: (obj, msg) => console.info(msg ?? '', obj),
  warn: (obj, msg) => console.warn(msg ?? '', obj),
  error: (obj, msg) => console.error(msg ?? '', obj),
};

export interface RunAppOptions {
  /** Builds the main-side services (main/services/app-core.ts) once Electron is ready. */
  createCore(opts: { dataDir: string }): AppCore | Promise<AppCore>;
  defaultServerUrl: string | null;
  readFile(filePath: string): Promise<Uint8Array>;
  platform: string;
  isDev: boolean;
  logger: AppLogger;
}

export interface RunningApp {
  /** Resolves after the first window is created; false when another instance owns the lock. */
  ready: Promise<boolean>;
}

export function runApp<W extends AppWindow>(electron: ElectronPieces<W>, opts: RunAppOptions): RunningApp {
  const { app, protocol } = electron;
  const { logger } = opts;
  // Both must happen before 'ready'. enableSandbox covers any renderer, even one we forgot.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(false) };
  }

  const appRoot = app.getAppPath();
  const rendererDir = path.join(appRoot, 'dist', 'renderer');
  const preloadPath = path.join(appRoot, 'dist', 'preload', 'preload.cjs');
  const windows = new WindowRegistry();
  let mainWindow: W | null = null;
  let core: AppCore | null = null;
  let disposeIpc: (() => void) | null = null;

  // Guards go on every webContents at birth, not just ours: defense if anything slips through.
  app.on('web-contents-created', (_event, wc) =>
    attachNavigationGuards(wc, {
      openExternal: (url) => electron.shell.openExternal(url),
      onBlocked: (kind, url) => logger.warn({ kind, url }, 'navigation blocked'),
    }),
  );

  const openWindow = (): W => {
    const win = createMainWindow({ BrowserWindow: electron.BrowserWindow, preloadPath, devTools: opts.isDev });
    const id = win.webContents.id; // captured: webContents is destroyed by the time 'closed' fires
    windows.add(win.webContents);
    win.on('closed', () => {
      windows.remove(id);
      if (mainWindow === win) mainWindow = null;
    });
    win.loadURL(APP_ENTRY_URL).catch((e: unknown) => logger.error({ err: String(e) }, 'failed to load app page'));
    mainWindow = win;
    return win;
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const ready = app.whenReady().then(async () => {
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rootDir: rendererDir,
        readFile: opts.readFile,
        getCsp: () => buildCsp({ crmServerUrl: opts.defaultServerUrl }),
      }),
    );
    installPermissionHandlers(electron.session.defaultSession);
    core = await opts.createCore({ dataDir: app.getPath('userData') });
    disposeIpc = createIpcHost({ ipcMain: electron.ipcMain, apiHost: core, windows, logger });
    openWindow();
    return true;
  });
  ready.catch((e: unknown) => {
    logger.error({ err: String(e) }, 'startup failed');
    app.quit();
  });

  app.on('activate', () => {
    if (!mainWindow && core) openWindow(); // macOS dock click
  });
  app.on('window-all-closed', () => {
    if (opts.platform !== 'darwin') app.quit();
  });

  // Clean quit: hold the quit until the IPC host is gone and the core has closed its database.
  let phase: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing') return;
    phase = 'closing';
    (async () => {
      disposeIpc?.();
      await core?.close?.();
    })()
      .catch((e: unknown) => logger.error({ err: String(e) }, 'shutdown failed'))
      .finally(() => {
        phase = 'closed';
        app.quit();
      });
  });

  return { ready: ready.catch(() => false) };
}
