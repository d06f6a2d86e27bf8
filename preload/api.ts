// window.pult over Electron IPC. Pure: takes the ipcRenderer slice it needs, so it is unit-tested
// without Electron. The page never sees ipcRenderer, IpcRendererEvent objects or channel names.
import { IPC_CHANNEL, ResponseEnvelope, type EventName, type EventPayload, type PultApi } from '../core/contract.js';
import type { Result } from '../core/errors.js';

/** Slice of Electron's IpcRenderer (real IpcRenderer satisfies it). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function failure(message: string): { ok: false; error: { code: 'internal'; message: string } } {
  return { ok: false, error: { code: 'internal', message } };
}

export function createPreloadApi(ipc: IpcRendererLike): PultApi {
  let nextId = 1;

  const call: PultApi['call'] = async (method, input) => {
    const id = nextId++;
    let raw: unknown;
    try {
      raw = await ipc.invoke(IPC_CHANNEL.request, { id, method, input });
    } catch {
      // Electron's error text names the channel and main-side internals: keep it out of the page.
      return failure('IPC request failed');
    }
    const parsed = ResponseEnvelope.safeParse(raw);
    if (!parsed.success || parsed.data.id !== id) return failure('malformed IPC response');
    // The value's shape is the contract output; the main side produced it from the same contract.
    return parsed.data.result as Result<never>;
  };

  const on: PultApi['on'] = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    const relay = (_ipcEvent: unknown, envelope: unknown): void => {
      const env = envelope as { event?: unknown; payload?: unknown } | null;
      // The raw IpcRendererEvent is dropped here; the page gets only the payload.
      if (env && env.event === event) listener(env.payload as EventPayload<E>);
    };
    ipc.on(IPC_CHANNEL.event, relay);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      ipc.removeListener(IPC_CHANNEL.event, relay);
    };
  };

  // Frozen plain object with exactly the PultApi members; contextBridge copies it into the page.
  return Object.freeze({ call, on });
}

