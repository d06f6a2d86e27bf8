import { describe, expect, it } from 'vitest';
import { clampZoom, DEFAULT_PREFERENCES, loadPreferences, savePreferences, zoomFromKey, type KeyValueStore } from './preferences.js';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('display preferences', () => {
  it('are remembered per user, and the login screen follows the last user', () => {
    const store = memoryStore();
    savePreferences(store, 'ira', { zoom: 150, theme: 'dark', language: 'ru' });
    savePreferences(store, 'olga', { zoom: 120, theme: 'light', language: 'en' });
    expect(loadPreferences(store, 'ira')).toEqual({ zoom: 150, theme: 'dark', language: 'ru' });
    expect(loadPreferences(store, null)).toEqual({ zoom: 120, theme: 'light', language: 'en' });
    // A new user on this computer starts from what the screen looks like now.
    expect(loadPreferences(store, 'new')).toEqual({ zoom: 120, theme: 'light', language: 'en' });
  });
  it('anything broken in storage falls back to defaults, value by value', () => {
    const store = memoryStore();
    expect(loadPreferences(store, null)).toEqual(DEFAULT_PREFERENCES);
    store.setItem('pult.preferences.x', '{not json');
    expect(loadPreferences(store, 'x')).toEqual(DEFAULT_PREFERENCES);
    store.setItem('pult.preferences.y', JSON.stringify({ zoom: 900, theme: 'neon', language: 'ru' }));
    expect(loadPreferences(store, 'y')).toEqual({ zoom: 100, theme: 'light', language: 'ru' });
  });
  it('zoom moves in 10 % steps between 100 and 200 %', () => {
    expect(clampZoom(95)).toBe(100);
    expect(clampZoom(163)).toBe(160);
    expect(clampZoom(260)).toBe(200);
    const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = { ctrlKey: true }) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(zoomFromKey(key('='), 100)).toBe(110);
    expect(zoomFromKey(key('+'), 200)).toBe(200);
    expect(zoomFromKey(key('-'), 150)).toBe(140);
    expect(zoomFromKey(key('0'), 170)).toBe(100);
    expect(zoomFromKey(key('=', { metaKey: true }), 100)).toBe(110);
    expect(zoomFromKey(key('='), 100)).not.toBeNull();
    expect(zoomFromKey(key('=', {}), 100)).toBeNull();
    expect(zoomFromKey(key('=', { ctrlKey: true, altKey: true }), 100)).toBeNull();
    expect(zoomFromKey(key('a'), 100)).toBeNull();
  });
});
