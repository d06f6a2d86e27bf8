// The engine's page loop against a scripted client: the next page is asked for from the
// headers' cursor, but only a body that agrees with them is trusted.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { PultError } from '../../core/errors.js';
import type { PullHead, PullResponse } from '../../core/sync.js';
import { openCache, type Cache } from '../../db/cache.js';
import { customer, seedChanges } from '../../db/test-fixtures.js';
import { createSyncEngine } from './sync-engine.js';

let cache: Cache | null = null;
afterEach(() => {
  cache?.close();
  cache = null;
});

const pages: Record<number, PullResponse> = {
  0: { cursor: 7, hasMore: true, changes: seedChanges() },
  7: { cursor: 8, hasMore: false, changes: [{ entity: 'customers', op: 'upsert', version: 8, data: { ...customer(3) } }] },
  // start() and syncNow() may run two cycles: the second finds nothing new.
  8: { cursor: 8, hasMore: false, changes: [] },
};

function run(announce: (from: number) => PullHead | null, fail: (from: number) => boolean = () => false) {
  cache = openCache(':memory:');
  const asked: number[] = [];
  const client = {
    pull: async (cursor: number, _limit: number, opts: { onHead?: (h: PullHead) => void } = {}): Promise<PullResponse> => {
      asked.push(cursor);
      await new Promise((r) => setTimeout(r, 5));
      const head = announce(cursor);
      if (head) opts.onHead?.(head);
      await new Promise((r) => setTimeout(r, 5));
      if (fail(cursor)) throw new PultError('server.unreachable', 'gone');
      const page = pages[cursor];
      if (!page) throw new PultError('server.error', `no page after ${cursor}`);
      return page;
    },
    push: async () => ({ results: [], cursor: 0 }),
    liveUrl: () => 'ws://127.0.0.1:1/',
  };
  const engine = createSyncEngine({ cache, client, logger: pino({ level: 'silent' }), live: false, periodMs: 3_600_000, onStatus: () => undefined, onDataChanged: () => undefined });
  return { engine, asked };
}

describe('sync engine page loop', () => {
  it('asks for the next page as soon as the headers name it', async () => {
    const { engine, asked } = run((from) => (pages[from] ? { cursor: pages[from].cursor, hasMore: pages[from].hasMore } : null));
    engine.start();
    const status = await engine.syncNow();
    await engine.stop();
    expect(status.state).toBe('idle');
    expect(asked.slice(0, 2)).toEqual([0, 7]);
    expect(cache?.syncState().cursor).toBe(8);
    expect(cache?.getCustomer(customer(3).id)).toEqual(customer(3));
  });

  it('drops a request made on headers the body contradicts, and asks again from the body cursor', async () => {
    const { engine, asked } = run((from) => (from === 0 ? { cursor: 6, hasMore: true } : null));
    engine.start();
    const status = await engine.syncNow();
    await engine.stop();
    expect(status.state).toBe('idle');
    expect(asked.slice(0, 3)).toEqual([0, 6, 7]);
    expect(cache?.syncState().cursor).toBe(8);
  });

  it('a page that fails while the next one is already asked for leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { engine } = run((from) => (from === 0 ? { cursor: 7, hasMore: true } : null), () => true);
      engine.start();
      const status = await engine.syncNow();
      await engine.stop();
      await new Promise((r) => setTimeout(r, 50));
      expect(status.state).toBe('offline');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
