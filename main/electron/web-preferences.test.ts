import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow, createWebPreferences } from './web-preferences.js';

describe('createWebPreferences', () => {
  it('locks every renderer down', () => {
    const p = createWebPreferences({ preloadPath: '/app/dist/preload/preload.cjs' });
    expect(p).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('enables devtools only when asked', () => {
    expect(createWebPreferences({ preloadPath: '/p', devTools: true }).devTools).toBe(true);
  });
});

describe('createMainWindow', () => {
  it('constructs the window through the injected constructor with the factory preferences', () => {
    const created: BrowserWindowConstructorOptions[] = [];
    let shown = 0;
    class FakeWindow {
      readyListener: (() => void) | null = null;
      constructor(options: BrowserWindowConstructorOptions) {
        created.push(options);
      }
      once(_event: 'ready-to-show', listener: () => void): this {
        this.readyListener = listener;
        return this;
      }
      show(): void {
        shown++;
      }
    }
    const win = createMainWindow({ BrowserWindow: FakeWindow, preloadPath: '/p.cjs' });
    expect(created).toHaveLength(1);
    expect(created[0]?.show).toBe(false);
    expect(created[0]?.webPreferences).toEqual(createWebPreferences({ preloadPath: '/p.cjs' }));
    expect(shown).toBe(0);
    win.readyListener?.();
    expect(shown).toBe(1);
  });
});
