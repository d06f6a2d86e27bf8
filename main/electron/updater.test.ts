import { describe, expect, it, vi } from 'vitest';
import { createUpdateGate, type UpdaterLike } from './updater.js';

function fakeUpdater() {
  const listeners = new Map<string, (arg: never) => void>();
  const updater: UpdaterLike & { downloaded(v: string): void } = {
    autoDownload: false,
    autoInstallOnAppQuit: true, // electron-updater's default: must be switched off
    allowDowngrade: true,
    on(event: string, l: (arg: never) => void) { listeners.set(event, l); return updater; },
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
    downloaded: (version) => (listeners.get('update-downloaded') as (i: { version: string }) => void)({ version }),
  };
  return updater;
}

function setup() {
  const updater = fakeUpdater();
  let call = false;
  let idle = 0;
  const onReady = vi.fn();
  const gate = createUpdateGate({
    updater,
    isCallActive: () => call,
    idleSeconds: () => idle,
    onReady,
    logger: { info: vi.fn(), warn: vi.fn() },
  });
  return { updater, gate, onReady, setCall: (v: boolean) => (call = v), setIdle: (s: number) => (idle = s) };
}

describe('update gate', () => {
  it('downloads in the background and never installs on quit', () => {
    const { updater } = setup();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
  });

  it('nothing to install before a download', () => {
    const { gate, updater } = setup();
    expect(gate.tick()).toBe('not_ready');
    expect(gate.installNow()).toBe('not_ready');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('holds a downloaded update during a call, even when asked from the tray', () => {
    const { gate, updater, setCall, setIdle, onReady } = setup();
    updater.downloaded('1.2.0');
    expect(onReady).toHaveBeenCalledWith('1.2.0');
    setCall(true);
    setIdle(3600);
    expect(gate.tick()).toBe('call_active');
    expect(gate.installNow()).toBe('call_active');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('automatic install waits until the operator is away; the tray skips the wait', () => {
    const a = setup();
    a.updater.downloaded('1.2.0');
    a.setIdle(30);
    expect(a.gate.tick()).toBe('user_active');
    a.setIdle(601);
    expect(a.gate.tick()).toBe('installing');
    expect(a.updater.quitAndInstall).toHaveBeenCalledOnce();
    expect(a.updater.quitAndInstall).toHaveBeenCalledWith(true, true);
    expect(a.gate.tick()).toBe('shutting_down'); // once

    const b = setup();
    b.updater.downloaded('1.2.0');
    expect(b.gate.installNow()).toBe('installing');
  });

  it('never installs once the app is shutting down', async () => {
    const { gate, updater, setIdle } = setup();
    updater.downloaded('1.2.0');
    setIdle(9999);
    gate.shutdown();
    expect(gate.tick()).toBe('shutting_down');
    expect(gate.installNow()).toBe('shutting_down');
    await gate.check();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });
});
