// Browser mode: the PultApi over one WebSocket to the local web host (/bridge?token=…).
// Requests are matched to responses by id; a dropped socket fails what is in flight and
// reconnects with backoff, so the operator sees an error instead of a frozen screen.
import {
  EventEnvelope,
  ResponseEnvelope,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type PultApi,
} from '../../core/contract.js';
import type { Result } from '../../core/errors.js';
import { localError, parseEvent, parseResult } from './validate.js';

/** The part of the DOM WebSocket the client uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (1-based). */
  backoffMs?: (attempt: number) => number;
  /** How long a call waits for the socket to open before it fails. */
  connectTimeoutMs?: number;
}

export interface WsPultApi extends PultApi {
  readonly connection: ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

const OPEN = 1;
const defaultBackoff = (attempt: number): number => Math.min(10_000, 500 * 2 ** (attempt - 1));

interface Waiting {
  method: MethodName;
  resolve: (r: Result<unknown>) => void;
  /** Not yet sent: waits for the socket to open. */
  frame: string | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export function createWsApi(opts: WsClientOptions): WsPultApi {
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url));
  const backoff = opts.backoffMs ?? defaultBackoff;
  const connectTimeoutMs = opts.connectTimeoutMs ?? 15_000;
  const waiting = new Map<number, Waiting>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const connListeners = new Set<(s: ConnectionState) => void>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closedByUser = false;

  const setState = (s: ConnectionState): void => {
    if (s === state) return;
    state = s;
    for (const l of connListeners) l(s);
  };

  const settle = (id: number, r: Result<unknown>): void => {
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    if (w.timer) clearTimeout(w.timer);
    w.resolve(r);
  };

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      console.warn('[pult] ignored a message that is not JSON');
      return;
    }
    const res = ResponseEnvelope.safeParse(json);
    if (res.success) {
      const w = waiting.get(res.data.id);
      if (w) settle(res.data.id, parseResult(w.method, res.data.result));
      return;
    }
    const ev = EventEnvelope.safeParse(json);
    if (ev.success) {
      const payload = parseEvent(ev.data.event, ev.data.payload);
      if (payload === null) return;
      for (const l of listeners.get(ev.data.event) ?? []) l(payload);
      return;
    }
    console.warn('[pult] ignored a message that is neither a response nor an event');
  };

  const connect = (): void => {
    setState('connecting');
    const s = createSocket(opts.url);
    socket = s;
    s.onopen = () => {
      attempt = 0;
      setState('open');
      for (const w of waiting.values()) {
        if (w.frame !== null) {
          s.send(w.frame);
          w.frame = null;
          if (w.timer) clearTimeout(w.timer);
          w.timer = null;
        }
      }
    };
    s.onmessage = (ev) => onMessage(ev.data);
    s.onerror = () => {
      /* onclose follows and does the work */
    };
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      // Calls already sent will never be answered on a new socket: fail them now.
      for (const [id, w] of waiting) {
        if (w.frame === null) settle(id, localError('server.unreachable', `Connection lost during ${w.method}`));
      }
      setState('closed');
      if (closedByUser) return;
      attempt += 1;
      reconnectTimer = setTimeout(connect, backoff(attempt));
    };
  };

  connect();

  return {
    get connection() {
      return state;
    },
    call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      const id = nextId++;
      const frame = JSON.stringify({ id, method, input });
      return new Promise<Result<unknown>>((resolve) => {
        const w: Waiting = { method, resolve, frame, timer: null };
        waiting.set(id, w);
        if (socket && socket.readyState === OPEN) {
          socket.send(frame);
          w.frame = null;
        } else {
          w.timer = setTimeout(() => settle(id, localError('server.unreachable', `No connection for ${method}`)), connectTimeoutMs);
        }
      }) as Promise<Result<MethodOutput<M>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onConnection(listener) {
      connListeners.add(listener);
      return () => connListeners.delete(listener);
    },
    close() {
      closedByUser = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
    },
  };
}
