import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../core/contract.js';
import { createPreloadApi, type IpcRendererLike } from './api.js';

type RendererListener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer(respond: (channel: string, payload: unknown) => unknown) {
  const listeners = new Map<string, Set<RendererListener>>();
  const ipc: IpcRendererLike = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => respond(channel, args[0])),
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'raw ipc event', ports: [] }, payload);
  };
  const count = (channel: string) => listeners.get(channel)?.size ?? 0;
  return { ipc, emit, count };
}

describe('createPreloadApi', () => {
  it('exposes exactly call and on, frozen', () => {
    const api = createPreloadApi(fakeIpcRenderer(() => null).ipc);
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('round-trips a call through the request channel with a fresh id', async () => {
    const { ipc } = fakeIpcRenderer((_channel, payload) => {
      const { id } = payload as { id: number };
      return { id, result: { ok: true, value: { version: '0.1.0', mode: 'electron', defaultServerUrl: '' } } };
    });
    const api = createPreloadApi(ipc);
    const r1 = await api.call('app.info', {});
    const r2 = await api.call('orders.list', { scope: 'mine' });
    expect(r1).toEqual({ ok: true, value: { version: '0.1.0', mode: 'electron', defaultServerUrl: '' } });
    expect(r2.ok).toBe(true);
    expect(ipc.invoke).toHaveBeenNthCalledWith(1, IPC_CHANNEL.request, { id: 1, method: 'app.info', input: {} });
    expect(ipc.invoke).toHaveBeenNthCalledWith(2, IPC_CHANNEL.request, { id: 2, method: 'orders.list', input: { scope: 'mine' } });
  });

  it('passes main-side errors through as results', async () => {
    const error = { code: 'not_logged_in', message: 'log in first' };
    const api = createPreloadApi(fakeIpcRenderer((_c, p) => ({ id: (p as { id: number }).id, result: { ok: false, error } })).ipc);
    expect(await api.call('orders.list', { scope: 'all' })).toEqual({ ok: false, error });
  });

  it('turns a rejected invoke or a malformed/mismatched response into an internal error without leaking details', async () => {
    const rejecting = createPreloadApi(fakeIpcRenderer(() => { throw new Error("Error invoking remote method 'pult:request': secret"); }).ipc);
    const r = await rejecting.call('sync.status', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'IPC request failed' } });
    const garbage = createPreloadApi(fakeIpcRenderer(() => 'nope').ipc);
    expect(await garbage.call('sync.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const wrongId = createPreloadApi(fakeIpcRenderer(() => ({ id: 999, result: { ok: true, value: 1 } })).ipc);
    expect(await wrongId.call('sync.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only the payload of the matching event, and unsubscribes', () => {
    const { ipc, emit, count } = fakeIpcRenderer(() => null);
    const api = createPreloadApi(ipc);
    const seen: unknown[] = [];
    const off = api.on('data.changed', (payload) => seen.push(payload));
    emit(IPC_CHANNEL.event, { event: 'data.changed', payload: { entities: ['orders'] } });
    emit(IPC_CHANNEL.event, { event: 'sync.status', payload: { state: 'idle' } });
    emit(IPC_CHANNEL.event, null);
    expect(seen).toEqual([{ entities: ['orders'] }]);
    expect(count(IPC_CHANNEL.event)).toBe(1);
    off();
    off(); // idempotent
    expect(count(IPC_CHANNEL.event)).toBe(0);
    emit(IPC_CHANNEL.event, { event: 'data.changed', payload: { entities: ['x'] } });
    expect(seen).toHaveLength(1);
  });
});
