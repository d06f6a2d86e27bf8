import { describe, expect, it } from 'vitest';
import { actionFor, checkShortcut, DEFAULT_SHORTCUTS, keyOf, Shortcuts, type KeyPress } from './shortcuts.js';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('shortcuts', () => {
  it('writes a key press the way the settings show it, whatever the keyboard layout', () => {
    expect(keyOf(press('F2', 'F2'))).toBe('F2');
    expect(keyOf(press('л', 'KeyK', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+K');
    expect(keyOf(press('K', 'KeyK', { metaKey: true }))).toBe('Ctrl+K');
    expect(keyOf(press('1', 'Digit1', { altKey: true }))).toBe('Alt+1');
    expect(keyOf(press('=', 'Equal', { ctrlKey: true }))).toBe('Ctrl+=');
    expect(keyOf(press(' ', 'Space'))).toBe('Space');
    expect(keyOf(press('Control', 'ControlLeft', { ctrlKey: true }))).toBeNull();
    expect(keyOf(press('Shift', 'ShiftLeft', { shiftKey: true }))).toBeNull();
  });

  it('has seven function keys by default, all different and all allowed', () => {
    const keys = Object.values(DEFAULT_SHORTCUTS);
    expect(new Set(keys).size).toBe(7);
    for (const [a, k] of Object.entries(DEFAULT_SHORTCUTS)) expect(checkShortcut(a as keyof typeof DEFAULT_SHORTCUTS, k, DEFAULT_SHORTCUTS)).toBeNull();
    expect(actionFor('F2', DEFAULT_SHORTCUTS)).toBe('answer');
    expect(actionFor('F10', DEFAULT_SHORTCUTS)).toBeNull();
  });

  it('refuses a key another action has, and says which', () => {
    expect(checkShortcut('answer', 'F4', DEFAULT_SHORTCUTS)).toEqual({ reason: 'taken', by: 'hangup' });
    expect(checkShortcut('answer', 'F2', DEFAULT_SHORTCUTS)).toBeNull(); // its own key again
  });

  it('refuses keys needed for typing, moving around, zoom, or by the program', () => {
    expect(checkShortcut('answer', 'A', DEFAULT_SHORTCUTS)).toEqual({ reason: 'typing' });
    expect(checkShortcut('answer', 'Shift+A', DEFAULT_SHORTCUTS)).toEqual({ reason: 'typing' });
    expect(checkShortcut('answer', '5', DEFAULT_SHORTCUTS)).toEqual({ reason: 'typing' });
    expect(checkShortcut('answer', 'Enter', DEFAULT_SHORTCUTS)).toEqual({ reason: 'navigation' });
    expect(checkShortcut('answer', 'Space', DEFAULT_SHORTCUTS)).toEqual({ reason: 'navigation' });
    expect(checkShortcut('answer', 'Ctrl+=', DEFAULT_SHORTCUTS)).toEqual({ reason: 'zoom' });
    expect(checkShortcut('answer', 'Ctrl+0', DEFAULT_SHORTCUTS)).toEqual({ reason: 'zoom' });
    expect(checkShortcut('answer', 'F5', DEFAULT_SHORTCUTS)).toEqual({ reason: 'system' });
    expect(checkShortcut('answer', 'Ctrl+C', DEFAULT_SHORTCUTS)).toEqual({ reason: 'system' });
    expect(checkShortcut('answer', 'Ctrl+Shift+A', DEFAULT_SHORTCUTS)).toBeNull();
    expect(checkShortcut('answer', 'Alt+Enter', DEFAULT_SHORTCUTS)).toBeNull();
    expect(checkShortcut('answer', 'F10', DEFAULT_SHORTCUTS)).toBeNull();
  });

  it('reads stored shortcuts entry by entry, falling back to the default for a broken one', () => {
    expect(Shortcuts.parse({ ...DEFAULT_SHORTCUTS, answer: 'Ctrl+Shift+A', hold: 'Ctrl+Щ', mute: 42 })).toEqual({ ...DEFAULT_SHORTCUTS, answer: 'Ctrl+Shift+A' });
    expect(Shortcuts.parse({})).toEqual(DEFAULT_SHORTCUTS);
  });
});

describe('shortcut store', () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
  };
  it('remembers each user their own keys, and refuses a conflict without changing anything', async () => {
    const { createShortcutsStore } = await import('./store.js');
    const mem = memory();
    const store = createShortcutsStore(() => mem);
    store.getState().switchUser('ira');
    expect(store.getState().assign('answer', 'F10')).toBeNull();
    expect(store.getState().assign('hold', 'F10')).toEqual({ reason: 'taken', by: 'answer' });
    expect(store.getState().keys.hold).toBe('F6');
    store.getState().switchUser('olga');
    expect(store.getState().keys.answer).toBe('F2');
    store.getState().switchUser('ira');
    expect(store.getState().keys.answer).toBe('F10');
    store.getState().resetAll();
    expect(JSON.parse(mem.data.get('pult.shortcuts.ira') ?? '{}')).toEqual(DEFAULT_SHORTCUTS);
  });
});
