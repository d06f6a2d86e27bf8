// Change notifications between the code that commits writes and the live sockets.
// In-process now; with several server instances a Postgres LISTEN/NOTIFY implementation of
// this same interface carries the cursor across instances.
import { EventEmitter } from 'node:events';

export interface ChangeNotifier {
  /** Called after a write transaction committed, with the new cursor. */
  publish(cursor: number): void;
  subscribe(listener: (cursor: number) => void): () => void;
  close(): Promise<void>;
}

export class InProcessNotifier implements ChangeNotifier {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0); // one listener per connected client
  }

  publish(cursor: number): void {
    this.emitter.emit('changed', cursor);
  }

  subscribe(listener: (cursor: number) => void): () => void {
    this.emitter.on('changed', listener);
    return () => this.emitter.off('changed', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
