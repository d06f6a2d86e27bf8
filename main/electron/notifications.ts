// Native notifications for incoming and missed calls and overdue callbacks. Buttons (Answer /
// Call back) where Electron supports them (macOS); elsewhere a click opens Pult. Text in Russian.
import { formatPhone } from '../../core/phone.js';
import type { DesktopNotice, NoticeAction } from '../../core/desktop.js';

export interface NoticeView {
  title: string;
  body: string;
  /** Button actions in order (index = Electron's action index); only where the OS shows buttons. */
  actions: Array<{ action: NoticeAction['action']; text: string }>;
  urgency: 'normal' | 'critical';
}

/** Electron shows notification buttons on macOS only (Windows would need custom toast XML). */
export function supportsNotificationActions(platform: string): boolean {
  return platform === 'darwin';
}

export function noticeView(n: DesktopNotice, platform: string): NoticeView {
  const who = [n.name, n.phone ? formatPhone(n.phone) : null].filter(Boolean).join(', ') || 'Номер скрыт';
  const buttons = supportsNotificationActions(platform);
  switch (n.kind) {
    case 'incoming_call':
      return { title: 'Входящий звонок', body: who, actions: buttons ? [{ action: 'answer', text: 'Ответить' }] : [], urgency: 'critical' };
    case 'missed_call':
      return { title: 'Пропущенный звонок', body: who, actions: buttons && n.phone ? [{ action: 'call_back', text: 'Перезвонить' }] : [], urgency: 'normal' };
    case 'callback_overdue':
      return { title: 'Пора перезвонить', body: who, actions: buttons && n.phone ? [{ action: 'call_back', text: 'Позвонить' }] : [], urgency: 'normal' };
  }
}

/** Slice of Electron's Notification instance. */
export interface NotificationLike {
  on(event: 'action', listener: (event: unknown, index: number) => void): unknown;
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}
export interface NotificationCtor {
  new (options: { title: string; body: string; actions?: Array<{ type: 'button'; text: string }>; urgency?: 'normal' | 'critical'; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
}

export interface NotifierDeps {
  Notification: NotificationCtor;
  platform: string;
  /** A button or a click: the adapter focuses the window and tells the renderer / dials. */
  onAction(notice: DesktopNotice, action: NoticeAction['action']): void;
}

export function createNotifier(deps: NotifierDeps): { show(n: DesktopNotice): boolean } {
  // Electron drops the handlers of a notification that was garbage-collected: keep it until closed.
  const alive = new Set<NotificationLike>();
  return {
    show(n) {
      if (!deps.Notification.isSupported()) return false;
      const view = noticeView(n, deps.platform);
      const note = new deps.Notification({
        title: view.title,
        body: view.body,
        urgency: view.urgency,
        silent: n.kind === 'incoming_call', // the softphone rings itself
        ...(view.actions.length > 0 ? { actions: view.actions.map((a) => ({ type: 'button' as const, text: a.text })) } : {}),
      });
      alive.add(note);
      note.on('action', (_e, index) => {
        const a = view.actions[index];
        if (a) deps.onAction(n, a.action);
      });
      note.on('click', () => deps.onAction(n, 'open'));
      note.on('close', () => alive.delete(note));
      note.show();
      return true;
    },
  };
}
