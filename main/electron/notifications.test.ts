import { describe, expect, it, vi } from 'vitest';
import type { DesktopNotice } from '../../core/desktop.js';
import { createNotifier, noticeView, type NotificationCtor } from './notifications.js';

const missed: DesktopNotice = { id: 'c1', kind: 'missed_call', phone: '+79123456789', name: 'Иван Петров' };

describe('noticeView', () => {
  it('Russian text; buttons on macOS only', () => {
    expect(noticeView(missed, 'darwin')).toEqual({
      title: 'Пропущенный звонок', body: 'Иван Петров, +7 912 345-67-89', actions: [{ action: 'call_back', text: 'Перезвонить' }], urgency: 'normal',
    });
    expect(noticeView(missed, 'win32').actions).toEqual([]);
    expect(noticeView({ id: 'c2', kind: 'incoming_call', phone: null, name: null }, 'darwin')).toMatchObject({
      title: 'Входящий звонок', body: 'Номер скрыт', actions: [{ action: 'answer', text: 'Ответить' }], urgency: 'critical',
    });
    expect(noticeView({ ...missed, kind: 'callback_overdue', phone: null }, 'darwin')).toMatchObject({ title: 'Пора перезвонить', actions: [] });
  });
});

describe('createNotifier', () => {
  function fake(supported = true) {
    const made: Array<{ options: unknown; handlers: Map<string, (...a: unknown[]) => void>; shown: boolean }> = [];
    const N = class {
      handlers = new Map<string, (...a: unknown[]) => void>();
      shown = false;
      constructor(readonly options: unknown) { made.push(this); }
      on(e: string, l: (...a: unknown[]) => void) { this.handlers.set(e, l); return this; }
      show() { this.shown = true; }
      static isSupported() { return supported; }
    } as unknown as NotificationCtor;
    return { N, made };
  }

  it('maps the button index to the action and a click to open', () => {
    const { N, made } = fake();
    const onAction = vi.fn();
    expect(createNotifier({ Notification: N, platform: 'darwin', onAction }).show(missed)).toBe(true);
    const n = made[0]!;
    expect(n.shown).toBe(true);
    expect(n.options).toMatchObject({ title: 'Пропущенный звонок', actions: [{ type: 'button', text: 'Перезвонить' }] });
    n.handlers.get('action')!({}, 0);
    n.handlers.get('action')!({}, 5); // out of range: ignored
    n.handlers.get('click')!();
    expect(onAction.mock.calls).toEqual([[missed, 'call_back'], [missed, 'open']]);
  });

  it('reports false where the OS has no notifications', () => {
    const { N, made } = fake(false);
    expect(createNotifier({ Notification: N, platform: 'linux', onAction: vi.fn() }).show(missed)).toBe(false);
    expect(made).toHaveLength(0);
  });
});
