import { describe, expect, it } from 'vitest';
import { formatRoubles } from './money.js';
import { formatPhone } from './phone.js';
import { countdown, countdownText } from './countdown.js';
import { createI18n } from '../i18n/index.js';

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

describe('SLA countdown in words', () => {
  const ru = createI18n('ru').t;
  const en = createI18n('en').t;
  const at = Date.parse('2025-03-03T10:00:00Z');
  const due = (minutes: number, seconds = 0) => new Date(at + minutes * 60_000 + seconds * 1000).toISOString();
  const say = (t: typeof ru, d: string) => countdownText(t, countdown(d, at));

  it('says how much is left, rounded down, with a warning close to the end', () => {
    expect(say(ru, due(24, 40))).toBe('Осталось 24 мин');
    expect(countdown(due(24), at).state).toBe('left');
    expect(countdown(due(10), at).state).toBe('soon');
    expect(say(ru, due(0, 30))).toBe('Осталось меньше минуты');
    expect(say(ru, due(65))).toBe('Осталось 1 ч 5 мин');
    expect(say(ru, due(120))).toBe('Осталось 2 ч');
    expect(say(ru, due(3 * 1440 + 180))).toBe('Осталось 3 дн 3 ч');
    expect(say(ru, due(1440))).toBe('Осталось 1 дн');
  });

  it('says how late it is once overdue', () => {
    expect(countdown(due(-5), at).state).toBe('overdue');
    expect(say(ru, due(-5, -20))).toBe('Просрочено на 5 мин');
    expect(say(ru, due(0, -10))).toBe('Срок только что истёк');
    expect(say(ru, due(-125))).toBe('Просрочено на 2 ч 5 мин');
  });

  it('speaks English too', () => {
    expect(say(en, due(24))).toBe('24 min left');
    expect(say(en, due(-5))).toBe('Overdue by 5 min');
  });
});
