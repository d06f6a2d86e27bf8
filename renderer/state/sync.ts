// The sync engine's state as the main side reports it (event `sync.status`).
import { create } from 'zustand';
import type { PultApi, SyncStatus } from '../../core/contract.js';

interface SyncStore {
  status: SyncStatus | null;
  set(status: SyncStatus): void;
  /** Fetches the current status and follows its events; returns the unsubscribe function. */
  follow(api: PultApi): () => void;
}

export const useSync = create<SyncStore>()((set) => ({
  status: null,
  set(status) {
    set({ status });
  },
  follow(api) {
    void api.call('sync.status', {}).then((r) => {
      if (r.ok) set({ status: r.value });
    });
    return api.on('sync.status', (status) => set({ status }));
  },
}));
