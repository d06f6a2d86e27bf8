import { describe, expect, it } from 'vitest';
import { findCodes, findPhone, senderName } from './mail-lead.js';

describe('reading a lead out of an email', () => {
  it('finds the first real phone however it is written', () => {
    expect(findPhone('Заказ 12345. Мой телефон: 8 (916) 000-11-22, звоните вечером')).toEqual({ e164: '+79160001122', raw: '8 (916) 000-11-22' });
    expect(findPhone('тел +7 912 345 67 89')?.e164).toBe('+79123456789');
    expect(findPhone('номер заказа 2026-11-26, сумма 12 490')).toBeNull();
    expect(findPhone('')).toBeNull();
  });

  it('finds product codes with their quantities; words and bare numbers are not codes', () => {
    const codes = findCodes('Хочу GROHE-33202 x 2 и install-std, ещё CERS-PARVA — 3 шт. Дом 15, кв 7. Привет');
    expect([...codes]).toEqual([
      ['GROHE-33202', 2],
      ['INSTALL-STD', 1],
      ['CERS-PARVA', 3],
    ]);
    expect(findCodes('просто текст без кодов 2026')).toEqual(new Map());
  });

  it('names the customer by the display name, else the mailbox; markup never gets in', () => {
    expect(senderName('Пётр Васильев', 'petr@example.ru')).toBe('Пётр Васильев');
    expect(senderName(null, 'petr.v@example.ru')).toBe('petr.v');
    expect(senderName('<b>Пётр</b>', 'p@example.ru')).toBe('Пётр');
    expect(senderName('<script', 'p@example.ru')).toBe('script');
  });
});
