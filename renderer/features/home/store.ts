// «Что делать сейчас»: the list from the local cache, re-read whenever local data changes.
import { create } from 'zustand';
import type { PultApi } from '../../../core/contract.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import type { TodoItem } from '../../../core/todo.js';

interface HomeState {
  items: TodoItem[];
  loaded: boolean;
  error: ApiErrorBody | null;
  load(api: PultApi): Promise<void>;
  reset(): void;
}

export const useHome = create<HomeState>()((set) => ({
  items: [],
  loaded: false,
  error: null,
  async load(api) {
    const r = await api.call('home.todo', {});
    if (r.ok) set({ items: r.value, loaded: true, error: null });
    else set({ loaded: true, error: r.error });
  },
  reset() {
    set({ items: [], loaded: false, error: null });
  },
}));
