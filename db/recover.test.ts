import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from './cache.js';
import { openCacheSafely } from './recover.js';
import { order, seedChanges } from './test-fixtures.js';

let dir: string;
const file = () => path.join(dir, 'cache.sqlite');
beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-recover-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function withPending() {
  const c = openCache(file());
  c.applyChanges(seedChanges(), 9);
  const a = c.enqueue({ name: 'orders.addNote', args: { noteId: '01900000-0000-7000-8000-a00000000001', orderId: order(1).id, text: 'не потерять' } });
  const b = c.enqueue({ name: 'orders.changeStage', args: { orderId: order(1).id, toStageId: 'assigned', baseVersion: 1 } });
  const device = c.syncState().deviceId;
  c.close();
  return { a, b, device };
}

describe('opening a damaged cache', () => {
  it('opens a healthy cache as it is', () => {
    withPending();
    const r = openCacheSafely(file());
    expect(r.rebuiltFrom).toBeNull();
    expect(r.cache.pendingCount()).toBe(2);
    expect(r.cache.syncState().cursor).toBe(9);
    r.cache.close();
  });

  it('rebuilds a file that is not a database, keeping nothing it cannot read', () => {
    fs.writeFileSync(file(), 'this is not sqlite at all, just garbage bytes '.repeat(200));
    const r = openCacheSafely(file());
    expect(r.rebuiltFrom).not.toBeNull();
    expect(fs.existsSync(r.rebuiltFrom!)).toBe(true);
    expect(r.cache.syncState().cursor).toBe(0);
    r.cache.close();
  });

  it('rebuilds a cache from a newer app version, carrying its outbox, device id and seq over', () => {
    const { a, b, device } = withPending();
    const raw = openCache(file());
    raw.db.pragma('user_version = 999'); // as if a newer app had migrated it
    raw.db.close();
    const r = openCacheSafely(file());
    expect(r.rebuiltFrom).not.toBeNull();
    expect(r.recovered).toBe(2);
    const s = r.cache.syncState();
    expect(s).toMatchObject({ cursor: 0, deviceId: device });
    expect(r.cache.pendingAll().map((m) => [m.id, m.seq, m.body.name])).toEqual([
      [a.id, a.seq, 'orders.addNote'],
      [b.id, b.seq, 'orders.changeStage'],
    ]);
    // The next intent continues the device's sequence.
    expect(r.cache.enqueue({ name: 'orders.changeStage', args: { orderId: order(1).id, toStageId: 'lost', baseVersion: 1 } }).seq).toBe(b.seq + 1);
    r.cache.close();
  });
});
