// Browser mode: the built renderer over HTTP on 127.0.0.1 and the contract over a WebSocket at
// /bridge. One web host = one app instance; every tab shares its session and cache.
// Protection: a per-run random token (in the page URL, required on the bridge), an Origin check
// (another site in the same browser can't drive the bridge) and a Host check (DNS rebinding).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ApiHost } from '../services/api-host.js';
import type { Log } from '../services/log.js';
import { attachBridge } from './bridge.js';
import { contentTypeOf, resolveStatic } from './static-files.js';

export const CSP =
  "default-src 'self'; connect-src 'self' ws://127.0.0.1:* ; img-src 'self' data:; style-src 'self' 'unsafe-inline'; media-src 'self' blob:";

export interface WebHostOptions {
  appCore: ApiHost;
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: '127.0.0.1';
  /** Fixed token for tests; otherwise random per run. */
  token?: string;
  logger?: Log;
}

export interface WebHost {
  /** The page to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const silent: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const logger = opts.logger ?? silent;
  const bindHost = opts.host ?? '127.0.0.1';
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  let port = opts.port;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  const baseHeaders = {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The page URL carries the token: never leak it in a Referer.
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };

  const server = http.createServer((req, res) => {
    const plain = (status: number, text: string) => {
      res.writeHead(status, { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (!allowedHosts().includes(req.headers.host ?? '')) return plain(421, 'Wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Method not allowed');
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === '/bridge') return plain(426, 'WebSocket only');
    const file = resolveStatic(opts.staticDir, pathname);
    if (!file) return plain(404, 'Not found');
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      ...baseHeaders,
      'content-type': contentTypeOf(file),
      // index.html must be re-read after an update; hashed assets may be cached.
      'cache-control': isHtml ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const refuse = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const origin = req.headers.origin;
    if (url.pathname !== '/bridge') return refuse(socket, '404 Not Found');
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(socket, '421 Misdirected Request');
    // Browsers always send Origin on WebSocket; non-browser clients holding the token may omit it.
    if (origin !== undefined && !allowedOrigins().includes(origin)) {
      logger.warn({ origin }, 'bridge refused: foreign origin');
      return refuse(socket, '403 Forbidden');
    }
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
      logger.warn({}, 'bridge refused: bad token');
      return refuse(socket, '403 Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachBridge(ws, opts.appCore, logger));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.close(1001, 'shutting down');
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
        // Sockets that ignore the close frame must not hold up shutdown.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1_000).unref();
      }),
  };
}
