// A first sync of many pages through the real pieces: the CRM server over HTTP (database-built
// pages, cursor headers), the server client (compiled row check), the sync engine (next page
// asked for from the headers) and the cache (bulk load). On both databases.
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../db/cache.js';
import { reserveVersion, reserveVersions } from '../../server/db/versions.js';
import { purgeTombstones } from '../../server/sync/pull.js';
import { DB_KINDS } from '../../server/test/databases.js';
import { useServer } from '../../server/test/harness.js';
import { addNote } from './order-mutations.js';
import { createServerClient } from './server-client.js';
import { createSyncEngine } from './sync-engine.js';

const CUSTOMERS = 1_500;

describe.each(DB_KINDS)('first sync on %s', (kind) => {
  const h = useServer(kind);
  let url = '';
  let dir = '';
  let cache: Cache | null = null;

  beforeAll(async () => {
    await h.db.transaction().execute(async (trx) => {
      const [first = 0] = await reserveVersions(trx, CUSTOMERS);
      await sql`INSERT INTO customers (id, name, phone, phone_raw, email, city, partner_number, notes, updated_at, version)
        SELECT (substr(md5('fs' || g), 1, 12) || '7' || substr(md5('fs' || g), 14, 3) || '8' || substr(md5('fs' || g), 18, 15))::uuid,
          'Клиент «' || g || '»', '+7901' || lpad(g::text, 7, '0'), '8 901 ' || g, NULL, 'Тверь', NULL, E'строка\\nвторая', now(), ${first - 1} + g
        FROM generate_series(1, ${CUSTOMERS}) g`.execute(trx);
    });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(h.app.server.address() as net.AddressInfo).port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-first-sync-'));
  });
  afterAll(() => {
    cache?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function syncOnce(c: Cache, login: string) {
    const client = createServerClient(url);
    client.setToken((await client.login(login, 'demo')).token);
    const engine = createSyncEngine({
      cache: c, client, logger: pino({ level: 'silent' }), live: false, periodMs: 3_600_000, pullLimit: 200,
      onStatus: () => undefined, onDataChanged: () => undefined,
    });
    engine.start();
    const status = await engine.syncNow();
    await engine.stop();
    return status;
  }

  it('loads every row in bulk, asking for each next page before the previous one is written', async () => {
    const client = createServerClient(url);
    client.setToken((await client.login('operator', 'demo')).token);
    cache = openCache(path.join(dir, 'cache.sqlite'));
    const c = cache;
    const log: string[] = [];
    const pull: typeof client.pull = (cursor, limit, opts) => {
      log.push(`ask ${cursor}`);
      return client.pull(cursor, limit, opts);
    };
    const apply = c.applyChanges.bind(c);
    c.applyChanges = (changes, cursor, o) => {
      log.push(`write ${cursor}${c.inBulkLoad() ? ' bulk' : ''}`);
      return apply(changes, cursor, o);
    };
    const engine = createSyncEngine({
      cache: c, client: { ...client, pull }, logger: pino({ level: 'silent' }), live: false, periodMs: 3_600_000, pullLimit: 200,
      onStatus: () => undefined, onDataChanged: () => undefined,
    });
    engine.start();
    const status = await engine.syncNow();
    await engine.stop();
    expect(status.state).toBe('idle');

    // The first sync's pages, all written in bulk mode (start() and syncNow() may add a cycle).
    const writes = log.filter((l) => l.endsWith(' bulk'));
    expect(writes.length).toBeGreaterThan(CUSTOMERS / 200);
    // Page k+1 was asked for before page k was written: the headers named its cursor.
    for (let k = 0; k + 1 < writes.length; k++) {
      const cursor = writes[k]?.split(' ')[1];
      expect(log.indexOf(`ask ${cursor}`), `page after ${cursor}`).toBeLessThan(log.indexOf(writes[k] ?? ''));
    }

    const count = (t: string) => c.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
    const serverCustomers = Number((await h.db.selectFrom('customers').select(h.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(count('customers')).toBe(serverCustomers);
    expect(c.findCustomersByPhone('+79010000042')).toEqual([expect.objectContaining({ name: 'Клиент «42»', notes: 'строка\nвторая' })]);
    expect(c.inBulkLoad()).toBe(false);
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(c.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const plan = JSON.stringify(c.db.prepare('EXPLAIN QUERY PLAN SELECT data FROM customers WHERE phone = ?').all('+7'));
    expect(plan).toContain('customers_phone');
  });

  it('a cache older than the tombstone horizon pushes its outbox first, then is rebuilt without losing it', async () => {
    const c = openCache(path.join(dir, 'stale.sqlite'));
    try {
      expect((await syncOnce(c, 'supervisor')).state).toBe('idle');
      const staleCursor = c.syncState().cursor;
      // Offline: a note is written locally while the server deletes a customer the cache holds,
      // and the tombstone of that delete is later purged.
      const order = c.listServerOrders()[0];
      if (!order) throw new Error('no orders');
      const pending = addNote(c, order.id, 'Записано без связи');
      const gone = (await h.db.selectFrom('customers').select('id').where('name', '=', 'Клиент «7»').executeTakeFirstOrThrow()).id;
      expect(c.getCustomer(gone)).not.toBeNull();
      await h.db.transaction().execute(async (trx) => {
        const v = await reserveVersion(trx);
        await trx.deleteFrom('customers').where('id', '=', gone).execute();
        await trx.insertInto('tombstones').values({ entity: 'customers', id: gone, version: v, deleted_at: new Date(Date.now() - 100 * 86_400_000) }).execute();
      });
      expect(await purgeTombstones(h.db, 90)).toBeGreaterThan(0);
      const horizon = Number((await h.db.selectFrom('sync_counter').select('tombstone_horizon').executeTakeFirstOrThrow()).tombstone_horizon);
      expect(horizon).toBeGreaterThan(staleCursor);

      const after = await syncOnce(c, 'supervisor');
      expect(after.lastError).toBeNull();
      expect(after.state).toBe('idle');
      // The note reached the server once, and the rebuilt cache has it; the deleted row is gone.
      const notes = await h.db.selectFrom('order_notes').select('id').where('text', '=', 'Записано без связи').execute();
      expect(notes.map((n) => n.id)).toEqual([pending.body.name === 'orders.addNote' ? pending.body.args.noteId : '']);
      expect(c.notesFor(order.id).map((n) => n.text)).toContain('Записано без связи');
      expect(c.getCustomer(gone)).toBeNull();
      expect(c.pendingCount()).toBe(0);
      expect(c.syncState().cursor).toBeGreaterThanOrEqual(horizon);
      expect(c.inBulkLoad()).toBe(false);
    } finally {
      c.close();
    }
  });
});
