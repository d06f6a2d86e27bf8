import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PultError } from '../../core/errors.js';
import { OPERATOR } from '../../db/test-fixtures.js';
import { startFakeCrm, type FakeCrm } from './fake-crm-server.js';
import { createServerClient, parseServerUrl } from './server-client.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function fake(): Promise<FakeCrm> {
  const f = await startFakeCrm([{ user: OPERATOR, password: 'secret' }]);
  closers.push(() => f.close());
  return f;
}

/** A raw server answering every request with the given handler. */
async function raw(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); }));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(PultError);
    return (e as PultError).code;
  }
}

describe('server client', () => {
  it('accepts only http(s) URLs', () => {
    expect(parseServerUrl(' http://crm.local:4310 ').href).toBe('http://crm.local:4310/');
    for (const bad of ['', 'crm.local', 'ftp://crm.local', 'javascript:alert(1)', 'http://user:pw@crm.local']) {
      expect(() => parseServerUrl(bad), bad).toThrow(expect.objectContaining({ code: 'server.bad_url', fields: { serverUrl: 'server.bad_url' } }));
    }
  });

  it('logs in, then sends the bearer token', async () => {
    const f = await fake();
    const c = createServerClient(f.url);
    const res = await c.login('anna', 'secret');
    expect(res.user).toEqual(OPERATOR);
    c.setToken(res.token);
    expect(await c.me()).toEqual(OPERATOR);
    expect(await c.pull(0, 10)).toEqual({ cursor: 0, hasMore: false, changes: [] });
  });

  it('maps 401 on login and elsewhere to different codes', async () => {
    const f = await fake();
    const c = createServerClient(f.url);
    expect(await codeOf(c.login('anna', 'wrong'))).toBe('auth.invalid_credentials');
    c.setToken('not-a-valid-token-at-all');
    expect(await codeOf(c.pull(0, 10))).toBe('auth.session_expired');
  });

  it('passes server error codes through and rejects malformed answers', async () => {
    const forbidden = await raw((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'forbidden', message: 'nope' }));
    });
    expect(await codeOf(createServerClient(forbidden).me())).toBe('forbidden');
    const html = await raw((_req, res) => res.end('<html>proxy login</html>'));
    expect(await codeOf(createServerClient(html).me())).toBe('server.error');
    const teapot = await raw((_req, res) => { res.writeHead(502); res.end('bad gateway'); });
    expect(await codeOf(createServerClient(teapot).me())).toBe('server.error');
  });

  it('reports refused connections and timeouts as unreachable', async () => {
    const f = await fake();
    const url = f.url;
    await closers.pop()!();
    expect(await codeOf(createServerClient(url).me())).toBe('server.unreachable');
    const silent = await raw(() => undefined); // never answers
    expect(await codeOf(createServerClient(silent, { timeoutMs: 200 }).me())).toBe('server.unreachable');
  });

  it('builds the live URL with ws scheme and token', () => {
    const c = createServerClient('https://crm.example.com/pult');
    c.setToken('t'.repeat(20));
    expect(c.liveUrl()).toBe(`wss://crm.example.com/pult/api/live?token=${'t'.repeat(20)}`);
  });
});
