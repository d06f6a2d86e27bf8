import { describe, expect, it } from 'vitest';
import { isRowKey, moveActive } from './activeRow.js';
import { isSearchable } from './searchable.js';

describe('catalog keyboard', () => {
  it('arrows walk the rows and stop at the ends', () => {
    expect(moveActive(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(0, 'ArrowDown', 3)).toBe(1);
    expect(moveActive(2, 'ArrowDown', 3)).toBe(2);
    expect(moveActive(1, 'ArrowUp', 3)).toBe(0);
    expect(moveActive(0, 'ArrowUp', 3)).toBe(0);
    expect(moveActive(1, 'End', 3)).toBe(2);
    expect(moveActive(2, 'Home', 3)).toBe(0);
    expect(moveActive(-1, 'PageDown', 12)).toBe(5);
    expect(moveActive(9, 'PageDown', 12)).toBe(11);
    expect(moveActive(3, 'PageUp', 12)).toBe(0);
    expect(moveActive(0, 'ArrowDown', 0)).toBe(-1);
  });
  it('only the row keys move; letters go to the field', () => {
    expect(isRowKey('ArrowDown')).toBe(true);
    expect(isRowKey('a')).toBe(false);
    expect(isRowKey('Enter')).toBe(false);
  });
  it('searchable: a letter or a digit, in any alphabet', () => {
    expect(isSearchable('смес')).toBe(true);
    expect(isSearchable('33')).toBe(true);
    expect(isSearchable(' -- !')).toBe(false);
    expect(isSearchable('')).toBe(false);
  });
});
