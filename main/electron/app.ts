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
import type { DialRequest } from '../../core/desktop.js';
import type { DesktopHub } from '../services/desktop.js';
import { createNotifier, type NotificationCtor } from './notifications.js';
import {
  attachPowerHooks, bringToFront, createDialLinkRouter, dialFromClipboard, handlesLinks, hotkeyLabel, microphoneAccess, openAtLogin,
  registerDialHotkey, setHandlesLinks, setOpenAtLogin, type ClipboardLike, type GlobalShortcutLike, type LoginItemApp,
  type PowerMonitorLike, type ProtocolClientApp, type SystemPreferencesLike,
} from './os-hooks.js';
import { createSmokeTest, isSmokeTest, type SmokeTest } from './smoke-test.js';
import { createTray, type TrayCommand, type TrayController, type TrayInput, type TrayPieces } from './tray.js';
import { createUpdateGate, type UpdateGate, type UpdaterLike } from './updater.js';

/** What the smoke test needs from a window's webContents (the real one has it all). */
export interface SmokeWebContents {
  once(event: 'did-finish-load', listener: () => void): unknown;
  once(event: 'did-fail-load', listener: (event: unknown, code: number, description: string) => void): unknown;
  executeJavaScript(code: string): Promise<unknown>;
}

export interface AppWindow extends MainWindowLike {
  readonly webContents: TrustedWebContents & Partial<SmokeWebContents>;
  isVisible?(): boolean;
  setAlwaysOnTop?(flag: boolean): void;
  flashFrame?(flag: boolean): void;
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
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
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
  /** Tray, notifications, hotkey, power, updater: absent in tests that do not need them. */
  desktop?: DesktopPieces;
}

export interface DesktopPieces {
  app: ProtocolClientApp & LoginItemApp & { focus(opts?: { steal: boolean }): void; exit(code?: number): void };
  tray: TrayPieces;
  Notification: NotificationCtor;
  globalShortcut: GlobalShortcutLike;
  clipboard: ClipboardLike;
  powerMonitor: PowerMonitorLike;
  systemPreferences: SystemPreferencesLike;
  /** electron-updater's autoUpdater; null disables updates. */
  updater: UpdaterLike | null;
}

export type AppCore = ApiHost & { close?(): void | Promise<void>; desktop?: DesktopHub };

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
  /** process.argv: a dial link (first start from a link on Windows/Linux), --smoke-test. */
  argv?: readonly string[];
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

  const showWindow = (): void => {
    if (!mainWindow) {
      if (core) openWindow(); // macOS: the window was closed, the app lives on in the dock
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  // Dial links: a second instance hands its argv over (Windows/Linux); macOS sends open-url,
  // possibly before 'ready' (the link that launched the app): the router holds it until then.
  const links = createDialLinkRouter({
    showWindow,
    requestDial: (request) => core?.desktop?.requestDial(request),
    logger,
  });
  app.on('second-instance', (_event, argv) => links.fromArgv(Array.isArray(argv) ? argv : []));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.fromUrl(url);
  });
  const smoke: SmokeTest | null =
    isSmokeTest(opts.argv ?? []) && electron.desktop
      ? createSmokeTest({ exit: (code) => electron.desktop?.app.exit(code), logger })
      : null;
  let desktopDispose: (() => void) | null = null;
  let updates: UpdateGate | null = null;

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
    const win = openWindow();
    if (smoke) watchSmoke(win, smoke);
    if (electron.desktop && core.desktop) desktopDispose = startDesktop(electron.desktop, core.desktop);
    links.ready();
    links.fromArgv(opts.argv ?? []); // started by a link on Windows/Linux
    return true;
  });
  ready.catch((e: unknown) => {
    logger.error({ err: String(e) }, 'startup failed');
    smoke?.fail('startup failed');
    app.quit();
  });

  function watchSmoke(win: W, test: SmokeTest): void {
    const wc = win.webContents;
    if (!wc.once || !wc.executeJavaScript) return test.fail('webContents without load events');
    const run = wc.executeJavaScript.bind(wc);
    test.windowCreated();
    wc.once('did-fail-load', (_e: unknown, code: number, description: string) => test.fail(`did-fail-load ${code} ${description}`));
    wc.once('did-finish-load', () => {
      test.pageLoaded();
      run("typeof window.pult === 'object' && typeof window.pult.call === 'function'").then(
        (ok) => test.bridgeChecked(ok === true),
        (e: unknown) => test.fail(`executeJavaScript: ${String(e)}`),
      );
    });
  }

  function startDesktop(d: DesktopPieces, hub: DesktopHub): () => void {
    const platform = opts.platform;
    const disposers: Array<() => void> = [];
    const notifier = createNotifier({
      Notification: d.Notification,
      platform,
      onAction: (notice, action) => {
        showWindow();
        if (action === 'call_back' && notice.phone) hub.requestDial({ target: { kind: 'phone', phone: notice.phone }, source: 'notification' });
        hub.noticeAction({ id: notice.id, action });
      },
    });
    disposers.push(hub.attachPlatform({ notify: (n) => notifier.show(n), microphoneAccess: () => microphoneAccess(d.systemPreferences, platform) }));

    const dialDeps = {
      clipboard: d.clipboard,
      platform,
      requestDial: (r: DialRequest) => {
        showWindow();
        hub.requestDial(r);
      },
      onNothingToDial: () => logger.info({}, 'dial hotkey: no phone number in the selection or clipboard'),
      logger,
    };
    const hotkeyOff = smoke ? null : registerDialHotkey({ ...dialDeps, globalShortcut: d.globalShortcut });
    if (hotkeyOff) disposers.push(hotkeyOff);

    const trayInput = (): TrayInput => ({
      phone: hub.phoneState(),
      openAtLogin: openAtLogin(d.app, platform),
      handlesLinks: opts.isDev ? null : handlesLinks(d.app),
      updateReady: updates?.readyVersion() ?? null,
      hotkey: hotkeyOff ? hotkeyLabel(platform) : null,
    });
    let tray: TrayController | null = null;
    const refreshTray = (): void => tray?.update(trayInput());
    const onCommand = (c: TrayCommand): void => {
      switch (c) {
        case 'show':
          return showWindow();
        case 'dial-clipboard':
          return void dialFromClipboard(dialDeps);
        case 'toggle-login':
          setOpenAtLogin(d.app, platform, !openAtLogin(d.app, platform));
          return refreshTray();
        case 'toggle-links':
          setHandlesLinks(d.app, !handlesLinks(d.app));
          return refreshTray();
        case 'install-update':
          updates?.installNow();
          return refreshTray();
        case 'quit':
          return app.quit();
      }
    };
    try {
      tray = createTray(d.tray, trayInput(), onCommand);
      disposers.push(() => tray?.destroy());
    } catch (e) {
      logger.warn({ err: String(e) }, 'no tray on this desktop'); // e.g. GNOME without AppIndicator
    }

    disposers.push(
      hub.onPhoneState((state, previous) => {
        refreshTray();
        if (state === 'ringing' && mainWindow) {
          const w = mainWindow;
          if (w.isVisible && w.setAlwaysOnTop && w.flashFrame) {
            bringToFront({ isMinimized: () => w.isMinimized(), restore: () => w.restore(), isVisible: w.isVisible.bind(w), show: () => w.show(), focus: () => w.focus(), setAlwaysOnTop: w.setAlwaysOnTop.bind(w), flashFrame: w.flashFrame.bind(w) }, platform, d.app);
          } else showWindow();
        }
        // A call just ended: a waiting update may go in if the operator is away.
        if ((previous === 'ringing' || previous === 'on_call') && !hub.isCallActive()) updates?.tick();
      }),
    );

    attachPowerHooks(d.powerMonitor, (reason) => hub.resumed(reason), { logger });

    if (d.updater && !smoke && !opts.isDev) {
      const gate = createUpdateGate({
        updater: d.updater,
        isCallActive: () => hub.isCallActive(),
        idleSeconds: () => d.powerMonitor.getSystemIdleTime(),
        onReady: () => refreshTray(),
        logger,
      });
      updates = gate;
      void gate.check();
      const checkTimer = setInterval(() => void gate.check(), 4 * 3600_000);
      const tickTimer = setInterval(() => gate.tick(), 60_000);
      checkTimer.unref?.();
      tickTimer.unref?.();
      disposers.push(() => {
        gate.shutdown();
        clearInterval(checkTimer);
        clearInterval(tickTimer);
      });
    }
    return () => {
      for (const dispose of disposers.reverse()) {
        try {
          dispose();
        } catch (e) {
          logger.warn({ err: String(e) }, 'desktop dispose failed');
        }
      }
    };
  }

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
    updates?.shutdown(); // never install at shutdown
    (async () => {
      desktopDispose?.();
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
