// The only place that registers ipcMain handlers (scripts/check-electron-usage.ts enforces it).
// Every handler goes through validatedHandle: the sender must be the top frame of a window we
// created, showing the app origin; then the payload is parsed with zod before anything runs.
import { EventEnvelope, IPC_CHANNEL, RequestEnvelope, type ResponseEnvelope } from '../../core/contract.js';
import { toErrorBody } from '../../core/errors.js';
import type { ApiHost } from '../services/api-host.js';
import { isAllowedNavigation } from './navigation-guard.js';

/** Slice of WebFrameMain. `parent === null` means top frame. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}

/** Slice of WebContents. */
export interface TrustedWebContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Slice of IpcMainInvokeEvent. */
export interface InvokeEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrame | null;
}

/** Slice of ipcMain. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The webContents of windows created by createMainWindow; IPC from anything else is refused. */
export class WindowRegistry {
  readonly #byId = new Map<number, TrustedWebContents>();
  add(wc: TrustedWebContents): void {
    this.#byId.set(wc.id, wc);
  }
  remove(id: number): void {
    this.#byId.delete(id);
  }
  has(id: number): boolean {
    return this.#byId.has(id);
  }
  all(): TrustedWebContents[] {
    return [...this.#byId.values()];
  }
}

/** Why a sender is refused, or null when it is trusted. */
export function checkSender(event: InvokeEvent, windows: WindowRegistry): string | null {
  if (!windows.has(event.sender.id)) return 'unknown window';
  const frame = event.senderFrame;
  if (!frame) return 'no sender frame (navigated or destroyed)';
  if (frame.parent !== null) return 'not the top frame';
  if (!isAllowedNavigation(frame.url)) return 'foreign origin';
  return null;
}

export class IpcSenderRejected extends Error {
  constructor(reason: string) {
    super(`IPC sender rejected: ${reason}`);
    this.name = 'IpcSenderRejected';
  }
}

export interface IpcLogger {
  warn(obj: object, msg?: string): void;
}

/** Wraps an IPC handler with the sender check; throwing rejects the renderer's invoke(). */
export function wrapHandler(
  windows: WindowRegistry,
  handler: (event: InvokeEvent, payload: unknown) => Promise<unknown>,
  logger?: IpcLogger,
): (event: InvokeEvent, ...args: unknown[]) => Promise<unknown> {
  return async (event, ...args) => {
    const reason = checkSender(event, windows);
    if (reason) {
      logger?.warn({ reason, senderId: event.sender.id, url: event.senderFrame?.url ?? null }, 'ipc sender rejected');
      throw new IpcSenderRejected(reason);
    }
    // Exactly one payload argument: extra arguments are a protocol violation, not ignored data.
    if (args.length !== 1) throw new IpcSenderRejected('unexpected argument count');
    return handler(event, args[0]);
  };
}

/** The one way to register an ipcMain handler. */
export function validatedHandle(
  ipcMain: IpcMainLike,
  channel: string,
  windows: WindowRegistry,
  handler: (event: InvokeEvent, payload: unknown) => Promise<unknown>,
  logger?: IpcLogger,
): () => void {
  ipcMain.handle(channel, wrapHandler(windows, handler, logger));
  return () => ipcMain.removeHandler(channel);
}

export interface IpcHostDeps {
  ipcMain: IpcMainLike;
  apiHost: ApiHost;
  windows: WindowRegistry;
  logger?: IpcLogger;
}

function malformed(raw: unknown): ResponseEnvelope {
  const id = (raw as { id?: unknown } | null)?.id;
  return {
    id: typeof id === 'number' && Number.isInteger(id) ? id : -1,
    result: { ok: false, error: { code: 'validation', message: 'malformed request envelope' } },
  };
}

/** Registers the request channel and relays ApiHost events to our windows. Returns dispose. */
export function createIpcHost(deps: IpcHostDeps): () => void {
  const { apiHost, windows } = deps;
  const removeHandler = validatedHandle(
    deps.ipcMain,
    IPC_CHANNEL.request,
    windows,
    async (_event, raw): Promise<ResponseEnvelope> => {
      const parsed = RequestEnvelope.safeParse(raw);
      if (!parsed.success) return malformed(raw);
      const { id, method, input } = parsed.data;
      try {
        return { id, result: await apiHost.handle(method, input) };
      } catch (e) {
        // ApiHost promises never to throw; if it does, the renderer still gets an envelope.
        return { id, result: { ok: false, error: toErrorBody(e) } };
      }
    },
    deps.logger,
  );
  const unsubscribe = apiHost.subscribe((event) => {
    const parsed = EventEnvelope.safeParse(event);
    if (!parsed.success) {
      deps.logger?.warn({ event: (event as { event?: unknown }).event }, 'dropped malformed event');
      return;
    }
    const envelope = parsed.data;
    for (const wc of windows.all()) {
      if (!wc.isDestroyed()) wc.send(IPC_CHANNEL.event, envelope);
    }
  });
  return () => {
    unsubscribe();
    removeHandler();
  };
}
