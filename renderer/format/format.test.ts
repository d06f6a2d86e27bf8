import { describe, expect, it } from 'vitest';
import { formatRoubles } from './money.js';
import { formatPhone } from './phone.js';

// Intl uses non-breaking spaces; compare with plain ones so the test reads naturally.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatRoubles', () => {
  it('shows whole roubles without kopecks', () => {
    expect(plain(formatRoubles(1_250_000))).toBe('12 500 ₽');
    expect(plain(formatRoubles(0))).toBe('0 ₽');
  });
  it('shows kopecks when there are any', () => {
    expect(plain(formatRoubles(1_250_050))).toBe('12 500,50 ₽');
    expect(plain(formatRoubles(5))).toBe('0,05 ₽');
  });
});

describe('formatPhone', () => {
  it('groups a Russian mobile number', () => {
    expect(formatPhone('+79123456789')).toBe('+7 912 345-67-89');
  });
  it('leaves an unparsable value as it is', () => {
    expect(formatPhone('abc')).toBe('abc');
  });
});

describe('formatPhone (more shapes)', () => {
  it('formats a Moscow landline and a foreign number', () => {
    expect(formatPhone('+74951234567')).toBe('+7 495 123-45-67');
    expect(formatPhone('+375291234567')).toBe('+375 29 123 45 67');
  });
});
