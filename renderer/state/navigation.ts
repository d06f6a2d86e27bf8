// Which screen the workspace shows. A small stack, so «Назад» returns to where the operator
// came from (home → customer card → back to home). An open order (useOrders.selectedId) is
// shown on top of the current screen, as before.
import { create } from 'zustand';
import { useOrders } from './orders.js';

export type Screen = (
  | { kind: 'home' }
  | { kind: 'orders' }
  /** `focus: 'call'`: the keyboard starts on the phone button (the next callback). */
  | { kind: 'customer'; id: string; focus?: 'call' }
  | { kind: 'search' }
  | { kind: 'shortcuts' }
  | { kind: 'dialpad' }
  | { kind: 'phoneSettings' }
  /** Supervisor reports (supervisors and admins). */
  | { kind: 'reports' }
  /** The pipeline editor (admins). */
  | { kind: 'pipelines' }
  /** «Монитор»: the live wallboard (supervisors and admins). */
  | { kind: 'wallboard' }
  /** «Дубли клиентов» (supervisors and admins). */
  | { kind: 'duplicates' }
  /** «Каталог»; `city`: prices for the order's or caller's city. */
  | { kind: 'catalog'; city?: string | null }
) & {
  /** The order card this screen was opened from: «Назад» opens it again. */
  fromOrder?: string;
};
export type ScreenKind = Screen['kind'];

interface NavigationState {
  stack: Screen[];
  /** Opens a screen on top; «Назад» comes back here. */
  go(screen: Screen): void;
  /** A section of the menu: starts a fresh history at that screen. */
  tab(screen: Screen): void;
  /** Leaves the current screen; returns the one left (null at the root). */
  back(): Screen | null;
  reset(root: Screen): void;
}

export const useNavigation = create<NavigationState>()((set, get) => ({
  stack: [{ kind: 'home' }],
  go(screen) {
    const top = get().stack.at(-1);
    // The same screen twice in a row would need two «Назад» presses.
    if (top && JSON.stringify(top) === JSON.stringify(screen)) return;
    set({ stack: [...get().stack, screen] });
  },
  tab(screen) {
    set({ stack: [screen] });
  },
  back() {
    const { stack } = get();
    if (stack.length <= 1) return null;
    set({ stack: stack.slice(0, -1) });
    return stack.at(-1) ?? null;
  },
  reset(root) {
    set({ stack: [root] });
  },
}));

export const currentScreen = (s: { stack: Screen[] }): Screen => s.stack.at(-1) ?? { kind: 'home' };

/** Shows a screen from anywhere (menu, header, keys): an open order card gives way to it. */
export function showScreen(next: Screen, how: 'go' | 'tab' = 'go'): void {
  const fromOrder = useOrders.getState().selectedId;
  if (fromOrder) useOrders.getState().close();
  useNavigation.getState()[how](fromOrder && how === 'go' ? { ...next, fromOrder } : next);
  // A new screen starts at its top, not where the last one was scrolled to.
  if (typeof window !== 'undefined') window.scrollTo(0, 0);
}
