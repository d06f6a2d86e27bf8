// The preferences in effect, applied to the whole document: CSS zoom (layout reflows, so at
// 200 % nothing scrolls sideways), the theme attribute, the language and the page's lang.
import type { i18n as I18n } from 'i18next';
import { create } from 'zustand';
import { DEFAULT_PREFERENCES, loadPreferences, savePreferences, type KeyValueStore, type Preferences } from './preferences.js';

interface PreferencesState {
  prefs: Preferences;
  userId: string | null;
  /** Loads the user's preferences (null = before login) and applies them. */
  switchUser(userId: string | null): void;
  update(patch: Partial<Preferences>): void;
}

export function applyPreferences(prefs: Preferences, doc: Document, i18n: I18n): void {
  const root = doc.documentElement;
  root.style.setProperty('zoom', String(prefs.zoom / 100));
  // Viewport units are zoomed too: 100vh is twice the window at 200 %. Fixed-size overlays
  // (dialogs) divide by this to fit the window.
  root.style.setProperty('--zoom', String(prefs.zoom / 100));
  root.dataset.theme = prefs.theme;
  root.lang = prefs.language;
  if (i18n.language !== prefs.language) void i18n.changeLanguage(prefs.language);
  doc.title = i18n.t('app.title');
}

export function createPreferencesStore(storage: KeyValueStore, doc: Document, i18n: I18n) {
  return create<PreferencesState>()((set, get) => ({
    prefs: DEFAULT_PREFERENCES,
    userId: null,
    switchUser(userId) {
      const prefs = loadPreferences(storage, userId);
      applyPreferences(prefs, doc, i18n);
      set({ prefs, userId });
    },
    update(patch) {
      const prefs = { ...get().prefs, ...patch };
      savePreferences(storage, get().userId, prefs);
      applyPreferences(prefs, doc, i18n);
      set({ prefs });
    },
  }));
}

export type PreferencesStore = ReturnType<typeof createPreferencesStore>;
