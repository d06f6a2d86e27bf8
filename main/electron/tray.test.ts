import { describe, expect, it, vi } from 'vitest';
import { createTray, dotBitmap, trayView, type TrayInput, type TrayPieces } from './tray.js';

const base: TrayInput = { phone: 'ready', openAtLogin: false, handlesLinks: true, updateReady: null, hotkey: 'Ctrl+Alt+P' };

describe('trayView (phone state → icon, tooltip, menu)', () => {
  it.each([
    ['ready', 'Pult — готов к звонкам', [46, 160, 67]],
    ['offline', 'Pult — нет связи с АТС', [140, 140, 140]],
    ['ringing', 'Pult — входящий звонок', [230, 140, 0]],
    ['on_call', 'Pult — идёт разговор', [210, 50, 50]],
  ] as const)('%s', (phone, tooltip, color) => {
    const v = trayView({ ...base, phone });
    expect(v.tooltip).toBe(tooltip);
    expect(v.color).toEqual(color);
    expect(v.menu[0]).toEqual({ label: tooltip.replace(' —', ':'), enabled: false });
  });

  it('menu: open, dial, login item, links, quit; Linux has no login item', () => {
    const cmds = trayView(base).menu.map((m) => m.command).filter(Boolean);
    expect(cmds).toEqual(['show', 'dial-clipboard', 'toggle-login', 'toggle-links', 'quit']);
    expect(trayView({ ...base, openAtLogin: null }).menu.some((m) => m.command === 'toggle-login')).toBe(false);
    expect(trayView({ ...base, openAtLogin: true }).menu.find((m) => m.command === 'toggle-login')).toMatchObject({ type: 'checkbox', checked: true });
  });

  it('a downloaded update is offered when idle and held during a call', () => {
    expect(trayView({ ...base, updateReady: '1.2.0' }).menu.find((m) => m.command === 'install-update')).toEqual({
      command: 'install-update', label: 'Перезапустить и обновить до 1.2.0', enabled: true,
    });
    expect(trayView({ ...base, phone: 'on_call', updateReady: '1.2.0' }).menu.find((m) => m.command === 'install-update')).toMatchObject({ enabled: false });
    expect(trayView({ ...base, phone: 'on_call' }).menu.find((m) => m.command === 'dial-clipboard')?.enabled).toBe(false);
  });
});

describe('createTray', () => {
  it('draws the dot, wires menu clicks to commands and redraws only when the colour changes', () => {
    const images: unknown[] = [];
    const trays: Array<{ setImage: ReturnType<typeof vi.fn>; setToolTip: ReturnType<typeof vi.fn>; click?: () => void }> = [];
    let template: Array<{ label?: string; click?: () => void }> = [];
    const pieces: TrayPieces = {
      Tray: class {
        setImage = vi.fn();
        setToolTip = vi.fn();
        setContextMenu = vi.fn();
        click?: () => void;
        constructor(img: unknown) { images.push(img); trays.push(this); }
        on(_e: 'click', l: () => void) { this.click = l; return this; }
        destroy() {}
      },
      Menu: { buildFromTemplate: (t) => { template = t; return t; } },
      nativeImage: { createFromBitmap: (buf, o) => ({ bytes: buf.length, ...o }) },
    };
    const onCommand = vi.fn();
    const tray = createTray(pieces, base, onCommand);
    expect(images[0]).toEqual({ bytes: 32 * 32 * 4, width: 32, height: 32, scaleFactor: 2 });
    template.find((i) => i.label === 'Выйти из Pult')!.click!();
    expect(onCommand).toHaveBeenCalledWith('quit');
    trays[0]!.click!();
    expect(onCommand).toHaveBeenCalledWith('show');
    tray.update({ ...base, updateReady: '2.0.0' });
    expect(trays[0]!.setImage).not.toHaveBeenCalled(); // same colour: the constructor's image stays
    tray.update({ ...base, phone: 'on_call' });
    expect(trays[0]!.setImage).toHaveBeenCalledTimes(1);
    expect(trays[0]!.setToolTip).toHaveBeenLastCalledWith('Pult — идёт разговор');
  });

  it('dotBitmap: opaque centre, transparent corner', () => {
    const b = dotBitmap(16, [255, 0, 0]);
    const px = (x: number, y: number) => [...b.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4)];
    expect(px(8, 8)).toEqual([0, 0, 255, 255]);
    expect(px(0, 0)).toEqual([0, 0, 0, 0]);
  });
});
