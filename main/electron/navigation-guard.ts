// The app's own origin and the rules that keep every webContents on it.
//
// Decision: the renderer is served from the privileged custom scheme `app://pult/` (see
// app-protocol.ts), never from `file:` (file pages get extra privileges and every local file
// shares one origin) and never from a localhost HTTP server (any local process could serve it).
// A standard+secure custom scheme gives the page a real origin ('self' in CSP works, fetch works).
export const APP_SCHEME = 'app';
export const APP_HOST = 'pult';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs on the app origin. Everything else (file:, data:, javascript:, http(s), look-alikes) is denied. */
export function isAllowedNavigation(url: string): boolean {
  // Raw prefix first: rejects `app://pult@evil/`, `app://pult.evil/`, `app://pult:1/`, case tricks.
  if (typeof url !== 'string' || !url.startsWith(`${APP_ORIGIN}/`)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Parsed check second, so the two parsers (ours, Chromium's) must both agree it is the app origin.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Links the user may open in the system browser: https only, no credentials in the URL. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** The slice of Electron's WebContents the guards need (real WebContents satisfies it; tests pass fakes). */
export interface GuardableWebContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardDeps {
  /** Electron's shell.openExternal; called only for https URLs. */
  openExternal(url: string): Promise<void>;
  onBlocked?(kind: string, url: string): void;
}

export function attachNavigationGuards(wc: GuardableWebContents, deps: NavigationGuardDeps): void {
  const block = (kind: string, event: PreventableEvent, url: string): void => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    deps.onBlocked?.(kind, url);
  };
  wc.on('will-navigate', (event, url) => block('will-navigate', event, url));
  wc.on('will-redirect', (event, url) => block('will-redirect', event, url));
  // Sub-frames too (CSP frame-src 'none' already forbids them; this is the second lock).
  wc.on('will-frame-navigate', (details) => block('will-frame-navigate', details, details.url));
  // <webview> is disabled in webPreferences; refuse an attach anyway.
  wc.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.onBlocked?.('will-attach-webview', '');
  });
  // No new Electron windows ever: https links go to the system browser, the rest is dropped.
  wc.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      deps.openExternal(url).catch(() => deps.onBlocked?.('open-external-failed', url));
    } else {
      deps.onBlocked?.('window-open', url);
    }
    return { action: 'deny' };
  });
}
