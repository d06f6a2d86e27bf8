import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppPath } from './app-protocol.js';

const root = path.resolve('/srv/pult/dist/renderer');

describe('resolveAppPath', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppPath(root, 'app://pult/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://pult/assets/a%20b.js?v=1#x')).toBe(path.join(root, 'assets', 'a b.js'));
  });

  it.each([
    'app://pult/../../etc/passwd',
    'app://pult/%2e%2e/%2e%2e/etc/passwd',
    'app://pult/assets/%2E%2E%2F%2E%2E%2Fsecret',
    'app://pult/..%2f..%2fsecret',
    'app://pult/..%5c..%5csecret',
    'app://pult/assets\\..\\..\\secret',
    'app://pult/C:%2FWindows%2Fwin.ini',
    'app://pult/index.html%00.png',
    'app://pult/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map<string, string>([
    [path.join(root, 'index.html'), '<!doctype html>'],
    [path.join(root, 'assets', 'app.js'), 'console.log(1)'],
  ]);
  const handler = createAppProtocolHandler({
    rootDir: root,
    getCsp: () => "default-src 'none'",
    readFile: async (p) => {
      const body = files.get(p);
      if (body === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return new TextEncoder().encode(body);
    },
  });

  it('serves files with type and CSP', async () => {
    const res = await handler(new Request('app://pult/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await res.text()).toBe('console.log(1)');
  });

  it('refuses a raw ../ traversal with 403', async () => {
    // Chromium normally collapses dot segments before the handler runs; if one arrives raw, refuse it.
    for (const url of ['app://pult/../../etc/passwd', 'app://pult/%2e%2e/%2e%2e/etc/passwd', 'app://pult/a/..%5c..%5csecret']) {
      const res = await handler({ method: 'GET', url } as Request);
      expect(res.status).toBe(403);
    }
  });

  it('never reads outside the renderer folder, even after URL normalization', async () => {
    const read: string[] = [];
    const spyHandler = createAppProtocolHandler({
      rootDir: root,
      getCsp: () => '',
      readFile: async (p) => {
        read.push(p);
        throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      },
    });
    for (const url of ['app://pult/%2e%2e/%2e%2e/etc/passwd.txt', 'app://pult/../../../etc/shadow.txt']) {
      expect((await spyHandler(new Request(url))).status).toBe(404);
    }
    expect(read.length).toBeGreaterThan(0);
    for (const p of read) expect(p.startsWith(root + path.sep)).toBe(true);
  });

  it('falls back to index.html for client routes, 404 for missing assets', async () => {
    expect(await (await handler(new Request('app://pult/orders/42'))).text()).toBe('<!doctype html>');
    expect((await handler(new Request('app://pult/assets/missing.js'))).status).toBe(404);
  });

  it('rejects writes', async () => {
    expect((await handler(new Request('app://pult/x', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
