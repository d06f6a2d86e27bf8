import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { zoomFromKey } from './preferences.js';
import type { PreferencesStore } from './store.js';

const Ctx = createContext<PreferencesStore | null>(null);

/** Provides the preferences and listens for the zoom keys everywhere in the app. */
export function PreferencesProvider({ store, children }: { store: PreferencesStore; children: ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const zoom = zoomFromKey(e, store.getState().prefs.zoom);
      if (zoom === null) return;
      e.preventDefault(); // the browser's own zoom would fight ours
      store.getState().update({ zoom });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return <Ctx.Provider value={store}>{children}</Ctx.Provider>;
}

export function usePreferences() {
  const store = useContext(Ctx);
  if (!store) throw new Error('PreferencesProvider missing');
  return useStore(store);
}
