import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/index.js';
import { countdown } from './countdown.js';

const ru = createI18n('ru').t;
const en = createI18n('en').t;
const now = new Date('2025-03-03T10:00:00.000Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe('countdowns in words', () => {
  it('says how late or how long is left, in the two largest units', () => {
    expect(countdown(ru, at(-65), now)).toEqual({ urgency: 'overdue', text: 'Просрочено на 1 ч 5 мин' });
    expect(countdown(ru, at(4.5), now)).toEqual({ urgency: 'soon', text: 'Осталось 4 мин' });
    expect(countdown(ru, at(120), now)).toEqual({ urgency: 'later', text: 'Осталось 2 ч' });
    expect(countdown(ru, at(-(3 * 1440 + 125)), now).text).toBe('Просрочено на 3 дн 2 ч');
    expect(countdown(ru, null, now)).toEqual({ urgency: 'none', text: 'Без срока' });
    expect(countdown(ru, at(0.5), now).text).toBe('Осталось меньше минуты');
  });

  it('speaks English too', () => {
    expect(countdown(en, at(-65), now).text).toBe('Overdue by 1 h 5 min');
    expect(countdown(en, at(2 * 1440), now).text).toBe('2 d left');
  });
});
