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
  if (db.prepare("SELECT 1 FROM meta WHERE key = 'offers_fts_deferred'").get()) rebuildOfferIndex(db);

  const st = {
    syncState: db.prepare<[], { cursor: number; device_id: string; last_sync_at: string | null }>(
      'SELECT cursor, device_id, last_sync_at FROM sync_state WHERE id = 1',
    ),
    setCursor: db.prepare<[number, string | null]>('UPDATE sync_state SET cursor = ?, last_sync_at = coalesce(?, last_sync_at) WHERE id = 1'),
    nextSeq: db.prepare<[], { last_seq: number }>('UPDATE sync_state SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq'),

    upsertUser: db.prepare<[string, number, string]>(
      'INSERT INTO users (id, version, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, data = excluded.data',
    ),
    upsertPipeline: db.prepare<[string, number, string]>(
      'INSERT INTO pipelines (id, version, definition) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version, definition = excluded.definition',
    ),
    upsertCustomer: db.prepare<[string, string, string, number, string]>(
      `INSERT INTO customers (id, phone, updated_at, version, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET phone = excluded.phone, updated_at = excluded.updated_at, version = excluded.version, data = excluded.data`,
    ),
    upsertOrder: db.prepare<[string, string, string | null, string | null, string, string, number, string]>(
      `INSERT INTO orders (id, customer_id, operator_id, technician_id, stage_id, created_at, version, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, operator_id = excluded.operator_id,
         technician_id = excluded.technician_id, stage_id = excluded.stage_id, created_at = excluded.created_at,
         version = excluded.version, data = excluded.data`,
    ),
    upsertOffer: db.prepare<[string, string, number, string]>(
      'INSERT INTO offers (id, sku, version, data) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET sku = excluded.sku, version = excluded.version, data = excluded.data',
    ),
    upsertNote: db.prepare<[string, string, string, number, string]>(
      `INSERT INTO order_notes (id, order_id, created_at, version, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET order_id = excluded.order_id, created_at = excluded.created_at, version = excluded.version, data = excluded.data`,
    ),
    upsertCall: db.prepare<[string, string, string | null, number, string]>(
      'INSERT INTO calls (id, started_at, phone, version, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET started_at = excluded.started_at, phone = excluded.phone, version = excluded.version, data = excluded.data',
    ),
    upsertCallback: db.prepare<[string, string, number, string]>(
      'INSERT INTO callbacks (id, due_at, version, data) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET due_at = excluded.due_at, version = excluded.version, data = excluded.data',
    ),
    upsertClaim: db.prepare<[string, string, number, string]>(
      'INSERT INTO claims (entity, entity_id, version, data) VALUES (?, ?, ?, ?) ON CONFLICT(entity, entity_id) DO UPDATE SET version = excluded.version, data = excluded.data',
    ),
    del: {
      users: db.prepare<[string]>('DELETE FROM users WHERE id = ?'),
      pipelines: db.prepare<[string]>('DELETE FROM pipelines WHERE id = ?'),
      offers: db.prepare<[string]>('DELETE FROM offers WHERE id = ?'),
      order_notes: db.prepare<[string]>('DELETE FROM order_notes WHERE id = ?'),
      customers: db.prepare<[string]>('DELETE FROM customers WHERE id = ?'),
      orders: db.prepare<[string]>('DELETE FROM orders WHERE id = ?'),
      calls: db.prepare<[string]>('DELETE FROM calls WHERE id = ?'),
      callbacks: db.prepare<[string]>('DELETE FROM callbacks WHERE id = ?'),
      claims: db.prepare<[string]>('DELETE FROM claims WHERE entity_id = ?'),
    } satisfies Record<SyncEntity, unknown>,

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

  function writeChange(c: Change | Tombstone): void {
    if (c.op === 'delete') {
      st.del[c.entity].run(c.id);
      return;
    }
    switch (c.entity) {
      case 'users':
        st.upsertUser.run(c.data.id, c.version, JSON.stringify(c.data));
        break;
      case 'pipelines':
        st.upsertPipeline.run(c.data.id, c.version, JSON.stringify(c.data));
        break;
      case 'customers':
        st.upsertCustomer.run(c.data.id, c.data.phone, c.data.updatedAt, c.version, JSON.stringify(c.data));
        break;
      case 'orders': {
        const o = c.data;
        st.upsertOrder.run(o.id, o.customerId, o.operatorId, o.technicianId, o.stageId, o.createdAt, c.version, JSON.stringify(o));
        break;
      }
      case 'offers':
        st.upsertOffer.run(c.data.id, c.data.sku, c.version, JSON.stringify(c.data));
        break;
      case 'order_notes':
        st.upsertNote.run(c.data.id, c.data.orderId, c.data.createdAt, c.version, JSON.stringify(c.data));
        break;
      case 'calls':
        st.upsertCall.run(c.data.id, c.data.startedAt, c.data.phone, c.version, JSON.stringify(c.data));
        break;
      case 'callbacks':
        st.upsertCallback.run(c.data.id, c.data.dueAt, c.version, JSON.stringify(c.data));
        break;
      case 'claims':
        st.upsertClaim.run(c.data.entity, c.data.entityId, c.version, JSON.stringify(c.data));
        break;
    }
  }

  const applyTx = db.transaction((changes: readonly (Change | Tombstone)[], cursor: number, o: ApplyOptions) => {
    const touched = new Set<SyncEntity>();
    for (const c of changes) {
      writeChange(c);
      touched.add(c.entity);
    }
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
     * Bulk loading (a first sync): the search index stops following row by row and is rebuilt
     * in one statement by `endBulkLoad`. Crash-safe: a cache opened with the flag still set is
     * rebuilt at open.
     */
    beginBulkLoad(): void {
      st.metaSet.run('offers_fts_deferred', '1');
    },
    /** Indexes what a bulk load brought; does nothing when no bulk load is under way. */
    endBulkLoad(): void {
      if (st.metaGet.get('offers_fts_deferred')) rebuildOfferIndex(db);
    },
    /** Prefix search over the catalog (FTS5): every typed word must match the start of a word. */
    searchOffers(text: string, limit: number): Offer[] {
      const match = toPrefixMatch(text);
      if (!match) return [];
      const leading = parseAll<Offer>(st.searchOffers.all(`name : ^${match.split(' AND ')[0] ?? ''} AND (${match})`, limit));
      if (leading.length >= limit) return leading;
      const seen = new Set(leading.map((o) => o.id));
      return [...leading, ...parseAll<Offer>(st.searchOffers.all(match, limit)).filter((o) => !seen.has(o.id))].slice(0, limit);
    },
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

/** Re-indexes every offer in one statement and lets the triggers take over again. */
function rebuildOfferIndex(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`DELETE FROM offers_fts;
      INSERT INTO offers_fts (rowid, sku, name) SELECT rowid, sku, json_extract(data, '$.name') FROM offers;
      DELETE FROM meta WHERE key = 'offers_fts_deferred';`);
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
