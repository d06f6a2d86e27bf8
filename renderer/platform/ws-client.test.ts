// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fakeSocket.js';
import { details, session, syncIdle } from '../test/fixtures.js';
import { bridgeUrl } from './index.js';
import { createWsApi, type WsPultApi } from './ws-client.js';

describe('WebSocket PultApi', () => {
  let sockets: FakeSocket[];
  let api: WsPultApi;
  const current = () => {
    const s = sockets.at(-1);
    if (!s) throw new Error('no socket');
    return s;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    sockets = [];
    api = createWsApi({
      url: 'ws://127.0.0.1:5000/bridge?token=abc',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      backoffMs: () => 1000,
    });
  });
  afterEach(() => {
    api.close();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('builds the bridge URL from the page URL and its token', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a b' })).toBe('ws://127.0.0.1:5000/bridge?token=a%20b');
    expect(bridgeUrl({ protocol: 'https:', host: 'pult.local', search: '?token=x' })).toBe('wss://pult.local/bridge?token=x');
  });

  it('queues a call until the socket opens, then matches responses by id', async () => {
    const a = api.call('session.current', {});
    const b = api.call('orders.get', { id: details.order.id });
    expect(current().sent).toHaveLength(0);
    current().open();
    expect(current().sent).toHaveLength(2);
    const [reqA, reqB] = current().sent.map((s) => JSON.parse(s) as { id: number; method: string });
    expect(reqA?.method).toBe('session.current');
    // Answer out of order: each promise still gets its own result.
    current().receive({ id: reqB?.id, result: { ok: true, value: details } });
    current().receive({ id: reqA?.id, result: { ok: true, value: session } });
    await expect(b).resolves.toEqual({ ok: true, value: details });
    await expect(a).resolves.toEqual({ ok: true, value: session });
  });

  it('passes error results through', async () => {
    current().open();
    const p = api.call('session.login', { serverUrl: 'x', login: 'a', password: 'b' });
    current().receive({ id: current().lastRequest().id, result: { ok: false, error: { code: 'server.bad_url', message: 'bad' } } });
    await expect(p).resolves.toEqual({ ok: false, error: { code: 'server.bad_url', message: 'bad' } });
  });

  it('turns a result that breaks the contract into an internal error', async () => {
    current().open();
    const p = api.call('session.current', {});
    current().receive({ id: current().lastRequest().id, result: { ok: true, value: { user: 'nobody' } } });
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('internal');
  });

  it('dispatches events to their listeners', () => {
    current().open();
    const seen: unknown[] = [];
    const off = api.on('sync.status', (s) => seen.push(s));
    current().receive({ event: 'sync.status', payload: syncIdle });
    off();
    current().receive({ event: 'sync.status', payload: syncIdle });
    expect(seen).toEqual([syncIdle]);
  });

  it('ignores malformed messages and events with a bad payload', async () => {
    current().open();
    const seen: unknown[] = [];
    api.on('data.changed', (p) => seen.push(p));
    const p = api.call('session.current', {});
    current().receive('not json {');
    current().receive({ hello: 'world' });
    current().receive({ id: 'x', result: 1 });
    current().receive({ event: 'data.changed', payload: { entities: 'orders' } });
    current().receive({ event: 'data.changed', payload: { entities: ['orders'] } });
    expect(seen).toEqual([{ entities: ['orders'] }]);
    current().receive({ id: current().lastRequest().id, result: { ok: true, value: null } });
    await expect(p).resolves.toEqual({ ok: true, value: null });
  });

  it('fails calls in flight when the socket drops, then reconnects with backoff', async () => {
    const states: string[] = [];
    api.onConnection((s) => states.push(s));
    current().open();
    const p = api.call('orders.list', { scope: 'mine' });
    current().drop();
    const r = await p;
    expect(r).toMatchObject({ ok: false, error: { code: 'server.unreachable' } });
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    expect(current().url).toBe('ws://127.0.0.1:5000/bridge?token=abc');
    current().open();
    expect(states).toEqual(['open', 'closed', 'connecting', 'open']);
  });

  it('fails a queued call when no connection comes in time', async () => {
    const p = api.call('sync.status', {});
    vi.advanceTimersByTime(15_000);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'server.unreachable' } });
  });
});
