// Opening the cache when it may be broken. The cache is only a copy of the server, except for
// its outbox (and the device id + seq the outbox rows were numbered under): those are rescued
// from a damaged or too-new file, the rest is rebuilt by a full pull.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { MutationBody } from '../core/sync.js';
import { openCache, type Cache, type OpenOptions } from './cache.js';

export interface RecoveredOutbox {
  deviceId: string | null;
  lastSeq: number;
  rows: Array<{ id: string; seq: number; name: string; args: string; target_id: string; created_at: string; status: string; error: string | null }>;
}

export interface SafeOpen {
  cache: Cache;
  /** Set when the file was moved aside and rebuilt; where the old one went. */
  rebuiltFrom: string | null;
  recovered: number;
}

/** Reads what it can of an old cache's outbox; never throws. */
export function readOutbox(file: string): RecoveredOutbox {
  const out: RecoveredOutbox = { deviceId: null, lastSeq: 0, rows: [] };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const s = db.prepare<[], { device_id: string; last_seq: number }>('SELECT device_id, last_seq FROM sync_state WHERE id = 1').get();
      if (s) Object.assign(out, { deviceId: s.device_id, lastSeq: s.last_seq });
    } catch {
      // unreadable: a new device id will be made
    }
    try {
      out.rows = db.prepare<[], RecoveredOutbox['rows'][number]>('SELECT id, seq, name, args, target_id, created_at, status, error FROM outbox ORDER BY seq').all();
    } catch {
      // Row by row through the primary key order: take what is readable before the damage.
      try {
        for (const r of db.prepare<[], RecoveredOutbox['rows'][number]>('SELECT id, seq, name, args, target_id, created_at, status, error FROM outbox').iterate()) out.rows.push(r);
      } catch {
        // keep what we got
      }
    }
  } catch {
    // not a database at all
  } finally {
    db?.close();
  }
  return out;
}

function isHealthy(cache: Cache): boolean {
  const r = cache.db.pragma('quick_check', { simple: true });
  return r === 'ok';
}

function moveAside(file: string): string {
  const aside = `${file}.broken-${Date.now()}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/**
 * Opens the cache; a file that is not a database, fails its check after an unclean shutdown,
 * or cannot be migrated is moved aside and replaced by an empty cache that keeps the old
 * outbox rows, device id and seq (so the server still deduplicates them). The caller then
 * pulls from cursor 0.
 */
export function openCacheSafely(file: string, opts: OpenOptions = {}, log?: (msg: string, err?: unknown) => void): SafeOpen {
  let failure: unknown = null;
  try {
    const cache = openCache(file, opts);
    try {
      // WAL + synchronous=FULL survive a kill; the check is for disks and foreign writers.
      if (!cache.uncleanStart || isHealthy(cache)) return { cache, rebuiltFrom: null, recovered: 0 };
      failure = new Error('integrity check failed');
    } catch (e) {
      failure = e;
    }
    cache.db.close();
  } catch (e) {
    failure = e;
  }
  log?.('cache unusable, rebuilding it from the server', failure);
  const old = readOutbox(file);
  const aside = moveAside(file);
  const cache = openCache(file, opts);
  cache.transaction(() => {
    if (old.deviceId) {
      const maxSeq = Math.max(old.lastSeq, ...old.rows.map((r) => r.seq));
      cache.db.prepare('UPDATE sync_state SET device_id = ?, last_seq = ? WHERE id = 1').run(old.deviceId, maxSeq);
    }
    const insert = cache.db.prepare('INSERT OR IGNORE INTO outbox (id, seq, name, args, target_id, created_at, status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    let seq = 0;
    for (const r of old.rows) {
      // A row whose intent cannot be read back would break every outbox query: leave it in the moved-aside file.
      if (!MutationBody.safeParse({ name: r.name, args: safeJson(r.args) }).success) continue;
      // Without the old device id the rows are renumbered under the new one; the server still
      // recognises each by its mutation id and answers what it answered the first time.
      const s = old.deviceId ? r.seq : ++seq;
      insert.run(r.id, s, r.name, r.args, r.target_id, r.created_at, r.status === 'rejected' ? 'rejected' : 'pending', r.error);
    }
    if (!old.deviceId && seq > 0) cache.db.prepare('UPDATE sync_state SET last_seq = ? WHERE id = 1').run(seq);
  });
  return { cache, rebuiltFrom: aside, recovered: old.rows.length };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
