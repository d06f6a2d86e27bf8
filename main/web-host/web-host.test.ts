import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventEnvelope, ResponseEnvelope } from '../../core/contract.js';
import type { ApiHost } from '../services/api-host.js';
import { createEventHub } from '../services/event-hub.js';
import { CSP, startWebHost, type WebHost } from './web-host.js';

const TOKEN = 'test-token-0123456789';
let dir: string;
let web: WebHost;
const hub = createEventHub({ info() {}, warn() {}, error() {} });
const calls: { method: string; input: unknown }[] = [];
const fakeHost: ApiHost = {
  async handle(method, input) {
    calls.push({ method, input });
    return method === 'app.info'
      ? { ok: true, value: { version: '1.0.0', mode: 'web', defaultServerUrl: 'http://127.0.0.1:4310' } }
      : { ok: false, error: { code: 'not_logged_in', message: 'Log in first' } };
  },
  subscribe: hub.subscribe,
};

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-web-'));
  fs.mkdirSync(path.join(dir, 'static', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>Pult</title>');
  fs.writeFileSync(path.join(dir, 'static', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the root');
  calls.length = 0;
  web = await startWebHost({ appCore: fakeHost, staticDir: path.join(dir, 'static'), port: 0, host: '127.0.0.1', token: TOKEN });
});
afterEach(async () => {
  await web.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Raw GET, so paths reach the server unnormalized (fetch would resolve `..`). */
function get(rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: web.port, path: rawPath, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/bridge${query}`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function next(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
}

describe('web host: static files', () => {
  it('serves index.html for / and client routes, with CSP and content types', async () => {
    const home = await get('/?token=x');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<title>Pult</title>');
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['content-security-policy']).toBe(CSP);
    expect(home.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/orders/42')).body).toContain('Pult');
    const js = await get('/assets/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('refuses directory traversal in every spelling', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00', '/%E0%A4%A']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('outside the root');
    }
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${web.port}` })).status).toBe(421);
  });
});

describe('web host: bridge', () => {
  it('requires the token', async () => {
    await expect(connect('')).rejects.toThrow(/403/);
    await expect(connect('?token=wrong')).rejects.toThrow(/403/);
  });

  it('refuses a foreign Origin even with the token', async () => {
    await expect(connect(`?token=${TOKEN}`, 'https://evil.example')).rejects.toThrow(/403/);
    await expect(connect(`?token=${TOKEN}`, `http://127.0.0.1:${web.port + 1}`)).rejects.toThrow(/403/);
  });

  it('round-trips a request and relays events', async () => {
    const ws = await connect(`?token=${TOKEN}`, `http://127.0.0.1:${web.port}`);
    const reply = next(ws);
    ws.send(JSON.stringify({ id: 7, method: 'app.info', input: {} }));
    expect(await reply).toEqual({ id: 7, result: { ok: true, value: { version: '1.0.0', mode: 'web', defaultServerUrl: 'http://127.0.0.1:4310' } } } satisfies ResponseEnvelope);
    expect(calls).toEqual([{ method: 'app.info', input: {} }]);

    const event = next(ws);
    hub.emit('data.changed', { entities: ['orders'] });
    expect(await event).toEqual({ event: 'data.changed', payload: { entities: ['orders'] } } satisfies EventEnvelope);
    ws.close();
  });

  it('answers invalid envelopes with a validation error and keeps the socket', async () => {
    const ws = await connect(`?token=${TOKEN}`);
    let r = next(ws);
    ws.send('not json');
    expect(await r).toMatchObject({ id: -1, result: { ok: false, error: { code: 'validation' } } });
    r = next(ws);
    ws.send(JSON.stringify({ id: 3, method: 'rm.rf', input: {} }));
    expect(await r).toMatchObject({ id: 3, result: { ok: false, error: { code: 'validation' } } });
    r = next(ws);
    ws.send(JSON.stringify({ id: 4, method: 'orders.list', input: { scope: 'mine' } }));
    expect(await r).toEqual({ id: 4, result: { ok: false, error: { code: 'not_logged_in', message: 'Log in first' } } });
    ws.close();
  });
});
