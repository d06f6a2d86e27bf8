// A test client for the live socket (/api/live): collects the parsed messages and waits for
// one that matches, waking as messages arrive.
import WebSocket from 'ws';
import { LiveMessage } from '../../core/sync.js';
import type { Harness } from './harness.js';

export interface LiveClient {
  socket: WebSocket;
  messages: LiveMessage[];
  opened: Promise<void>;
  /** The close code, once the server (or the test) closes the socket. */
  closed: Promise<number>;
  next<T extends LiveMessage>(predicate: (m: LiveMessage) => m is T, timeoutMs?: number): Promise<T>;
  next(predicate: (m: LiveMessage) => boolean, timeoutMs?: number): Promise<LiveMessage>;
}

export function connectLive(url: string): LiveClient {
  const socket = new WebSocket(url);
  const messages: LiveMessage[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data: WebSocket.RawData) => {
    messages.push(LiveMessage.parse(JSON.parse(data.toString())));
    waiters.splice(0).forEach((w) => w());
  });
  const opened = new Promise<void>((resolve) => socket.on('open', () => resolve()));
  const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
  async function next(predicate: (m: LiveMessage) => boolean, timeoutMs = 10_000): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching live message; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
  return { socket, messages, opened, closed, next: next as LiveClient['next'] };
}

/** Starts the harness's server on a loopback port and returns the live socket's base URL. */
export async function liveUrl(h: Harness): Promise<string> {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = h.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `ws://127.0.0.1:${addr.port}/api/live`;
}
