import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, type EventEnvelope, type MethodName } from '../../core/contract.js';
import type { Result } from '../../core/errors.js';
import type { ApiHost } from '../services/api-host.js';
import { checkSender, createIpcHost, type InvokeEvent, type IpcMainLike, IpcSenderRejected, validatedHandle, WindowRegistry } from './ipc-host.js';

type Handler = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error('second handler'); // like Electron
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

function fakeWebContents(id: number) {
  return { id, sent: [] as unknown[][], destroyed: false, send(channel: string, ...args: unknown[]) { this.sent.push([channel, ...args]); }, isDestroyed() { return this.destroyed; } };
}

const topFrame = (url = 'app://pult/index.html') => ({ url, parent: null });
const eventFrom = (senderId: number, frame: InvokeEvent['senderFrame'] = topFrame()): InvokeEvent => ({ sender: { id: senderId }, senderFrame: frame });

function fakeApiHost() {
  let listener: ((e: EventEnvelope) => void) | null = null;
  const handle = vi.fn(async (method: MethodName, input: unknown): Promise<Result<unknown>> => ({ ok: true, value: { method, input } }));
  const unsubscribe = vi.fn();
  const host: ApiHost = {
    handle,
    subscribe: (l) => {
      listener = l;
      return unsubscribe;
    },
  };
  return { host, handle, unsubscribe, emit: (e: EventEnvelope) => listener?.(e) };
}

function setup() {
  const { ipcMain, handlers } = fakeIpcMain();
  const api = fakeApiHost();
  const windows = new WindowRegistry();
  const ours = fakeWebContents(1);
  windows.add(ours);
  const warn = vi.fn();
  const dispose = createIpcHost({ ipcMain, apiHost: api.host, windows, logger: { warn } });
  const invoke = (event: InvokeEvent, ...args: unknown[]) => handlers.get(IPC_CHANNEL.request)!(event, ...args);
  return { api, windows, ours, invoke, dispose, handlers, warn };
}

describe('checkSender', () => {
  const windows = new WindowRegistry();
  windows.add(fakeWebContents(7));
  it('accepts the top frame of our window on the app origin', () => {
    expect(checkSender(eventFrom(7), windows)).toBeNull();
  });
  it('rejects foreign URLs, sub-frames, unknown windows and missing frames', () => {
    expect(checkSender(eventFrom(7, topFrame('https://evil.example/')), windows)).toBe('foreign origin');
    expect(checkSender(eventFrom(7, topFrame('app://pult@evil/')), windows)).toBe('foreign origin');
    expect(checkSender(eventFrom(7, topFrame('file:///tmp/x.html')), windows)).toBe('foreign origin');
    expect(checkSender(eventFrom(7, { url: 'app://pult/', parent: topFrame() }), windows)).toBe('not the top frame');
    expect(checkSender(eventFrom(8), windows)).toBe('unknown window');
    expect(checkSender(eventFrom(7, null), windows)).toMatch(/no sender frame/);
  });
});

describe('createIpcHost', () => {
  it('round-trips a valid request to ApiHost.handle', async () => {
    const { invoke, api } = setup();
    const res = await invoke(eventFrom(1), { id: 5, method: 'orders.list', input: { scope: 'mine' } });
    expect(api.handle).toHaveBeenCalledWith('orders.list', { scope: 'mine' });
    expect(res).toEqual({ id: 5, result: { ok: true, value: { method: 'orders.list', input: { scope: 'mine' } } } });
  });

  it.each([
    ['foreign frame URL', eventFrom(1, topFrame('https://evil.example/'))],
    ['non-top frame', eventFrom(1, { url: 'app://pult/', parent: topFrame() })],
    ['unknown window', eventFrom(99)],
    ['destroyed frame', eventFrom(1, null)],
  ])('rejects a %s before touching ApiHost', async (_name, event) => {
    const { invoke, api, warn } = setup();
    await expect(invoke(event, { id: 1, method: 'sync.status', input: {} })).rejects.toBeInstanceOf(IpcSenderRejected);
    expect(api.handle).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
  });

  it('stops trusting a window once it is removed', async () => {
    const { invoke, api, windows } = setup();
    windows.remove(1);
    await expect(invoke(eventFrom(1), { id: 1, method: 'sync.status', input: {} })).rejects.toThrow(/unknown window/);
    expect(api.handle).not.toHaveBeenCalled();
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['unknown method', { id: 2, method: 'fs.readFile', input: {} }],
    ['non-integer id', { id: 1.5, method: 'sync.status', input: {} }],
    ['missing id', { method: 'sync.status', input: {} }],
  ])('answers a malformed envelope (%s) with a validation error', async (_name, raw) => {
    const { invoke, api } = setup();
    const res = (await invoke(eventFrom(1), raw)) as { result: Result<unknown> };
    expect(res.result).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(api.handle).not.toHaveBeenCalled();
  });

  it('keeps the request id on a malformed envelope when it can', async () => {
    const { invoke } = setup();
    expect(await invoke(eventFrom(1), { id: 9, method: 'nope' })).toMatchObject({ id: 9 });
  });

  it('refuses extra arguments', async () => {
    const { invoke, api } = setup();
    await expect(invoke(eventFrom(1), { id: 1, method: 'sync.status', input: {} }, 'extra')).rejects.toThrow();
    expect(api.handle).not.toHaveBeenCalled();
  });

  it('turns a throwing ApiHost into an internal error envelope', async () => {
    const { invoke, api } = setup();
    api.handle.mockRejectedValueOnce(new Error('boom'));
    expect(await invoke(eventFrom(1), { id: 3, method: 'sync.now', input: {} })).toEqual({
      id: 3,
      result: { ok: false, error: { code: 'internal', message: 'boom' } },
    });
  });

  it('sends ApiHost events to live windows only, and drops malformed ones', () => {
    const { api, windows, ours } = setup();
    const dead = fakeWebContents(2);
    dead.destroyed = true;
    windows.add(dead);
    const env: EventEnvelope = { event: 'data.changed', payload: { entities: ['orders'] } };
    api.emit(env);
    api.emit({ event: 'bogus' } as unknown as EventEnvelope);
    expect(ours.sent).toEqual([[IPC_CHANNEL.event, env]]);
    expect(dead.sent).toEqual([]);
  });

  it('dispose removes the handler and unsubscribes', () => {
    const { dispose, handlers, api } = setup();
    dispose();
    expect(handlers.size).toBe(0);
    expect(api.unsubscribe).toHaveBeenCalledOnce();
  });
});

describe('validatedHandle', () => {
  it('runs the handler only for trusted senders', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const windows = new WindowRegistry();
    windows.add(fakeWebContents(1));
    const inner = vi.fn(async (_e: InvokeEvent, payload: unknown) => payload);
    validatedHandle(ipcMain, 'pult:other', windows, inner);
    const h = handlers.get('pult:other')!;
    expect(await h(eventFrom(1), 'x')).toBe('x');
    await expect(h(eventFrom(1, topFrame('https://evil.example/')), 'x')).rejects.toThrow();
    expect(inner).toHaveBeenCalledTimes(1);
  });
});
