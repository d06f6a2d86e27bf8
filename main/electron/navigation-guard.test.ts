import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, attachNavigationGuards, isAllowedNavigation, isSafeExternalUrl } from './navigation-guard.js';

describe('isAllowedNavigation', () => {
  it.each([APP_ENTRY_URL, 'app://pult/', 'app://pult/orders/42?tab=calls#x', 'app://pult/assets/index-abc.js'])('allows %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://pult/uuid',
    'about:blank',
    'https://evil.example/',
    'http://localhost:5173/',
    'https://pult/',
    'app://pult.evil/',
    'app://pult@evil/',
    'app://user:pw@pult/',
    'app://pult:8080/',
    'app://evil/',
    'app://PULT/',
    'app:pult/',
    'app://pult',
    'APP://pult/',
    ' app://pult/',
    'app://pult\\@evil/',
    '',
    'not a url',
  ])('denies %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts plain https only', () => {
    expect(isSafeExternalUrl('https://example.com/help')).toBe(true);
    expect(isSafeExternalUrl('http://example.com/')).toBe(false);
    expect(isSafeExternalUrl('https://u:p@example.com/')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('smb://host/share')).toBe(false);
    expect(isSafeExternalUrl('garbage')).toBe(false);
  });
});

type Listener = (...args: never[]) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const wc = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return wc;
    },
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
      openHandler = h;
    },
  };
  const emit = (event: string, ...args: unknown[]) => (listeners.get(event) as ((...a: unknown[]) => void) | undefined)?.(...args);
  const open = (url: string) => openHandler?.({ url });
  return { wc, emit, open };
}

function preventable() {
  return { prevented: false, preventDefault() { this.prevented = true; } };
}

describe('attachNavigationGuards', () => {
  function setup() {
    const f = fakeWebContents();
    const openExternal = vi.fn(async (_url: string) => {});
    const onBlocked = vi.fn();
    attachNavigationGuards(f.wc, { openExternal, onBlocked });
    return { ...f, openExternal, onBlocked };
  }

  it.each(['will-navigate', 'will-redirect'])('%s: prevents foreign URLs, lets the app origin through', (event) => {
    const { emit, onBlocked } = setup();
    const bad = preventable();
    emit(event, bad, 'https://evil.example/');
    expect(bad.prevented).toBe(true);
    expect(onBlocked).toHaveBeenCalledWith(event, 'https://evil.example/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'app://pult@evil/']) {
      const e = preventable();
      emit(event, e, url);
      expect(e.prevented).toBe(true);
    }
    const good = preventable();
    emit(event, good, 'app://pult/orders');
    expect(good.prevented).toBe(false);
  });

  it('guards sub-frame navigation', () => {
    const { emit } = setup();
    const e = Object.assign(preventable(), { url: 'https://evil.example/' });
    emit('will-frame-navigate', e);
    expect(e.prevented).toBe(true);
  });

  it('refuses every webview attach', () => {
    const { emit } = setup();
    const e = preventable();
    emit('will-attach-webview', e, {}, {});
    expect(e.prevented).toBe(true);
  });

  it('denies every window.open; https goes to the system browser, nothing else does', () => {
    const { open, openExternal } = setup();
    expect(open('https://example.com/docs')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/docs');
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://pult/', 'ms-settings:']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});
