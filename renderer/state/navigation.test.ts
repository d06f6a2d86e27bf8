import { beforeEach, describe, expect, it } from 'vitest';
import { currentScreen, showScreen, useNavigation } from './navigation.js';
import { useOrders } from './orders.js';

const ORDER = '01900000-0000-7000-8000-200000000001';

describe('workspace navigation', () => {
  beforeEach(() => {
    useNavigation.getState().reset({ kind: 'home' });
    useOrders.getState().reset();
  });

  it('«Назад» returns along the way the operator came; a menu section starts afresh', () => {
    const nav = useNavigation.getState();
    nav.go({ kind: 'search' });
    nav.go({ kind: 'customer', id: 'c1' });
    nav.go({ kind: 'customer', id: 'c1' }); // the same screen twice is one step
    expect(useNavigation.getState().stack).toHaveLength(3);
    expect(nav.back()).toEqual({ kind: 'customer', id: 'c1' });
    expect(currentScreen(useNavigation.getState())).toEqual({ kind: 'search' });
    nav.tab({ kind: 'orders' });
    expect(useNavigation.getState().stack).toEqual([{ kind: 'orders' }]);
    expect(nav.back()).toBeNull();
  });

  it('a screen opened over an order card closes it and remembers it for «Назад»', () => {
    useOrders.setState({ selectedId: ORDER });
    showScreen({ kind: 'customer', id: 'c1' });
    expect(useOrders.getState().selectedId).toBeNull();
    expect(useNavigation.getState().back()).toEqual({ kind: 'customer', id: 'c1', fromOrder: ORDER });
    // A menu section does not come back to the order.
    useOrders.setState({ selectedId: ORDER });
    showScreen({ kind: 'search' }, 'tab');
    expect(useNavigation.getState().stack).toEqual([{ kind: 'search' }]);
  });
});
