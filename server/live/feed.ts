// Turns "something committed, cursor N" into one `changed` message for every socket: the
// changes since the last message are read once and sent along, so a connected client applies
// them without a pull of its own (200 clients cost one query, not 200). A large burst is sent
// as a bare cursor and clients pull it.
import type { LiveMessage } from '../../core/sync.js';
import type { Db } from '../db/database.js';
import { currentVersion } from '../db/versions.js';
import { pullChanges } from '../sync/pull.js';
import type { ChangeNotifier } from './notifier.js';

const INLINE_LIMIT = 500;

export class ChangeFeed {
  private sent: number | null = null;
  private wanted = 0;
  private running: Promise<void> | null = null;
  private readonly listeners = new Set<(m: LiveMessage) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly db: Db, notifier: ChangeNotifier) {
    this.unsubscribe = notifier.subscribe((cursor) => this.publish(cursor));
  }

  private publish(cursor: number): void {
    this.wanted = Math.max(this.wanted, cursor);
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  private async drain(): Promise<void> {
    try {
      this.sent ??= Math.max(0, (await currentVersion(this.db)) - 1);
      while (this.sent < this.wanted) {
        const from: number = this.sent;
        const page = await pullChanges(this.db, from, INLINE_LIMIT);
        const message: LiveMessage = page.hasMore || page.resync
          ? { type: 'changed', cursor: Math.max(this.wanted, page.cursor) }
          : { type: 'changed', cursor: page.cursor, from, changes: page.changes };
        this.sent = message.cursor;
        for (const l of [...this.listeners]) l(message);
      }
    } catch {
      // The database is away: tell everyone to pull (they retry on their own timers).
      this.sent = this.wanted;
      for (const l of [...this.listeners]) l({ type: 'changed', cursor: this.wanted });
    }
  }

  subscribe(listener: (m: LiveMessage) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
