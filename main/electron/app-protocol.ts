// Serves dist/renderer under app://pult/ (registered with protocol.handle('app', ...)).
// Only files inside rootDir are reachable: encoded or plain `..`, backslashes, NUL and drive
// letters are refused before the file system is touched, and the resolved path is re-checked.
import path from 'node:path';
import { APP_SCHEME, isAllowedNavigation } from './navigation-guard.js';
import { securityHeaders } from './csp.js';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // standard: real origin + relative URLs; secure: treated like https (getUserMedia for the
  // softphone needs a secure context); supportFetchAPI: the page may fetch its own assets.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

const DOT_SEGMENT = /(?:\/|\\|%2f|%5c)(?:\.|%2e){1,2}(?:$|\/|\\|%2f|%5c|\?|#)/i;

/** Maps an app:// URL to an absolute file path inside rootDir, or null when it must not be served. */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  if (!isAllowedNavigation(requestUrl)) return null;
  // The URL parser would quietly collapse `..`/`%2e%2e` segments; a request carrying them is
  // hostile or broken either way, so refuse it instead of serving whatever it collapses to.
  if (DOT_SEGMENT.test(requestUrl)) return null;
  const { pathname } = new URL(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed %-escape
  }
  if (/[\\\0:]/.test(decoded)) return null; // Windows separators, NUL, drive letters / ADS
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

export interface AppProtocolDeps {
  rootDir: string;
  readFile(filePath: string): Promise<Uint8Array>;
  /** Read per response: the CSP may change when the CRM server URL is configured. */
  getCsp(): string;
}

function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const text = (status: number, body: string): Response =>
    new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders(deps.getCsp()) } });

  const serve = async (filePath: string): Promise<Response> => {
    const body = await deps.readFile(filePath);
    const type = MIME[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { 'Content-Type': type, ...securityHeaders(deps.getCsp()) },
    });
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method Not Allowed');
    const filePath = resolveAppPath(deps.rootDir, request.url);
    if (!filePath) return text(403, 'Forbidden');
    try {
      return await serve(filePath);
    } catch (e) {
      if (!isNotFound(e)) return text(500, 'Internal Error');
      // Client-side routes (no extension) fall back to the SPA shell; missing assets are 404.
      if (path.extname(filePath) === '') {
        try {
          return await serve(path.join(path.resolve(deps.rootDir), 'index.html'));
        } catch {
          return text(404, 'Not Found');
        }
      }
      return text(404, 'Not Found');
    }
  };
}
