// The client's local cache: confirmed server rows, the outbox of local intents and the sync
// cursor, in one SQLite file per user. Single writer (the main process), WAL, synchronous=FULL:
// once a transaction returns, the change survives a power cut.
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Call, Callback, Claim, Customer, Offer, Order, OrderNote, Pipeline, User } from '../core/domain.js';
import { nameSpellings, type CustomerSearchPlan } from '../core/customer-search.js';
import type { ApiErrorBody } from '../core/errors.js';
import { ApiErrorBody as ApiErrorBodySchema } from '../core/errors.js';
import { LogCallArgs, MutationBody, mutationTarget, type Change, type Mutation, type SyncEntity, type Tombstone } from '../core/sync.js';
import { toPrefixMatch } from './catalog-search.js';
import { loadMigrations, migrate, type Migration } from './migrate.js';

export interface OutboxEntry {
  id: string;
  seq: number;
  createdAt: string;
  status: 'pending' | 'rejected';
  error: ApiErrorBody | null;
  body: MutationBody;
  targetId: string;
}

export interface SyncStateRow {
  cursor: number;
  deviceId: string;
  lastSyncAt: string | null;
}

export interface ApplyOptions {
  /** Outbox ids the server confirmed; deleted in the same transaction as the page. */
  confirmed?: readonly string[];
  syncedAt?: string;
}

export interface OpenOptions {
  migrations?: Migration[];
}

type Row = { data: string };

/** The wire shape of an outbox row for `POST /api/sync/push`. */
export function toMutation(e: OutboxEntry): Mutation {
  return { id: e.id, seq: e.seq, createdAt: e.createdAt, ...e.body };
}

/** The entity a mutation acts on; indexed so the optimistic view finds its intents quickly. */
const targetOf = mutationTarget;

/** Data tables (not the outbox, not sync_state): what a rebuild empties. */
const DATA_TABLES = ['users', 'pipelines', 'offers', 'customers', 'orders', 'order_notes', 'calls', 'callbacks', 'claims'] as const;

/**
 * The tables a bulk load fills with their indexes down: keyed by a unique `id`. Claims are few
 * and keyed by (entity, entity_id); they are always upserted.
 */
const BULK_TABLES = ['users', 'pipelines', 'offers', 'customers', 'orders', 'order_notes', 'calls', 'callbacks'] as const;
type BulkEntity = (typeof BULK_TABLES)[number];
const isBulkEntity = (e: SyncEntity): e is BulkEntity => e !== 'claims';

/** Each entity's table columns, its key first; rowOf gives the values in this order. */
const COLUMNS: Record<SyncEntity, readonly string[]> = {
  users: ['id', 'version', 'data'],
  pipelines: ['id', 'version', 'definition'],
  offers: ['id', 'sku', 'version', 'data'],
  customers: ['id', 'phone', 'updated_at', 'version', 'data'],
  orders: ['id', 'customer_id', 'operator_id', 'technician_id', 'stage_id', 'created_at', 'version', 'data'],
  order_notes: ['id', 'order_id', 'created_at', 'version', 'data'],
  calls: ['id', 'started_at', 'phone', 'version', 'data'],
  callbacks: ['id', 'due_at', 'version', 'data'],
  claims: ['entity', 'entity_id', 'version', 'data'],
};
const KEY: Record<SyncEntity, readonly string[]> = { ...byEntity(() => ['id']), claims: ['entity', 'entity_id'] };

/** Rows per INSERT statement in bulk mode. */
const BULK_ROWS = 50;

const insertSql = (e: SyncEntity, rows = 1) =>
  `INSERT INTO ${e} (${COLUMNS[e].join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${COLUMNS[e].map(() => '?').join(', ')})`).join(', ')}`;
const upsertSql = (e: SyncEntity) =>
  `${insertSql(e)} ON CONFLICT(${KEY[e].join(', ')}) DO UPDATE SET ${COLUMNS[e]
    .filter((c) => !KEY[e].includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

function byEntity<T>(make: (e: SyncEntity) => T): Record<SyncEntity, T> {
  return Object.fromEntries(DATA_TABLES.map((e) => [e, make(e)])) as Record<SyncEntity, T>;
}
function byBulkEntity<T>(make: (e: BulkEntity) => T): Record<BulkEntity, T> {
  return Object.fromEntries(BULK_TABLES.map((e) => [e, make(e)])) as Record<BulkEntity, T>;
}

type SqlValue = string | number | null;

/** A pulled row as its table's column values (COLUMNS order); the whole row is `data`. */
function rowOf(c: Change): SqlValue[] {
  switch (c.entity) {
    case 'users':
      return [c.data.id, c.version, JSON.stringify(c.data)];
    case 'pipelines':
      return [c.data.id, c.version, JSON.stringify(c.data)];
    case 'offers':
      return [c.data.id, c.data.sku, c.version, JSON.stringify(c.data)];
    case 'customers':
      return [c.data.id, c.data.phone, c.data.updatedAt, c.version, JSON.stringify(c.data)];
    case 'orders': {
      const o = c.data;
      return [o.id, o.customerId, o.operatorId, o.technicianId, o.stageId, o.createdAt, c.version, JSON.stringify(o)];
    }
    case 'order_notes':
      return [c.data.id, c.data.orderId, c.data.createdAt, c.version, JSON.stringify(c.data)];
    case 'calls':
      return [c.data.id, c.data.startedAt, c.data.phone, c.version, JSON.stringify(c.data)];
    case 'callbacks':
      return [c.data.id, c.data.dueAt, c.version, JSON.stringify(c.data)];
    case 'claims':
      return [c.data.entity, c.data.entityId, c.version, JSON.stringify(c.data)];
  }
}

export type Cache = ReturnType<typeof openCache>;

export function openCache(file: string, opts: OpenOptions = {}) {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MB of page cache: a first sync inserts a million random UUID keys, and with the 2 MB
    // default every insert reads index pages back from disk.
    db.pragma('cache_size = -65536');
    migrate(db, opts.migrations ?? loadMigrations());
  } catch (e) {
    db.close();
    throw e;
  }

  // The device id is born once with the cache and never changes: the server tracks seq per device.
  const born = db.prepare('INSERT OR IGNORE INTO sync_state (id, cursor, device_id, last_seq) VALUES (1, 0, ?, 0)').run(uuidv7()).changes > 0;
  const cleanRow = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'clean_close'").get();
  const uncleanStart = !born && cleanRow?.value !== '1';
  db.prepare("INSERT INTO meta (key, value) VALUES ('clean_close', '0') ON CONFLICT(key) DO UPDATE SET value = '0'").run();
  // A bulk load that never finished (the app died mid first sync): index what arrived.
  if (db.prepare("SELECT 1 FROM meta WHERE key IN ('bulk_load', 'offers_fts_deferred')").get()) finishBulkLoad(db);

  const st = {
    syncState: db.prepare<[], { cursor: number; device_id: string; last_sync_at: string | null }>(
      'SELECT cursor, device_id, last_sync_at FROM sync_state WHERE id = 1',
    ),
    setCursor: db.prepare<[number, string | null]>('UPDATE sync_state SET cursor = ?, last_sync_at = coalesce(?, last_sync_at) WHERE id = 1'),
    nextSeq: db.prepare<[], { last_seq: number }>('UPDATE sync_state SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq'),

    upsert: byEntity((e) => db.prepare(upsertSql(e))),
    /** Bulk mode: plain appends, the indexes are down (see beginBulkLoad). */
    insert: byBulkEntity((e) => db.prepare(insertSql(e))),
    insertMany: byBulkEntity((e) => db.prepare(insertSql(e, BULK_ROWS))),
    del: byEntity((e) => db.prepare<[string]>(e === 'claims' ? 'DELETE FROM claims WHERE entity_id = ?' : `DELETE FROM ${e} WHERE id = ?`)),
    bulkDelete: db.prepare<[string, string, number]>('INSERT INTO bulk_deletes (entity, id, version) VALUES (?, ?, ?)'),

    user: db.prepare<[string], Row>('SELECT data FROM users WHERE id = ?'),
    pipeline: db.prepare<[string], { data: string }>('SELECT definition AS data FROM pipelines WHERE id = ?'),
    pipelines: db.prepare<[], Row>('SELECT definition AS data FROM pipelines ORDER BY id'),
    customer: db.prepare<[string], Row>('SELECT data FROM customers WHERE id = ?'),
    customersByPhone: db.prepare<[string], Row>('SELECT data FROM customers WHERE phone = ? ORDER BY updated_at DESC'),
    order: db.prepare<[string], Row>('SELECT data FROM orders WHERE id = ?'),
    ordersAll: db.prepare<[], Row>('SELECT data FROM orders ORDER BY created_at DESC'),
    // Two index lookups joined by UNION rather than an OR the planner might turn into a scan.
    ordersMine: db.prepare<[string, string], Row>(
      `SELECT data, created_at FROM orders WHERE operator_id = ?
       UNION SELECT data, created_at FROM orders WHERE technician_id = ? ORDER BY created_at DESC`,
    ),
    call: db.prepare<[string], Row>('SELECT data FROM calls WHERE id = ?'),
    callsByPhone: db.prepare<[string, number], Row>('SELECT data FROM calls WHERE phone = ? ORDER BY started_at DESC LIMIT ?'),
    offer: db.prepare<[string], Row>('SELECT data FROM offers WHERE id = ?'),
    // No ORDER BY rank: ranking would score every match (tens of thousands for «смес»); in
    // rowid order FTS5 stops at the LIMIT. Names that start with the words come first instead.
    searchOffers: db.prepare<[string, number], Row>('SELECT o.data FROM offers_fts f JOIN offers o ON o.rowid = f.rowid WHERE offers_fts MATCH ? LIMIT ?'),
    // Every city some offer has its own price in (a full scan: the caller keeps the answer).
    offerPriceKeys: db.prepare<[], { city: string }>("SELECT DISTINCT j.key AS city FROM offers, json_each(offers.data, '$.prices') AS j"),
    notesFor: db.prepare<[string], Row>('SELECT data FROM order_notes WHERE order_id = ? ORDER BY created_at, id'),
    note: db.prepare<[string], Row>('SELECT data FROM order_notes WHERE id = ?'),
    callback: db.prepare<[string], Row>('SELECT data FROM callbacks WHERE id = ?'),
    claim: db.prepare<[string, string], Row>('SELECT data FROM claims WHERE entity = ? AND entity_id = ?'),
    claimsOn: db.prepare<[string], Row>('SELECT data FROM claims WHERE entity = ?'),
    ordersByCustomer: db.prepare<[string], Row>('SELECT data FROM orders WHERE customer_id = ? ORDER BY created_at DESC'),
    ordersUnassigned: db.prepare<[], Row>('SELECT data FROM orders WHERE operator_id IS NULL ORDER BY created_at DESC'),
    // The expressions match the indexes of migration 006 exactly, so the planner uses them.
    callsOfCustomer: db.prepare<[string, string, number], Row>(
      `SELECT data, started_at FROM calls WHERE json_extract(data, '$.customerId') = ?
       UNION SELECT data, started_at FROM calls WHERE phone = ? ORDER BY started_at DESC LIMIT ?`,
    ),
    openCallbacks: db.prepare<[], Row>("SELECT data FROM callbacks WHERE json_extract(data, '$.doneAt') IS NULL ORDER BY due_at"),
    customersByPhonePrefix: db.prepare<[string, string, number], Row>('SELECT data FROM customers WHERE phone >= ? AND phone < ? ORDER BY phone LIMIT ?'),

    insertOutbox: db.prepare<[string, number, string, string, string, string]>(
      "INSERT INTO outbox (id, seq, name, args, target_id, created_at, status) VALUES (?, ?, ?, ?, ?, ?, 'pending')",
    ),
    pendingBatch: db.prepare<[number, number], OutboxRow>("SELECT * FROM outbox WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT ?"),
    pendingFor: db.prepare<[string], OutboxRow>("SELECT * FROM outbox WHERE target_id = ? AND status = 'pending' ORDER BY seq"),
    pendingAll: db.prepare<[], OutboxRow>("SELECT * FROM outbox WHERE status = 'pending' ORDER BY seq"),
    pendingCallsByPhone: db.prepare<[string], { args: string }>(
      "SELECT args FROM outbox WHERE status = 'pending' AND name = 'calls.log' AND json_extract(args, '$.phone') = ? ORDER BY seq DESC",
    ),
    pendingCount: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'"),
    rejected: db.prepare<[], OutboxRow>("SELECT * FROM outbox WHERE status = 'rejected' ORDER BY seq DESC"),
    reject: db.prepare<[string, string]>("UPDATE outbox SET status = 'rejected', error = ? WHERE id = ?"),
    confirm: db.prepare<[string]>("DELETE FROM outbox WHERE id = ? AND status = 'pending'"),
    dismiss: db.prepare<[string]>("DELETE FROM outbox WHERE id = ? AND status = 'rejected'"),

    metaGet: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    metaSet: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };

  /** True while a bulk load has the data tables' indexes down (a first sync). */
  let bulk = false;

  function writeChange(c: Change | Tombstone): void {
    if (c.op === 'delete') st.del[c.entity].run(c.id);
    else st.upsert[c.entity].run(rowOf(c));
  }

  /**
   * Bulk mode: rows are appended BULK_ROWS to a statement (a quarter less work per row than one
   * by one), deletes wait in bulk_deletes. Order within a page does not matter here: the end of
   * the bulk load keeps the newest version of each id and applies deletes by version.
   */
  function writeBulk(changes: readonly (Change | Tombstone)[]): void {
    const rows = byBulkEntity((): SqlValue[][] => []);
    for (const c of changes) {
      if (!isBulkEntity(c.entity)) writeChange(c);
      else if (c.op === 'delete') st.bulkDelete.run(c.entity, c.id, c.version);
      else rows[c.entity].push(rowOf(c));
    }
    for (const e of BULK_TABLES) {
      const list = rows[e];
      let i = 0;
      for (; i + BULK_ROWS <= list.length; i += BULK_ROWS) st.insertMany[e].run(list.slice(i, i + BULK_ROWS).flat());
      for (; i < list.length; i++) st.insert[e].run(list[i]);
    }
  }

  const applyTx = db.transaction((changes: readonly (Change | Tombstone)[], cursor: number, o: ApplyOptions) => {
    const touched = new Set<SyncEntity>();
    if (bulk) writeBulk(changes);
    else for (const c of changes) writeChange(c);
    for (const c of changes) touched.add(c.entity);
    let confirmed = 0;
    for (const id of o.confirmed ?? []) confirmed += st.confirm.run(id).changes;
    st.setCursor.run(cursor, o.syncedAt ?? null);
    return { entities: [...touched], confirmed };
  });

  // Rows in the cache were schema-parsed when pulled; reading them back trusts our own writes.
  const parse = <T>(row: Row | undefined): T | null => (row ? (JSON.parse(row.data) as T) : null);
  const parseAll = <T>(rows: Row[]): T[] => rows.map((r) => JSON.parse(r.data) as T);

  return {
    db,
    file,
    close(): void {
      if (!db.open) return;
      // Marks a clean shutdown: the next open skips the integrity check.
      try {
        st.metaSet.run('clean_close', '1');
      } catch {
        // read-only or already broken: the next open checks
      }
      db.close();
    },
    /** True when the previous run did not close the cache (crash, kill, power cut). */
    uncleanStart,
    /** Runs `fn` in one SQLite transaction (nested calls become savepoints). */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },

    syncState(): SyncStateRow {
      const r = st.syncState.get();
      if (!r) throw new Error('sync_state row missing');
      return { cursor: r.cursor, deviceId: r.device_id, lastSyncAt: r.last_sync_at };
    },

    /**
     * Writes one pulled page and its cursor in ONE transaction: upserts replace the server row,
     * tombstones delete it. Re-applying the same page is harmless (idempotent).
     */
    applyChanges(changes: readonly (Change | Tombstone)[], cursor: number, o: ApplyOptions = {}): { entities: SyncEntity[]; confirmed: number } {
      return applyTx(changes, cursor, o);
    },

    getUser: (id: string) => parse<User>(st.user.get(id)),
    getPipeline: (id: string) => parse<Pipeline>(st.pipeline.get(id)),
    listPipelines: () => parseAll<Pipeline>(st.pipelines.all()),
    getCustomer: (id: string) => parse<Customer>(st.customer.get(id)),
    /** Uses the `customers_phone` index; newest first when a number is shared. */
    findCustomersByPhone: (e164: string) => parseAll<Customer>(st.customersByPhone.all(e164)),
    /** The confirmed server row, without pending local changes. */
    getServerOrder: (id: string) => parse<Order>(st.order.get(id)),
    listServerOrders: (mineFor?: string) => parseAll<Order>(mineFor ? st.ordersMine.all(mineFor, mineFor) : st.ordersAll.all()),
    serverOrdersByCustomer: (customerId: string) => parseAll<Order>(st.ordersByCustomer.all(customerId)),
    /** Orders nobody is assigned to as operator (the pool), newest first. */
    serverOrdersUnassigned: () => parseAll<Order>(st.ordersUnassigned.all()),
    /** Orders whose confirmed stage is one of `stageIds` (index on stage_id). */
    serverOrdersInStages(stageIds: readonly string[]): Order[] {
      if (stageIds.length === 0) return [];
      const marks = stageIds.map(() => '?').join(', ');
      return parseAll<Order>(db.prepare<string[], Row>(`SELECT data FROM orders WHERE stage_id IN (${marks}) ORDER BY created_at DESC`).all(...stageIds));
    },
    /** Confirmed calls linked to the customer or made from/to their phone, newest first. */
    callsOfCustomer: (customerId: string, phone: string, limit: number) => parseAll<Call>(st.callsOfCustomer.all(customerId, phone, limit)),
    /** Callbacks not done yet, earliest due first. */
    openCallbacks: () => parseAll<Callback>(st.openCallbacks.all()),
    /**
     * Customers whose phone starts with an E.164 prefix (index range), or whose name contains
     * every word. Names are matched as typed and capitalized: SQLite's LIKE folds only ASCII.
     */
    searchCustomers(plan: CustomerSearchPlan, limit: number): Customer[] {
      if (plan.phonePrefix) return parseAll<Customer>(st.customersByPhonePrefix.all(plan.phonePrefix, `${plan.phonePrefix}:`, limit));
      if (plan.words.length === 0) return [];
      const clauses: string[] = [];
      const args: (string | number)[] = [];
      for (const w of plan.words) {
        const spellings = nameSpellings(w);
        clauses.push(`(${spellings.map(() => "json_extract(data, '$.name') LIKE ?").join(' OR ')})`);
        args.push(...spellings.map((x) => `%${x}%`));
      }
      args.push(limit);
      return parseAll<Customer>(db.prepare<(string | number)[], Row>(`SELECT data FROM customers WHERE ${clauses.join(' AND ')} LIMIT ?`).all(...args));
    },
    getCall: (id: string) => parse<Call>(st.call.get(id)),
    /** The server's record of calls with this number, newest first. */
    recentServerCallsByPhone: (e164: string, limit: number) => parseAll<Call>(st.callsByPhone.all(e164, limit)),
    getOffer: (id: string) => parse<Offer>(st.offer.get(id)),
    /**
     * Bulk loading (a first sync or a rebuild, into empty tables): every index of the data
     * tables is dropped and rows are appended in pull order; `endBulkLoad` builds the indexes
     * and the catalog search index once, keeps the newest row of any id that came twice and
     * applies the deletes that arrived meanwhile. Reads still work, by scanning. Crash-safe:
     * a cache opened mid bulk load finishes it at open.
     */
    beginBulkLoad(): void {
      if (bulk) return;
      // Appends to new pages need no rollback journal, while WAL would write every page twice
      // (log, then checkpoint): a rollback journal halves the disk writes of a first sync, with
      // the same atomic, durable (synchronous=FULL) commits for the outbox meanwhile.
      db.pragma('journal_mode = TRUNCATE');
      db.transaction(() => {
        const indexes = db
          .prepare<string[], { name: string; tbl: string; sql: string }>(
            `SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')})`,
          )
          .all(...BULK_TABLES);
        const keep = db.prepare<[string, string, string]>('INSERT OR REPLACE INTO bulk_indexes (name, tbl, sql) VALUES (?, ?, ?)');
        for (const i of indexes) {
          keep.run(i.name, i.tbl, i.sql);
          db.exec(`DROP INDEX ${i.name}`);
        }
        st.metaSet.run('bulk_load', '1');
        st.metaSet.run('offers_fts_deferred', '1');
      })();
      bulk = true;
    },
    /** Ends a bulk load (see beginBulkLoad); does nothing when none is under way. */
    endBulkLoad(): void {
      if (!bulk && !st.metaGet.get('bulk_load') && !st.metaGet.get('offers_fts_deferred')) return;
      finishBulkLoad(db);
      bulk = false;
      db.pragma('journal_mode = WAL');
    },
    inBulkLoad: () => bulk,
    /** Prefix search over the catalog (FTS5): every typed word must match the start of a word. */
    searchOffers(text: string, limit: number): Offer[] {
      const match = toPrefixMatch(text);
      if (!match) return [];
      const leading = parseAll<Offer>(st.searchOffers.all(`name : ^${match.split(' AND ')[0] ?? ''} AND (${match})`, limit));
      if (leading.length >= limit) return leading;
      const seen = new Set(leading.map((o) => o.id));
      return [...leading, ...parseAll<Offer>(st.searchOffers.all(match, limit)).filter((o) => !seen.has(o.id))].slice(0, limit);
    },
    /** The keys of every offer's price table ('*' included): the cities priced on their own. */
    offerPriceKeys: (): string[] => st.offerPriceKeys.all().map((r) => r.city),
    getNote: (id: string) => parse<OrderNote>(st.note.get(id)),
    /** Confirmed notes of an order, oldest first. */
    notesFor: (orderId: string) => parseAll<OrderNote>(st.notesFor.all(orderId)),

    /**
     * Empties every data table and the cursor, keeping the outbox, the device id and its seq:
     * the next pull rebuilds the cache from scratch and pending intents are replayed on top.
     */
    resetData(): void {
      db.transaction(() => {
        for (const t of DATA_TABLES) db.exec(`DELETE FROM ${t}`);
        db.exec('DELETE FROM bulk_deletes');
        db.prepare('UPDATE sync_state SET cursor = 0 WHERE id = 1').run();
      })();
    },
    /** The operator has read a refusal: the refused intent leaves the outbox. */
    dismissRejected: (id: string) => st.dismiss.run(id).changes > 0,
    getCallback: (id: string) => parse<Callback>(st.callback.get(id)),
    /** The last known claim on one thing (may have expired: compare `expiresAt` with now). */
    getClaim: (entity: Claim['entity'], id: string) => parse<Claim>(st.claim.get(entity, id)),
    /** Every known claim on one kind of thing, keyed by its id (expired ones included). */
    claimsOn(entity: Claim['entity']): Map<string, Claim> {
      return new Map(parseAll<Claim>(st.claimsOn.all(entity)).map((c) => [c.entityId, c]));
    },

    /**
     * Appends an intent with the next per-device seq. Call inside the caller's transaction
     * together with whatever else must be atomic with it.
     */
    enqueue(body: MutationBody, createdAt: string = new Date().toISOString()): OutboxEntry {
      const parsed = MutationBody.parse(body);
      const seqRow = st.nextSeq.get();
      if (!seqRow) throw new Error('sync_state row missing');
      const entry: OutboxEntry = {
        id: uuidv7(),
        seq: seqRow.last_seq,
        createdAt,
        status: 'pending',
        error: null,
        body: parsed,
        targetId: targetOf(parsed),
      };
      st.insertOutbox.run(entry.id, entry.seq, parsed.name, JSON.stringify(parsed.args), entry.targetId, createdAt);
      return entry;
    },
    /** Pending intents after `afterSeq`, in seq order: the push loop pages through them. */
    pendingBatch: (afterSeq: number, limit: number) => st.pendingBatch.all(afterSeq, limit).map(fromOutboxRow),
    pendingAll: () => st.pendingAll.all().map(fromOutboxRow),
    /** Calls logged here and not yet confirmed by the server, with this number. */
    pendingCallsByPhone: (e164: string): LogCallArgs[] => st.pendingCallsByPhone.all(e164).map((r) => LogCallArgs.parse(JSON.parse(r.args))),
    pendingFor: (targetId: string) => st.pendingFor.all(targetId).map(fromOutboxRow),
    pendingCount: () => st.pendingCount.get()?.n ?? 0,
    rejectedMutations: () => st.rejected.all().map(fromOutboxRow),
    /** The server refused it: it stays in the outbox, out of the optimistic view, with its reason. */
    markRejected(id: string, error: ApiErrorBody): void {
      st.reject.run(JSON.stringify(error), id);
    },

    getMeta: (key: string) => st.metaGet.get(key)?.value ?? null,
    setMeta: (key: string, value: string) => void st.metaSet.run(key, value),
  };
}

/**
 * Ends a bulk load in one transaction: builds the dropped indexes again (a unique one that
 * meets an id twice — the row changed while the sync ran — keeps the newest version and
 * retries), applies the deletes that waited for them, and indexes the catalog for search.
 */
function finishBulkLoad(db: Database.Database): void {
  db.transaction(() => {
    for (const i of db.prepare<[], { name: string; tbl: string; sql: string }>('SELECT name, tbl, sql FROM bulk_indexes ORDER BY name').all()) {
      try {
        db.exec(i.sql);
      } catch (e) {
        if (!(e instanceof Database.SqliteError) || e.code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
        db.exec(`DELETE FROM ${i.tbl} WHERE rowid IN (SELECT rowid FROM (
          SELECT rowid, row_number() OVER (PARTITION BY id ORDER BY version DESC, rowid DESC) AS n FROM ${i.tbl}) WHERE n > 1)`);
        db.exec(i.sql);
      }
    }
    for (const t of BULK_TABLES) {
      db.prepare(`DELETE FROM ${t} WHERE rowid IN (
        SELECT r.rowid FROM bulk_deletes d JOIN ${t} r ON r.id = d.id WHERE d.entity = ? AND r.version < d.version)`).run(t);
    }
    db.exec(`DELETE FROM bulk_deletes;
      DELETE FROM bulk_indexes;
      DELETE FROM offers_fts;
      INSERT INTO offers_fts (rowid, sku, name) SELECT rowid, sku, json_extract(data, '$.name') FROM offers;
      DELETE FROM meta WHERE key IN ('bulk_load', 'offers_fts_deferred');`);
  })();
}

interface OutboxRow {
  id: string;
  seq: number;
  name: string;
  args: string;
  target_id: string;
  created_at: string;
  status: 'pending' | 'rejected';
  error: string | null;
}

function fromOutboxRow(r: OutboxRow): OutboxEntry {
  const body = MutationBody.parse({ name: r.name, args: JSON.parse(r.args) as unknown });
  const err = r.error ? ApiErrorBodySchema.safeParse(JSON.parse(r.error) as unknown) : null;
  return {
    id: r.id,
    seq: r.seq,
    createdAt: r.created_at,
    status: r.status,
    error: err ? (err.success ? err.data : { code: 'internal', message: 'unreadable error' }) : null,
    body,
    targetId: r.target_id,
  };
}
