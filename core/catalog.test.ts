import { describe, expect, it } from 'vitest';
import { CatalogSearchInput, priceIn, pricedCities, toCatalogHit } from './catalog.js';

const offer = { id: '00000000-0000-7000-8000-000000000001', sku: 'GROHE-33202', name: 'Смеситель', prices: { '*': 1_249_000, 'Санкт-Петербург': 1_199_000 }, stock: 0, updatedAt: '2026-11-01T00:00:00.000Z' };

describe('catalog prices per city', () => {
  it('the city’s own price first, the general one otherwise, none when neither exists', () => {
    expect(priceIn(offer.prices, 'Санкт-Петербург')).toEqual({ kopecks: 1_199_000, cityPrice: true });
    expect(priceIn(offer.prices, 'Москва')).toEqual({ kopecks: 1_249_000, cityPrice: false });
    expect(priceIn(offer.prices, null)).toEqual({ kopecks: 1_249_000, cityPrice: false });
    expect(priceIn({ 'Москва': 300_000 }, 'Казань')).toBeNull();
    expect(priceIn({ 'Москва': 300_000 }, 'Москва')).toEqual({ kopecks: 300_000, cityPrice: true });
  });

  it('a hit says in words-ready form whether it is in stock', () => {
    expect(toCatalogHit(offer, 'Санкт-Петербург')).toMatchObject({ priceKopecks: 1_199_000, cityPrice: true, inStock: false, stock: 0 });
    expect(toCatalogHit({ ...offer, stock: 3, prices: {} }, 'Москва')).toMatchObject({ priceKopecks: null, cityPrice: false, inStock: true });
  });

  it('cities for the choice: no general key, no blanks, no repeats, Russian order', () => {
    expect(pricedCities(['*', 'Санкт-Петербург', 'Москва', '', 'Москва', 'Екатеринбург'])).toEqual(['Екатеринбург', 'Москва', 'Санкт-Петербург']);
  });

  it('the input is bounded: limit 1…100, default 50', () => {
    expect(CatalogSearchInput.parse({ query: 'смес' })).toEqual({ query: 'смес', limit: 50 });
    expect(CatalogSearchInput.safeParse({ query: 'смес', limit: 1000 }).success).toBe(false);
    expect(CatalogSearchInput.safeParse({ query: 'x'.repeat(201) }).success).toBe(false);
  });
});
