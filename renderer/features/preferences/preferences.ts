// Display preferences: zoom 100–200 %, theme, language. Remembered per user on this computer
// (nothing secret in them, so the renderer's own storage is fine).
import { z } from 'zod';

export const ZOOM_MIN = 100;
export const ZOOM_MAX = 200;
export const ZOOM_STEP = 10;

export const Theme = z.enum(['light', 'dark', 'contrast']);
export type Theme = z.infer<typeof Theme>;
export const Language = z.enum(['ru', 'en']);
export type Language = z.infer<typeof Language>;

export const Preferences = z.object({
  zoom: z.number().int().min(ZOOM_MIN).max(ZOOM_MAX).catch(100),
  theme: Theme.catch('light'),
  language: Language.catch('ru'),
});
export type Preferences = z.infer<typeof Preferences>;

export const DEFAULT_PREFERENCES: Preferences = { zoom: 100, theme: 'light', language: 'ru' };

/** Before anyone has logged in, the screen follows whoever used this computer last. */
const LAST_KEY = 'pult.preferences.last';
const keyFor = (userId: string) => `pult.preferences.${userId}`;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadPreferences(store: KeyValueStore, userId: string | null): Preferences {
  const raw = store.getItem(userId ? keyFor(userId) : LAST_KEY) ?? (userId ? store.getItem(LAST_KEY) : null);
  if (!raw) return DEFAULT_PREFERENCES;
  try {
    return Preferences.parse(JSON.parse(raw) as unknown);
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function savePreferences(store: KeyValueStore, userId: string | null, prefs: Preferences): void {
  const text = JSON.stringify(prefs);
  if (userId) store.setItem(keyFor(userId), text);
  store.setItem(LAST_KEY, text);
}

export function clampZoom(zoom: number): number {
  const stepped = Math.round(zoom / ZOOM_STEP) * ZOOM_STEP;
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, stepped));
}

/** Ctrl/⌘ with = + − 0, as in every browser and office program. */
export function zoomFromKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, current: number): number | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === '=' || e.key === '+') return clampZoom(current + ZOOM_STEP);
  if (e.key === '-' || e.key === '_') return clampZoom(current - ZOOM_STEP);
  if (e.key === '0') return 100;
  return null;
}
