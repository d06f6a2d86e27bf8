import { describe, expect, it } from 'vitest';
import { PullResponse } from '../../core/sync.js';
import { DEMO_COUNTS } from '../seed/demo.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer } from '../test/harness.js';

describe.each(DB_KINDS)('sync pull on %s', (kind) => {
  const h = useServer(kind);
  const total = Object.values(DEMO_COUNTS).reduce((a, b) => a + b, 0);

  async function pullAll(token: string, limit: number) {
    const seen: string[] = [];
    const versions: number[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const res = await h.get(`/api/sync/pull?cursor=${cursor}&limit=${limit}`, token);
      expect(res.statusCode).toBe(200);
      const page = PullResponse.parse(res.json());
      pages++;
      expect(page.changes.length).toBeLessThanOrEqual(limit);
      for (const c of page.changes) {
        seen.push(`${c.entity}:${c.op === 'delete' ? c.id : c.entity === 'claims' ? c.data.entityId : c.data.id}`);
        versions.push(c.version);
      }
      if (page.hasMore) expect(page.changes.length).toBe(limit);
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
      if (pages > 1000) throw new Error('pull does not end');
    }
    return { seen, versions, cursor, pages };
  }

  it.each([1, 7, 50, 10_000])('returns every seeded row exactly once with limit %i', async (limit) => {
    const token = await h.login('operator');
    const { seen, versions, cursor, pages } = await pullAll(token, limit);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(cursor).toBe(Math.max(...versions));
    // hasMore is exact (limit + 1 rows are read), so no empty trailing page.
    expect(pages).toBe(Math.ceil(total / limit));
    for (const entity of ['users', 'pipelines', 'customers', 'orders', 'calls', 'callbacks'] as const) {
      expect(seen.filter((s) => s.startsWith(`${entity}:`)).length).toBe(DEMO_COUNTS[entity]);
    }
  });

  it('returns nothing after the latest cursor, and validates its query', async () => {
    const token = await h.login('tech');
    const first = PullResponse.parse((await h.get('/api/sync/pull?limit=10000', token)).json());
    const next = PullResponse.parse((await h.get(`/api/sync/pull?cursor=${first.cursor}`, token)).json());
    expect(next).toEqual({ cursor: first.cursor, hasMore: false, changes: [] });
    const bad = await h.get('/api/sync/pull?cursor=-1&limit=0', token);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation' });
  });

  it('never sends password hashes', async () => {
    const token = await h.login('admin');
    const res = await h.get('/api/sync/pull?limit=10000', token);
    expect(res.body).not.toContain('argon2');
    expect(res.body).not.toContain('password');
  });
});
