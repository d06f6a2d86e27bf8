// Picks the transport: Electron's preload exposes `window.pult`; otherwise (browser mode)
// the page was opened with ?token=… and talks to the local web host over a WebSocket.
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, PultApi } from '../../core/contract.js';
import type { Result } from '../../core/errors.js';
import { parseEvent, parseResult } from './validate.js';
import { createWsApi, type ConnectionState } from './ws-client.js';

declare global {
  interface Window {
    pult?: PultApi;
  }
}

export interface Platform {
  api: PultApi;
  /** Connection to the local Pult process; always 'open' in Electron. */
  connection(): ConnectionState;
  onConnection(listener: (s: ConnectionState) => void): () => void;
}

/** Wraps a transport so results and events are checked against the contract. */
export function validated(raw: PultApi): PultApi {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      return parseResult(method, await raw.call(method, input));
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return raw.on(event, (payload) => {
        const p = parseEvent(event, payload);
        if (p !== null) listener(p);
      });
    },
  };
}

export function bridgeUrl(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(loc.search).get('token') ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/bridge?token=${encodeURIComponent(token)}`;
}

export function createPlatform(): Platform {
  if (window.pult) {
    return { api: validated(window.pult), connection: () => 'open', onConnection: () => () => {} };
  }
  const ws = createWsApi({ url: bridgeUrl(window.location) });
  return { api: ws, connection: () => ws.connection, onConnection: (l) => ws.onConnection(l) };
}
