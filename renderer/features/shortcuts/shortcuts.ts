// Keyboard shortcuts for the calls and the daily work: what they are by default, how a key
// press is written («F2», «Ctrl+Shift+K»), and which keys may not be taken (typing, moving
// between fields, zoom, the program's own keys). Pure, so the rules are tested directly.
import { z } from 'zod';

export const ShortcutAction = z.enum(['answer', 'hangup', 'hold', 'mute', 'transfer', 'nextCallback', 'searchCustomer']);
export type ShortcutAction = z.infer<typeof ShortcutAction>;
export const SHORTCUT_ACTIONS = ShortcutAction.options;

/** Function keys first: one press, no chords, nothing typed by accident. */
export const DEFAULT_SHORTCUTS: Readonly<Record<ShortcutAction, string>> = {
  answer: 'F2',
  searchCustomer: 'F3',
  hangup: 'F4',
  hold: 'F6',
  mute: 'F7',
  transfer: 'F8',
  nextCallback: 'F9',
};

/** «Ctrl+Alt+Shift+Key», modifiers in this order; Key is F1–F24, a Latin letter, a digit or a named key. */
const KEY_TEXT = /^(Ctrl\+)?(Alt\+)?(Shift\+)?(F([1-9]|1\d|2[0-4])|[A-Z0-9]|Space|Enter|Escape|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|ArrowUp|ArrowDown|ArrowLeft|ArrowRight|[-=[\];',./`\\])$/;
export const ShortcutKey = z.string().regex(KEY_TEXT);

/** Stored per user; a broken or missing entry falls back to its default, one by one. */
export const Shortcuts = z.object(
  Object.fromEntries(SHORTCUT_ACTIONS.map((a) => [a, ShortcutKey.catch(DEFAULT_SHORTCUTS[a])])) as Record<ShortcutAction, z.ZodCatch<typeof ShortcutKey>>,
);
export type Shortcuts = Record<ShortcutAction, string>;

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const NAMED = new Set(['Space', 'Enter', 'Escape', 'Tab', 'Backspace', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
const PUNCT: Record<string, string> = {
  Minus: '-', Equal: '=', BracketLeft: '[', BracketRight: ']', Semicolon: ';', Quote: "'", Comma: ',', Period: '.', Slash: '/', Backquote: '`', Backslash: '\\',
  NumpadAdd: '=', NumpadSubtract: '-',
};

/**
 * The key as written in settings, from the physical key (e.code), so a Russian layout gives
 * «Ctrl+K», not «Ctrl+Л». Null for a lone modifier or a key Pult does not name.
 */
export function keyOf(e: KeyPress): string | null {
  let k: string | null = null;
  if (/^F([1-9]|1\d|2[0-4])$/.test(e.key)) k = e.key;
  else if (/^Key[A-Z]$/.test(e.code)) k = e.code.slice(3);
  else if (/^(Digit|Numpad)\d$/.test(e.code)) k = e.code.slice(-1);
  else if (e.code === 'Space' || NAMED.has(e.key)) k = e.code === 'Space' ? 'Space' : e.key;
  else if (e.code === 'NumpadEnter') k = 'Enter';
  else if (PUNCT[e.code]) k = PUNCT[e.code] ?? null;
  if (!k) return null;
  // ⌘ on a Mac is the Ctrl of this list.
  return `${e.ctrlKey || e.metaKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${e.shiftKey ? 'Shift+' : ''}${k}`;
}

export type Refusal =
  /** Another action has it. */
  | { reason: 'taken'; by: ShortcutAction }
  /** A letter, digit or sign without Ctrl/Alt: needed for typing. */
  | { reason: 'typing' }
  /** Tab, Enter, arrows…: moving between buttons and fields. */
  | { reason: 'navigation' }
  /** Ctrl+= / Ctrl+− / Ctrl+0: text size. */
  | { reason: 'zoom' }
  /** Reload, full screen, copy and paste, close the window…: the program's and the system's own. */
  | { reason: 'system' };

const SYSTEM = new Set([
  'F1', 'F5', 'F11', 'F12', 'Ctrl+F5', 'Shift+F5', 'Alt+F4', 'Ctrl+F4', 'Alt+Tab', 'Ctrl+Tab', 'Ctrl+Shift+Tab',
  'Ctrl+R', 'Ctrl+Shift+R', 'Ctrl+W', 'Ctrl+Shift+W', 'Ctrl+Q', 'Ctrl+T', 'Ctrl+Shift+T', 'Ctrl+N', 'Ctrl+Shift+N', 'Ctrl+P', 'Ctrl+Shift+I', 'Ctrl+Shift+J',
  'Ctrl+C', 'Ctrl+V', 'Ctrl+X', 'Ctrl+A', 'Ctrl+Z', 'Ctrl+Y', 'Ctrl+Shift+Z', 'Ctrl+Insert', 'Shift+Insert', 'Shift+Delete',
]);
const ZOOM = new Set(['Ctrl+=', 'Ctrl+-', 'Ctrl+0', 'Ctrl+Shift+=', 'Ctrl+Shift+-']);
const NAVIGATION = new Set(['Tab', 'Enter', 'Escape', 'Space', 'Backspace', 'Delete', 'Home', 'End', 'PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Insert']);

/** Whether `key` may become the shortcut for `action`, given what is set now. */
export function checkShortcut(action: ShortcutAction, key: string, current: Shortcuts): Refusal | null {
  if (SYSTEM.has(key)) return { reason: 'system' };
  if (ZOOM.has(key)) return { reason: 'zoom' };
  const plain = !key.startsWith('Ctrl+') && !key.startsWith('Alt+');
  const base = key.replace(/^(Ctrl\+)?(Alt\+)?(Shift\+)?/, '');
  if (plain && NAVIGATION.has(base)) return { reason: 'navigation' };
  if (plain && !/^F\d+$/.test(base)) return { reason: 'typing' };
  const by = SHORTCUT_ACTIONS.find((a) => a !== action && current[a] === key);
  if (by) return { reason: 'taken', by };
  return null;
}

/** The action a key press stands for, or null. */
export function actionFor(key: string, current: Shortcuts): ShortcutAction | null {
  return SHORTCUT_ACTIONS.find((a) => current[a] === key) ?? null;
}
