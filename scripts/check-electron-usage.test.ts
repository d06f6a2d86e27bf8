import { describe, expect, it } from 'vitest';
import { checkSource, checkTree } from './check-electron-usage.js';

const lines = (file: string, text: string) => checkSource(file, text).map((v) => `${v.file}:${v.line}`);

describe('check-electron-usage', () => {
  it('flags new BrowserWindow outside the factory, with file:line', () => {
    const src = "import type { BrowserWindow } from 'electron';\nconst w = new BrowserWindow({});\nconst x = new deps.BrowserWindow({});\n";
    expect(lines('main/electron/app.ts', src)).toEqual(['main/electron/app.ts:2', 'main/electron/app.ts:3']);
    expect(checkSource('main/electron/web-preferences.ts', 'const w = new deps.BrowserWindow({});')).toEqual([]);
  });

  it('flags ipcMain registrations outside the validated wrapper', () => {
    expect(lines('main/electron/app.ts', "ipcMain.handle('x', async () => 1);\nipcMain.on('y', () => {});")).toEqual([
      'main/electron/app.ts:1',
      'main/electron/app.ts:2',
    ]);
    expect(lines('main/electron/ipc-host.ts', "ipcMain.handle('x', async () => 1);")).toEqual(['main/electron/ipc-host.ts:1']);
    expect(lines('main/electron/ipc-host.ts', "ipcMain.on('x', wrapHandler(w, h));")).toEqual(['main/electron/ipc-host.ts:1']);
    expect(checkSource('main/electron/ipc-host.ts', 'ipcMain.handle(channel, wrapHandler(windows, handler));')).toEqual([]);
  });

  it('allows type-only electron imports anywhere, runtime ones only in the entries', () => {
    const typeOnly = [
      "import type { WebPreferences } from 'electron';",
      "import { type App, type Session } from 'electron';",
      "export type { IpcMain } from 'electron';",
      "type W = import('electron').BrowserWindow;",
    ].join('\n');
    expect(checkSource('main/electron/x.ts', typeOnly)).toEqual([]);

    const runtime = [
      "import { app } from 'electron';",
      "import electron from 'electron';",
      "import * as e from 'electron/main';",
      "import 'electron';",
      "import { type App, shell } from 'electron';",
      "const r = require('electron');",
      "const d = await import('electron');",
      "export { ipcMain } from 'electron';",
      "import x = require('electron');",
    ].join('\n');
    expect(lines('main/services/x.ts', runtime)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `main/services/x.ts:${n}`));
    expect(checkSource('main/electron/entry.ts', "import { app } from 'electron';")).toEqual([]);
    expect(checkSource('preload/preload.ts', "import { contextBridge } from 'electron';")).toEqual([]);
    expect(lines('preload/api.ts', "import { ipcRenderer } from 'electron';")).toEqual(['preload/api.ts:1']);
  });

  it('ignores comments and strings', () => {
    const src = "// new BrowserWindow(\n/* ipcMain.handle('x', f) */\nconst s = \"import { app } from 'electron'\";\n";
    expect(checkSource('main/services/x.ts', src)).toEqual([]);
  });

  it('passes on the repository as it stands', () => {
    expect(checkTree(process.cwd())).toEqual([]);
  });
});
