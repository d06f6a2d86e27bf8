import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Order } from '../../core/domain.js';
import { LiveMessage, PullResponse } from '../../core/sync.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';
import { connectLive, liveUrl } from '../test/live-socket.js';
import { WS_CLOSE_UNAUTHORIZED } from './routes.js';

describe.each(DB_KINDS)('live socket on %s', (kind) => {
  const h = useServer(kind);
  let base = '';
  beforeAll(async () => {
    base = await liveUrl(h);
  });

  it('says hello, then changed after a push', async () => {
    const token = await h.login('operator');
    const live = connectLive(`${base}?token=${token}`);
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
      const live = connectLive(url);
      expect(await live.closed).toBe(WS_CLOSE_UNAUTHORIZED);
    }
  });
});
