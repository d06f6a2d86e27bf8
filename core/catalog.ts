// The catalog as the operator searches it while talking: an offer's price in the city that
// matters (the order's, or the one the operator picked) and whether it is in stock.
import { z } from 'zod';
import { Id, type Offer } from './domain.js';

/** The key of an offer's price table that applies everywhere without a price of its own. */
export const ANY_CITY = '*';
/** More rows than this is not something a person reads while talking: they type more. */
export const CATALOG_MAX_LIMIT = 100;
export const CATALOG_DEFAULT_LIMIT = 50;

export const CatalogSearchInput = z.object({
  query: z.string().max(200),
  /** Prices for this city; null/absent = the price everywhere else. */
  city: z.string().trim().max(100).nullable().optional(),
  limit: z.number().int().min(1).max(CATALOG_MAX_LIMIT).default(CATALOG_DEFAULT_LIMIT),
});
export type CatalogSearchInput = z.infer<typeof CatalogSearchInput>;

export const CatalogHit = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  /** Kopecks; null when the offer has no price for this city nor a general one. */
  priceKopecks: z.number().int().nonnegative().nullable(),
  /** True when the price is the city's own, not the general one. */
  cityPrice: z.boolean(),
  stock: z.number().int().nonnegative(),
  inStock: z.boolean(),
});
export type CatalogHit = z.infer<typeof CatalogHit>;

export const CatalogSearchResult = z.object({
  hits: z.array(CatalogHit),
  /** True when more offers match than were returned: the operator should type more. */
  more: z.boolean(),
});
export type CatalogSearchResult = z.infer<typeof CatalogSearchResult>;

/** The price in `city` (its own, else the general one); null when neither exists. */
export function priceIn(prices: Offer['prices'], city: string | null | undefined): { kopecks: number; cityPrice: boolean } | null {
  const own = city ? prices[city] : undefined;
  if (own !== undefined) return { kopecks: own, cityPrice: true };
  const general = prices[ANY_CITY];
  return general !== undefined ? { kopecks: general, cityPrice: false } : null;
}

export function toCatalogHit(offer: Offer, city: string | null | undefined): CatalogHit {
  const price = priceIn(offer.prices, city);
  return {
    id: offer.id,
    sku: offer.sku,
    name: offer.name,
    priceKopecks: price?.kopecks ?? null,
    cityPrice: price?.cityPrice ?? false,
    stock: offer.stock,
    inStock: offer.stock > 0,
  };
}

/** Cities named in price tables, for the operator's choice, in Russian alphabetical order. */
export function pricedCities(priceKeys: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const k of priceKeys) if (k !== ANY_CITY && k.trim() !== '') set.add(k);
  return [...set].sort((a, b) => a.localeCompare(b, 'ru'));
}
