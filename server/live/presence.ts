// Who is online and who is on a call, from the live sockets of this server instance.
// A user is online while at least one of their sockets is open; on a call while any of those
// sockets said so. (Across several instances this would go through the notifier, like changes.)
import { EventEmitter } from 'node:events';
import type { Presence } from '../../core/sync.js';

interface Conn {
  userId: string;
  onCall: boolean;
}

export class PresenceHub {
  private readonly conns = new Map<object, Conn>();
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  private of(userId: string): Presence {
    let online = false;
    let onCall = false;
    for (const c of this.conns.values()) {
      if (c.userId !== userId) continue;
      online = true;
      onCall ||= c.onCall;
    }
    return { userId, state: online ? 'online' : 'offline', onCall };
  }

  private change(userId: string, mutate: () => void): void {
    const before = this.of(userId);
    mutate();
    const after = this.of(userId);
    if (before.state !== after.state || before.onCall !== after.onCall) this.emitter.emit('presence', after);
  }

  connect(key: object, userId: string): void {
    this.change(userId, () => this.conns.set(key, { userId, onCall: false }));
  }

  setOnCall(key: object, onCall: boolean): void {
    const c = this.conns.get(key);
    if (c) this.change(c.userId, () => (c.onCall = onCall));
  }

  disconnect(key: object): void {
    const c = this.conns.get(key);
    if (c) this.change(c.userId, () => this.conns.delete(key));
  }

  /** Everyone online now. */
  snapshot(): Presence[] {
    return [...new Set([...this.conns.values()].map((c) => c.userId))].map((u) => this.of(u));
  }

  subscribe(listener: (p: Presence) => void): () => void {
    this.emitter.on('presence', listener);
    return () => this.emitter.off('presence', listener);
  }
}
