import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Order } from '../../core/domain.js';
import { LiveMessage, PullResponse } from '../../core/sync.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { WS_CLOSE_UNAUTHORIZED } from './routes.js';

/** Collects parsed live messages and resolves waiters as they arrive. */
function connect(url: string) {
  const socket = new WebSocket(url);
  const messages: LiveMessage[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data: WebSocket.RawData) => {
    messages.push(LiveMessage.parse(JSON.parse(data.toString())));
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (predicate: (m: LiveMessage) => boolean, timeoutMs = 10_000): Promise<LiveMessage> => {
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
  };
  const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
  return { socket, next, closed };
}

describe.each(DB_KINDS)('live socket on %s', (kind) => {
  const h = useServer(kind);
  let base = '';
  beforeAll(async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = h.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    base = `ws://127.0.0.1:${addr.port}/api/live`;
  });

  it('says hello, then changed after a push', async () => {
    const token = await h.login('operator');
    const live = connect(`${base}?token=${token}`);
    const hello = await live.next((m) => m.type === 'hello');
    if (hello.type !== 'hello') throw new Error('no hello');

    const page = PullResponse.parse((await h.get('/api/sync/pull?limit=10000', token)).json());
    expect(hello.cursor).toBe(page.cursor);
    let order: Order | undefined;
    for (const c of page.changes) if (c.op === 'upsert' && c.entity === 'orders' && c.data.number === 'П-1023') order = c.data;
    if (!order) throw new Error('order П-1023 missing');
    const res = await h.post('/api/sync/push', {
      deviceId: uuidv7(),
      mutations: [{ id: uuidv7(), seq: 1, createdAt: new Date().toISOString(), name: 'orders.changeStage', args: { orderId: order.id, toStageId: 'no_answer', baseVersion: order.version } }],
    }, token);
    expect(res.json()).toMatchObject({ results: [{ status: 'applied' }] });

    const changed = await live.next((m) => m.type === 'changed');
    if (changed.type !== 'changed') throw new Error('no changed');
    expect(changed.cursor).toBeGreaterThan(hello.cursor);
    live.socket.close();
    await live.closed;
  });

  it('closes with 4401 for a bad or missing token', async () => {
    for (const url of [`${base}?token=${'x'.repeat(43)}`, base]) {
      const live = connect(url);
      expect(await live.closed).toBe(WS_CLOSE_UNAUTHORIZED);
    }
  });
});
