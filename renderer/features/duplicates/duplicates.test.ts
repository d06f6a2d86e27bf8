import { describe, expect, it } from 'vitest';
import type { DuplicateCard } from '../../../core/duplicates.js';
import { defaultKeep, differs } from './keepChoice.js';

const card = (n: number, orders: number, calls: number, updatedAt: string, over: Partial<DuplicateCard['customer']> = {}): DuplicateCard => ({
  customer: { id: `01900000-0000-7000-8000-00000000000${n}`, name: `Клиент ${n}`, phone: '+79160000001', phoneRaw: '', email: null, city: null, partnerNumber: null, notes: '', updatedAt, ...over },
  orders,
  calls,
});

describe('the duplicate cards', () => {
  it('keeps by default the card with more orders, then calls, then the freshest', () => {
    expect(defaultKeep([card(1, 0, 5, '2026-01-02T00:00:00Z'), card(2, 1, 0, '2026-01-01T00:00:00Z')])).toBe(card(2, 0, 0, '').customer.id);
    expect(defaultKeep([card(1, 1, 1, '2026-01-02T00:00:00Z'), card(2, 1, 3, '2026-01-01T00:00:00Z')])).toBe(card(2, 0, 0, '').customer.id);
    expect(defaultKeep([card(1, 0, 0, '2026-01-01T00:00:00Z'), card(2, 0, 0, '2026-01-03T00:00:00Z')])).toBe(card(2, 0, 0, '').customer.id);
    expect(defaultKeep([])).toBeNull();
  });
  it('marks a field that differs, ignoring case and spaces around', () => {
    const a = card(1, 0, 0, '', { email: 'A@x.ru', city: 'Москва' });
    const b = card(2, 0, 0, '', { email: 'a@x.ru ', city: null });
    expect(differs([a, b], 'email')).toBe(false);
    expect(differs([a, b], 'city')).toBe(true);
    expect(differs([a, b], 'phone')).toBe(false);
  });
});
