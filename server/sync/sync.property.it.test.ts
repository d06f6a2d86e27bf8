// @slow property test: three clients (the real SQLite cache, outbox and sync engine) work on the
// same orders in random interleavings against the real push/pull code on PGlite, while the
// network drops requests, loses answers and delivers pushes twice. After every run, once the
// network heals, every client equals the server and every mutation was recorded exactly once.
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import type { User } from '../../core/domain.js';
import { PultError } from '../../core/errors.js';
import { reasonsFor } from '../../core/reasons.js';
import { PullResponse, PushResponse, type Mutation } from '../../core/sync.js';
import { openCache, type Cache } from '../../db/cache.js';
import { addNote, changeStage, logCall } from '../../main/services/order-mutations.js';
import { createSyncEngine, type SyncEngine } from '../../main/services/sync-engine.js';
import type { AuthContext } from '../auth/sessions.js';
import { openDatabase, type OpenedDatabase } from '../db/database.js';
import { toOrder, toOrderNote, toUser } from '../db/mappers.js';
import { migrate } from '../db/migrate.js';
import { reserveVersion } from '../db/versions.js';
import { DELIVERY } from '../seed/pipelines.js';
import { seedDemo } from '../seed/demo.js';
import { pullChanges } from './pull.js';
import { pushMutations } from './push.js';

const RUNS = Number(process.env.PULT_PROPERTY_RUNS ?? 500);
const SEED = Number(process.env.PULT_PROPERTY_SEED ?? 20_250_601);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Net {
  dropBefore: number;
  dropAfter: number;
  duplicate: number;
}

interface Client {
  user: User;
  cache: Cache;
  engine: SyncEngine;
  net: Net;
  /** Every mutation id this client ever enqueued. */
  enqueued: string[];
}

const silent = pino({ level: 'silent' });
const unreachable = () => new PultError('server.unreachable', 'dropped by the test network');

describe('sync property: 3 clients, drops, duplicates @slow', () => {
  let database: OpenedDatabase;
  const clients: Client[] = [];
  let rnd = prng(SEED);

  beforeAll(async () => {
    database = openDatabase({});
    await migrate(database.db);
    await seedDemo(database.db);
    const db = database.db;
    for (const login of ['operator', 'operator2', 'supervisor']) {
      const row = await db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirstOrThrow();
      const user = toUser(row);
      const auth: AuthContext = { user, tokenHash: 'test', expiresAt: new Date(Date.now() + 3_600_000) };
      const cache = openCache(':memory:');
      const net: Net = { dropBefore: 0, dropAfter: 0, duplicate: 0 };
      const client = {
        // Through JSON and the wire schemas, like the real client.
        pull: async (cursor: number, limit: number) => {
          if (rnd() < net.dropBefore) throw unreachable();
          const page = PullResponse.parse(JSON.parse(JSON.stringify(await pullChanges(db, cursor, limit))));
          if (rnd() < net.dropAfter) throw unreachable();
          return page;
        },
        push: async (deviceId: string, mutations: Mutation[]) => {
          if (rnd() < net.dropBefore) throw unreachable();
          const wire = JSON.parse(JSON.stringify(mutations)) as unknown[];
          let res = await pushMutations(db, auth, deviceId, wire, silent as unknown as FastifyBaseLogger);
          if (rnd() < net.duplicate) res = await pushMutations(db, auth, deviceId, wire, silent as unknown as FastifyBaseLogger);
          if (rnd() < net.dropAfter) throw unreachable();
          return PushResponse.parse(JSON.parse(JSON.stringify(res.response)));
        },
        liveUrl: () => 'ws://127.0.0.1:1/unused',
      };
      const engine = createSyncEngine({ cache, client, logger: silent, live: false, periodMs: 3_600_000, pushBatch: 3, pullLimit: 20, onStatus: () => undefined, onDataChanged: () => undefined });
      engine.start();
      clients.push({ user, cache, engine, net, enqueued: [] });
    }
  });

  afterAll(async () => {
    for (const c of clients) {
      await c.engine.stop();
      c.cache.close();
    }
    await database?.close();
  });

  async function newOrders(n: number): Promise<string[]> {
    const customer = await database.db.selectFrom('customers').select('id').limit(1).executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      await database.db.transaction().execute(async (trx) => {
        const v = await reserveVersion(trx);
        const id = uuidv7();
        ids.push(id);
        await trx.insertInto('orders').values({
          id, number: `PT-${v}`, customer_id: customer.id, pipeline_id: 'delivery', stage_id: 'new', operator_id: null, technician_id: null,
          city: null, address: null, channel: 'phone', version: v, stage_version: v,
        }).execute();
      });
    }
    return ids;
  }

  async function syncUntilQuiet(): Promise<void> {
    for (const c of clients) Object.assign(c.net, { dropBefore: 0, dropAfter: 0, duplicate: 0 });
    for (let round = 0; round < 10; round++) {
      for (const c of clients) await c.engine.syncNow();
      if (clients.every((c) => c.cache.pendingCount() === 0)) break;
    }
    for (const c of clients) await c.engine.syncNow(); // everyone sees everyone's last change
  }

  it(`${RUNS} random runs end with every client equal to the server, nothing lost or applied twice`, async () => {
    const db = database.db;
    const stages = DELIVERY.stages.map((s) => s.id);
    for (let run = 0; run < RUNS; run++) {
      rnd = prng(SEED + run);
      const orders = await newOrders(2);
      for (const c of clients) {
        Object.assign(c.net, { dropBefore: rnd() * 0.4, dropAfter: rnd() * 0.3, duplicate: rnd() * 0.5 });
        await c.engine.syncNow(); // may fail: that is the point
      }
      const steps = 3 + Math.floor(rnd() * 6);
      for (let s = 0; s < steps; s++) {
        const c = clients[Math.floor(rnd() * clients.length)]!;
        const orderId = orders[Math.floor(rnd() * orders.length)]!;
        const action = rnd();
        try {
          if (action < 0.3) {
            const to = stages[Math.floor(rnd() * stages.length)]!;
            // A failed close names one of this role's reasons, as the reason picker makes it.
            const reasons = reasonsFor(c.user.role);
            const reason = to === 'cancelled' ? reasons[Math.floor(rnd() * reasons.length)]?.code : undefined;
            c.enqueued.push(changeStage(c.cache, c.user, orderId, to, reason).id);
          } else if (action < 0.55) {
            c.enqueued.push(addNote(c.cache, orderId, `run ${run} step ${s} by ${c.user.login}`).id);
          } else if (action < 0.7) {
            c.enqueued.push(logCall(c.cache, { direction: 'outgoing', outcome: 'answered', phone: null, customerId: null, orderId, startedAt: new Date().toISOString(), durationSec: s, note: '' }).id);
          } else {
            await c.engine.syncNow();
          }
        } catch (e) {
          // The local rule refused (no such transition from the stage this client sees, or the
          // order has not reached this client yet): nothing was queued.
          if (!(e instanceof PultError)) throw e;
        }
      }
      await syncUntilQuiet();

      // Every client equals the server, for this run's orders, their notes and calls, and the cursor.
      const serverCursor = Number((await db.selectFrom('sync_counter').select('value').executeTakeFirstOrThrow()).value);
      const serverOrders = (await db.selectFrom('orders').selectAll().where('id', 'in', orders).orderBy('id').execute()).map(toOrder);
      const serverNotes = (await db.selectFrom('order_notes').selectAll().where('order_id', 'in', orders).orderBy('id').execute()).map(toOrderNote);
      const serverCalls = (await db.selectFrom('calls').select('id').where('order_id', 'in', orders).orderBy('id').execute()).map((r) => r.id);
      for (const c of clients) {
        expect(c.cache.pendingCount(), `run ${run}: ${c.user.login} still has pending mutations`).toBe(0);
        expect(c.cache.syncState().cursor, `run ${run}: ${c.user.login} cursor`).toBe(serverCursor);
        expect(orders.map((id) => c.cache.getServerOrder(id)).sort((a, b) => (a!.id < b!.id ? -1 : 1)), `run ${run}: orders`).toEqual(serverOrders);
        expect(orders.flatMap((id) => c.cache.notesFor(id)).sort((a, b) => (a.id < b.id ? -1 : 1)), `run ${run}: notes`).toEqual(serverNotes);
        const localCalls = serverCalls.filter((id) => c.cache.getCall(id) !== null);
        expect(localCalls).toEqual(serverCalls);
      }
      // Every mutation ever queued was recorded by the server exactly once, and a note or call
      // exists exactly when its mutation was applied.
      const all = clients.flatMap((c) => c.enqueued);
      const recorded = all.length === 0 ? [] : await db.selectFrom('applied_mutations').select(['mutation_id', 'status']).where('mutation_id', 'in', all).execute();
      const count = new Map<string, number>();
      for (const r of recorded) count.set(r.mutation_id, (count.get(r.mutation_id) ?? 0) + 1);
      for (const id of all) expect(count.get(id), `run ${run}: mutation ${id} recorded`).toBe(1);
      const notesByText = new Map<string, number>();
      for (const n of serverNotes) notesByText.set(n.text, (notesByText.get(n.text) ?? 0) + 1);
      for (const [, n] of notesByText) expect(n).toBe(1);
      // Rejections are shown to the operator; they read them and the outbox empties.
      for (const c of clients) for (const r of c.cache.rejectedMutations()) c.cache.dismissRejected(r.id);
      for (const c of clients) c.enqueued.length = 0;
    }
  }, 600_000);
});
