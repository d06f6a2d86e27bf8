// The signed-in user's shortcuts, kept on this computer next to their display preferences
// (`pult.shortcuts.<user id>` beside `pult.preferences.<user id>`): nothing secret in them.
import { create } from 'zustand';
import type { KeyValueStore } from '../preferences/preferences.js';
import { checkShortcut, DEFAULT_SHORTCUTS, Shortcuts, type Refusal, type ShortcutAction } from './shortcuts.js';

const keyFor = (userId: string) => `pult.shortcuts.${userId}`;

export function loadShortcuts(store: KeyValueStore, userId: string | null): Shortcuts {
  const raw = userId ? store.getItem(keyFor(userId)) : null;
  if (!raw) return { ...DEFAULT_SHORTCUTS };
  try {
    return Shortcuts.parse(JSON.parse(raw) as unknown);
  } catch {
    return { ...DEFAULT_SHORTCUTS };
  }
}

interface ShortcutsState {
  keys: Shortcuts;
  userId: string | null;
  /** A key is being chosen in the settings: the shortcuts stand aside meanwhile. */
  capturing: boolean;
  switchUser(userId: string | null): void;
  /** Sets the key, or says why not (nothing changes then). */
  assign(action: ShortcutAction, key: string): Refusal | null;
  resetAll(): void;
  setCapturing(on: boolean): void;
}

const browserStorage = (): KeyValueStore => globalThis.localStorage;

export function createShortcutsStore(storage: () => KeyValueStore = browserStorage) {
  return create<ShortcutsState>()((set, get) => {
    const save = (keys: Shortcuts) => {
      const id = get().userId;
      if (id) storage().setItem(keyFor(id), JSON.stringify(keys));
      set({ keys });
    };
    return {
      keys: { ...DEFAULT_SHORTCUTS },
      userId: null,
      capturing: false,
      switchUser(userId) {
        set({ userId, keys: loadShortcuts(storage(), userId) });
      },
      assign(action, key) {
        const refusal = checkShortcut(action, key, get().keys);
        if (refusal) return refusal;
        save({ ...get().keys, [action]: key });
        return null;
      },
      resetAll() {
        save({ ...DEFAULT_SHORTCUTS });
      },
      setCapturing(on) {
        set({ capturing: on });
      },
    };
  });
}

export const useShortcutKeys = createShortcutsStore();

/** The key shown on a button for an action. */
export function useShortcutLabel(action: ShortcutAction): string {
  return useShortcutKeys((s) => s.keys[action]);
}

/** «Перевести» asked by key: the in-call panel of this call opens its transfer form. */
export const useTransferRequest = create<{ callId: string | null; seq: number }>()(() => ({ callId: null, seq: 0 }));
