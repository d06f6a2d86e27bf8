import { describe, expect, it, vi } from 'vitest';
import {
  attachPowerHooks, bringToFront, createDialLinkRouter, dialFromClipboard, handlesLinks, microphoneAccess, openAtLogin,
  readDialText, registerDialHotkey, setHandlesLinks, setOpenAtLogin, DIAL_HOTKEY, type RaisableWindow,
} from './os-hooks.js';

const logger = { info: vi.fn(), warn: vi.fn() };
const PHONE = { kind: 'phone', phone: '+79123456789' } as const;

describe('dial link hand-off', () => {
  it('second instance with a tel: link (Windows argv): shows the window and emits one dial request', () => {
    const showWindow = vi.fn();
    const requestDial = vi.fn();
    const r = createDialLinkRouter({ showWindow, requestDial, logger });
    r.ready();
    r.fromArgv(['C:\\Users\\op\\AppData\\Local\\Programs\\Pult\\Pult.exe', '--', 'tel:+7 (912) 345-67-89']);
    expect(showWindow).toHaveBeenCalledOnce();
    expect(requestDial).toHaveBeenCalledWith({ target: PHONE, source: 'link' });
  });

  it('second instance without a link only shows the window; a hostile link is dropped', () => {
    const showWindow = vi.fn();
    const requestDial = vi.fn();
    const r = createDialLinkRouter({ showWindow, requestDial, logger });
    r.ready();
    r.fromArgv(['pult']);
    r.fromArgv(['pult', 'tel:javascript:alert(1)']);
    expect(showWindow).toHaveBeenCalledTimes(2);
    expect(requestDial).not.toHaveBeenCalled();
  });

  it('macOS open-url before ready is held (newest wins) and replayed once ready', () => {
    const showWindow = vi.fn();
    const requestDial = vi.fn();
    const r = createDialLinkRouter({ showWindow, requestDial, logger });
    r.fromUrl('tel:+70000000000');
    r.fromUrl('callto://89123456789');
    expect(requestDial).not.toHaveBeenCalled();
    r.ready();
    expect(requestDial).toHaveBeenCalledExactlyOnceWith({ target: PHONE, source: 'link' });
    r.fromUrl('sip:ivan@pbx');
    expect(requestDial).toHaveBeenLastCalledWith({ target: { kind: 'sip', uri: 'sip:ivan@pbx' }, source: 'link' });
    expect(showWindow).toHaveBeenCalledOnce();
  });

  it('first start from a link (process.argv before ready) dials once ready', () => {
    const requestDial = vi.fn();
    const r = createDialLinkRouter({ showWindow: vi.fn(), requestDial, logger });
    r.fromArgv(['Pult.exe', 'tel:89123456789']);
    r.ready();
    expect(requestDial).toHaveBeenCalledExactlyOnceWith({ target: PHONE, source: 'link' });
  });

  it('link handler registration covers all three schemes', () => {
    const set = new Set<string>();
    const app = {
      setAsDefaultProtocolClient: (p: string) => (set.add(p), true),
      removeAsDefaultProtocolClient: (p: string) => set.delete(p),
      isDefaultProtocolClient: (p: string) => set.has(p),
    };
    expect(handlesLinks(app)).toBe(false);
    expect(setHandlesLinks(app, true)).toBe(true);
    expect([...set].sort()).toEqual(['callto', 'sip', 'tel']);
    expect(handlesLinks(app)).toBe(true);
    setHandlesLinks(app, false);
    expect(set.size).toBe(0);
  });
});

describe('global dial hotkey', () => {
  const clip = (selection: string, clipboard: string) => ({ readText: async () => clipboard, selection: { readText: async () => selection } });
  const text = (t: string) => ({ readText: async () => t });
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('Linux reads the primary selection first, others the clipboard', async () => {
    expect(await readDialText(clip('8 912 345 67 89', 'other'), 'linux')).toBe('8 912 345 67 89');
    expect(await readDialText(clip('  ', 'other'), 'linux')).toBe('other');
    expect(await readDialText(clip('sel', 'clip'), 'win32')).toBe('clip');
  });

  it('registers the accelerator; pressing it dials the marked number or says there is none', async () => {
    let pressed: () => void = () => {};
    const globalShortcut = { register: vi.fn((_a: string, cb: () => void) => ((pressed = cb), true)), unregister: vi.fn() };
    const requestDial = vi.fn();
    const onNothingToDial = vi.fn();
    let marked = '+7 (912) 345-67-89';
    const off = registerDialHotkey({ globalShortcut, clipboard: { readText: async () => marked }, platform: 'darwin', requestDial, onNothingToDial, logger });
    expect(globalShortcut.register).toHaveBeenCalledWith(DIAL_HOTKEY, expect.any(Function));
    pressed();
    await flush();
    expect(requestDial).toHaveBeenCalledWith({ target: PHONE, source: 'hotkey' });
    marked = 'Dear customer,\nplease call';
    pressed();
    await flush();
    expect(onNothingToDial).toHaveBeenCalledOnce();
    off!();
    expect(globalShortcut.unregister).toHaveBeenCalledWith(DIAL_HOTKEY);
  });

  it('returns null when another program holds the accelerator; huge or unreadable clipboards dial nothing', async () => {
    const globalShortcut = { register: () => false, unregister: vi.fn() };
    expect(registerDialHotkey({ globalShortcut, clipboard: text(''), platform: 'win32', requestDial: vi.fn(), onNothingToDial: vi.fn(), logger })).toBeNull();
    const requestDial = vi.fn();
    expect(await dialFromClipboard({ clipboard: text('9'.repeat(1e6)), platform: 'win32', requestDial, onNothingToDial: vi.fn(), logger })).toBe(false);
    expect(await dialFromClipboard({ clipboard: { readText: () => Promise.reject(new Error('busy')) }, platform: 'linux', requestDial, onNothingToDial: vi.fn(), logger })).toBe(false);
    expect(requestDial).not.toHaveBeenCalled();
  });
});

describe('sleep / wake / unlock', () => {
  it('resume and unlock-screen in one burst → one resync request', () => {
    const l = new Map<string, () => void>();
    let t = 0;
    const onResumed = vi.fn();
    attachPowerHooks({ on: (e, f) => l.set(e, f), getSystemIdleTime: () => 0 }, onResumed, { now: () => t });
    l.get('resume')!();
    t = 1000;
    l.get('unlock-screen')!();
    expect(onResumed.mock.calls).toEqual([['resume']]);
    t = 60_000;
    l.get('unlock-screen')!();
    expect(onResumed.mock.calls).toEqual([['resume'], ['unlock-screen']]);
  });
});

describe('start at login', () => {
  it('Windows passes the autostart flag, macOS plain, Linux has no option', () => {
    const app = { getLoginItemSettings: () => ({ openAtLogin: true }), setLoginItemSettings: vi.fn() };
    setOpenAtLogin(app, 'win32', true);
    setOpenAtLogin(app, 'darwin', false);
    setOpenAtLogin(app, 'linux', true);
    expect(app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true, args: ['--autostart'] }], [{ openAtLogin: false }]]);
    expect(openAtLogin(app, 'darwin')).toBe(true);
    expect(openAtLogin(app, 'linux')).toBeNull();
  });
});

describe('microphone access', () => {
  it('macOS asks when undetermined; Windows reports; Linux unknown', async () => {
    const ask = vi.fn(async () => true);
    expect(await microphoneAccess({ getMediaAccessStatus: () => 'not-determined', askForMediaAccess: ask }, 'darwin')).toBe('granted');
    expect(ask).toHaveBeenCalledWith('microphone');
    expect(await microphoneAccess({ getMediaAccessStatus: () => 'denied', askForMediaAccess: ask }, 'darwin')).toBe('denied');
    expect(await microphoneAccess({ getMediaAccessStatus: () => 'granted', askForMediaAccess: ask }, 'win32')).toBe('granted');
    expect(await microphoneAccess({ getMediaAccessStatus: () => 'granted', askForMediaAccess: ask }, 'linux')).toBe('unknown');
    expect(ask).toHaveBeenCalledOnce();
  });
});

describe('bringToFront (incoming call)', () => {
  const win = () => ({
    isMinimized: vi.fn(() => true), restore: vi.fn(), isVisible: vi.fn(() => false), show: vi.fn(), focus: vi.fn(),
    setAlwaysOnTop: vi.fn((_f: boolean) => {}), flashFrame: vi.fn((_f: boolean) => {}),
  }) satisfies RaisableWindow;
  it('restores, shows and focuses; Windows lifts it on top briefly and flashes', () => {
    const w = win();
    const app = { focus: vi.fn() };
    bringToFront(w, 'win32', app);
    expect(w.restore).toHaveBeenCalled();
    expect(w.show).toHaveBeenCalled();
    expect(w.setAlwaysOnTop.mock.calls).toEqual([[true], [false]]);
    expect(w.flashFrame).toHaveBeenCalledWith(true);
    const m = win();
    bringToFront(m, 'darwin', app);
    expect(app.focus).toHaveBeenCalledWith({ steal: true });
    expect(m.focus).toHaveBeenCalled();
  });
});
