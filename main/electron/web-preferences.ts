// The ONE place that builds webPreferences and the ONE place that constructs a BrowserWindow
// (scripts/check-electron-usage.ts fails the build on `new BrowserWindow(` anywhere else),
// so no window can be created with weaker settings by accident.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WebPreferencesOptions {
  /** Absolute path of the bundled preload (dist/preload/preload.cjs). */
  preloadPath: string;
  /** DevTools only in development builds. */
  devTools?: boolean;
}

export function createWebPreferences(opts: WebPreferencesOptions): WebPreferences {
  return {
    preload: opts.preloadPath,
    contextIsolation: true, // preload and page live in separate JS worlds
    sandbox: true, // renderer is an OS-sandboxed Chromium process; preload gets no Node
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // same-origin policy stays on
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false, // a dropped file must not replace the app page
    safeDialogs: true,
    spellcheck: false, // Linux spellchecker downloads dictionaries from a Google CDN
    devTools: opts.devTools === true,
  };
}

/** The parts of a BrowserWindow the app uses after construction. */
export interface MainWindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

export interface MainWindowDeps<W extends MainWindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  preloadPath: string;
  devTools?: boolean;
}

export function createMainWindow<W extends MainWindowLike>(deps: MainWindowDeps<W>): W {
  const options: BrowserWindowConstructorOptions = {
    title: 'Pult',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on ready-to-show: no white flash
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: createWebPreferences({ preloadPath: deps.preloadPath, devTools: deps.devTools === true }),
  };
  const win = new deps.BrowserWindow(options);
  win.once('ready-to-show', () => win.show());
  return win;
}
