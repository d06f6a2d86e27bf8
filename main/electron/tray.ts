// Tray icon: the phone state at a glance (ready / no connection / ringing / on a call) and a menu.
// The view is a pure function of the state; the icon is drawn in code (no image files to ship).
import type { PhoneState } from '../../core/desktop.js';

export type TrayCommand = 'show' | 'dial-clipboard' | 'toggle-login' | 'toggle-links' | 'install-update' | 'quit';

export interface TrayMenuItem {
  /** Absent for the status line and separators. */
  command?: TrayCommand;
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
}

export interface TrayInput {
  phone: PhoneState;
  /** null where the OS has no login items (Linux): the menu item is hidden. */
  openAtLogin: boolean | null;
  /** null where link registration is not offered (development build). */
  handlesLinks: boolean | null;
  /** Version of a downloaded update waiting for a quiet moment, or null. */
  updateReady: string | null;
  /** Accelerator text shown next to the dial item, e.g. "Ctrl+Alt+P". */
  hotkey: string | null;
}

export interface TrayView {
  tooltip: string;
  /** RGB of the status dot. */
  color: readonly [number, number, number];
  menu: TrayMenuItem[];
}

const STATUS: Record<PhoneState, { text: string; color: readonly [number, number, number] }> = {
  ready: { text: 'готов к звонкам', color: [46, 160, 67] },
  offline: { text: 'нет связи с АТС', color: [140, 140, 140] },
  ringing: { text: 'входящий звонок', color: [230, 140, 0] },
  on_call: { text: 'идёт разговор', color: [210, 50, 50] },
};

export function trayView(input: TrayInput): TrayView {
  const status = STATUS[input.phone];
  const busy = input.phone === 'ringing' || input.phone === 'on_call';
  const menu: TrayMenuItem[] = [
    { label: `Pult: ${status.text}`, enabled: false },
    { type: 'separator' },
    { command: 'show', label: 'Открыть Pult' },
    { command: 'dial-clipboard', label: input.hotkey ? `Набрать номер из буфера (${input.hotkey})` : 'Набрать номер из буфера', enabled: !busy },
    { type: 'separator' },
  ];
  if (input.openAtLogin !== null) menu.push({ command: 'toggle-login', label: 'Запускать при входе в систему', type: 'checkbox', checked: input.openAtLogin });
  if (input.handlesLinks !== null) menu.push({ command: 'toggle-links', label: 'Открывать ссылки tel:, callto:, sip: в Pult', type: 'checkbox', checked: input.handlesLinks });
  if (input.updateReady) {
    menu.push({
      command: 'install-update',
      label: busy ? `Обновление ${input.updateReady} установится после звонка` : `Перезапустить и обновить до ${input.updateReady}`,
      enabled: !busy,
    });
  }
  menu.push({ type: 'separator' }, { command: 'quit', label: 'Выйти из Pult' });
  return { tooltip: `Pult — ${status.text}`, color: status.color, menu };
}

/** A filled circle with a soft edge, as a BGRA bitmap for nativeImage.createFromBitmap. */
export function dotBitmap(size: number, [r, g, b]: readonly [number, number, number]): Buffer {
  const buf = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const radius = size * 0.42;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.max(0, Math.min(1, radius - d + 0.5));
      const i = (y * size + x) * 4;
      // Premultiplied BGRA.
      buf[i] = Math.round(b * alpha);
      buf[i + 1] = Math.round(g * alpha);
      buf[i + 2] = Math.round(r * alpha);
      buf[i + 3] = Math.round(255 * alpha);
    }
  }
  return buf;
}

// ---- Electron slices (the real Tray/Menu/nativeImage satisfy them; tests pass fakes) ----
export interface TrayLike {
  setToolTip(text: string): void;
  setImage(image: unknown): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}
export interface TrayPieces {
  Tray: new (image: never) => TrayLike;
  Menu: { buildFromTemplate(template: Array<{ label?: string; type?: 'normal' | 'separator' | 'checkbox'; checked?: boolean; enabled?: boolean; click?: () => void }>): unknown };
  nativeImage: { createFromBitmap(buffer: Buffer, options: { width: number; height: number; scaleFactor?: number }): unknown };
}

export interface TrayController {
  update(input: TrayInput): void;
  destroy(): void;
}

export function createTray(pieces: TrayPieces, initial: TrayInput, onCommand: (c: TrayCommand) => void): TrayController {
  const image = (color: readonly [number, number, number]): unknown =>
    pieces.nativeImage.createFromBitmap(dotBitmap(32, color), { width: 32, height: 32, scaleFactor: 2 });
  const first = trayView(initial);
  const tray = new pieces.Tray(image(first.color) as never);
  tray.on('click', () => onCommand('show'));
  let lastColor = '';
  const apply = (view: TrayView): void => {
    const key = view.color.join(',');
    if (key !== lastColor) {
      tray.setImage(image(view.color));
      lastColor = key;
    }
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(
      pieces.Menu.buildFromTemplate(
        view.menu.map(({ command, ...item }) => (command ? { ...item, click: () => onCommand(command) } : item)),
      ),
    );
  };
  lastColor = first.color.join(',');
  apply(first);
  return { update: (input) => apply(trayView(input)), destroy: () => tray.destroy() };
}
