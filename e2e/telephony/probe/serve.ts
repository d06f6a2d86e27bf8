// Bundles probe/page.ts with esbuild (IIFE) into a temp dir and serves it from
// http://127.0.0.1:PORT — a secure context, so getUserMedia/WebRTC work in Chromium.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface ProbeServer {
  url: string;
  stop(): Promise<void>;
}

export async function serveProbe(): Promise<ProbeServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pult-probe-'));
  await build({
    entryPoints: [path.join(HERE, 'page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outfile: path.join(dir, 'probe.js'),
    logLevel: 'error',
  });
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>pult sip probe</title><script src="/probe.js"></script><body>probe</body>',
  );
  const files: Record<string, [string, Buffer]> = {
    '/': ['text/html; charset=utf-8', readFileSync(path.join(dir, 'index.html'))],
    '/probe.js': ['text/javascript; charset=utf-8', readFileSync(path.join(dir, 'probe.js'))],
  };
  const server = createServer((req, res) => {
    const f = files[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!f) {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' }).end(f[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
