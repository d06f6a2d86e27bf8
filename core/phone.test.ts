import { describe, expect, it } from 'vitest';
import { formatPhone, maskPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['+79123456789', '+79123456789'],
    ['89123456789', '+79123456789'],
    ['79123456789', '+79123456789'],
    ['9123456789', '+79123456789'],
    ['+7 (912) 345-67-89', '+79123456789'],
    ['8 (912) 345-67-89', '+79123456789'],
    [' 8-912-345-67-89 ', '+79123456789'],
    ['tel:+7 912 345 67 89', '+79123456789'],
    ['callto://89123456789', '+79123456789'],
    ['+7 495 123-45-67', '+74951234567'],
    ['8 (343) 210-10-10', '+73432101010'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each(['', '   ', 'abc', '123', '8912345678', '+7 912 345 67 89 00 11', 'x'.repeat(100), '<script>'])('rejects %j', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('formatPhone', () => {
  it('groups Russian numbers the Russian way', () => {
    expect(formatPhone('+79123456789')).toBe('+7 912 345-67-89');
  });
  it('leaves what it cannot parse as is', () => {
    expect(formatPhone('nonsense')).toBe('nonsense');
  });
});

describe('maskPhone', () => {
  it('hides the middle digits for logs', () => {
    expect(maskPhone('+79123456789')).toBe('+7912***6789');
  });
});
