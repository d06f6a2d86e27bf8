// Electron main entry: the only file in main/ with a runtime import of 'electron'.
// Bundled by esbuild to dist/main/electron.cjs (package.json "main").
import {
  app, BrowserWindow, clipboard, globalShortcut, ipcMain, Menu, nativeImage, Notification, powerMonitor, protocol, safeStorage,
  session, shell, systemPreferences, Tray,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createAppCore } from '../services/app-core.js';
import { fileSecretStore } from '../services/secret-store.js';
import { consoleLog, runApp } from './app.js';
import { safeSecretStore } from './safe-secret-store.js';

const serverUrl = process.env.PULT_SERVER_URL ?? '';
runApp({
  app, BrowserWindow, ipcMain, protocol, session, shell,
  desktop: {
    app,
    tray: { Tray, Menu, nativeImage },
    Notification,
    globalShortcut,
    clipboard,
    powerMonitor,
    systemPreferences,
    updater: autoUpdater,
  },
}, {
  createCore: ({ dataDir }) =>
    createAppCore({
      dataDir,
      mode: 'electron',
      defaultServerUrl: serverUrl,
      logger: consoleLog,
      version: app.getVersion(), // import.meta.url is empty in the CJS bundle
      // scripts/build.ts copies db/migrations here; the bundle cannot find them beside db/migrate.ts.
      migrationsDir: path.join(app.getAppPath(), 'dist', 'main', 'migrations'),
      secretStore: safeSecretStore(safeStorage, fileSecretStore(path.join(dataDir, 'session.enc')), fileSecretStore(path.join(dataDir, 'session.json'))),
      // The SIP password too: encrypted by the OS keychain, never in renderer storage.
      phoneSecretStore: safeSecretStore(safeStorage, fileSecretStore(path.join(dataDir, 'sip-password.enc')), fileSecretStore(path.join(dataDir, 'sip-password'))),
    }),
  defaultServerUrl: serverUrl || null,
  readFile,
  platform: process.platform,
  isDev: !app.isPackaged,
  logger: consoleLog,
  argv: process.argv,
});
