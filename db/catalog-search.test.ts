import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache, type Cache } from './cache.js';
import { toPrefixMatch } from './catalog-search.js';

describe('toPrefixMatch', () => {
  it('makes every word a prefix and folds case', () => {
    expect(toPrefixMatch('смес  Гро')).toBe('"смес"* AND "гро"*');
    expect(toPrefixMatch('GROHE-33202')).toBe('"grohe"* AND "33202"*');
  });
  it('nothing searchable → null; operators and quotes cannot break the query', () => {
    expect(toPrefixMatch('  -- !! ')).toBeNull();
    expect(toPrefixMatch('a" OR b NEAR(')).toBe('"a"* AND "or"* AND "b"* AND "near"*');
  });
});

describe('catalog search in the cache', () => {
  let dir = '';
  let cache: Cache | null = null;
  afterEach(() => {
    cache?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const offer = (n: number, sku: string, name: string) => ({
    entity: 'offers' as const,
    op: 'upsert' as const,
    version: n,
    data: { id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, sku, name, prices: { '*': 100_000 }, stock: 1, updatedAt: '2026-11-01T00:00:00.000Z' },
  });

  it('finds offers by Russian prefixes and codes, follows updates and deletes', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pult-search-'));
    cache = openCache(path.join(dir, 'c.sqlite'));
    cache.applyChanges(
      [offer(1, 'GROHE-33202', 'Смеситель для кухни Grohe Eurosmart'), offer(2, 'CERS-PARVA', 'Унитаз-компакт Cersanit Parva'), offer(3, 'TH-80', 'Водонагреватель Thermex 80 л')],
      3,
    );
    expect(cache.searchOffers('смес', 10).map((o) => o.sku)).toEqual(['GROHE-33202']);
    // Names that start with the typed word come before names that merely contain it.
    cache.applyChanges([offer(4, 'CART-1', 'Картридж для смесителя'), offer(5, 'MIX-2', 'Смеситель для ванны')], 4);
    expect(cache.searchOffers('смес', 10).map((o) => o.sku).at(-1)).toBe('CART-1');
    cache.applyChanges([{ entity: 'offers', op: 'delete', version: 6, id: offer(4, '', 'x').data.id }, { entity: 'offers', op: 'delete', version: 7, id: offer(5, '', 'x').data.id }], 7);
    expect(cache.searchOffers('СМЕС gro', 10).map((o) => o.sku)).toEqual(['GROHE-33202']);
    expect(cache.searchOffers('cers', 10).map((o) => o.sku)).toEqual(['CERS-PARVA']);
    expect(cache.searchOffers('33202', 10).map((o) => o.sku)).toEqual(['GROHE-33202']);
    expect(cache.searchOffers('водонагр 80', 10).map((o) => o.sku)).toEqual(['TH-80']);
    expect(cache.searchOffers('', 10)).toEqual([]);
    // A renamed offer is found by its new name only; a deleted one is gone.
    cache.applyChanges([offer(1, 'GROHE-33202', 'Смеситель Grohe BauEdge'), { entity: 'offers', op: 'delete', version: 5, id: offer(2, '', 'x').data.id }], 5);
    expect(cache.searchOffers('кухни', 10)).toEqual([]);
    expect(cache.searchOffers('bauedge', 10).map((o) => o.sku)).toEqual(['GROHE-33202']);
    expect(cache.searchOffers('унитаз', 10)).toEqual([]);
  });

  it('a bulk load indexes once at the end, and an unfinished one is indexed at the next open', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pult-search-'));
    const file = path.join(dir, 'c.sqlite');
    cache = openCache(file);
    cache.beginBulkLoad();
    cache.applyChanges([offer(1, 'GROHE-33202', 'Смеситель для кухни Grohe Eurosmart')], 1);
    expect(cache.searchOffers('смес', 10)).toEqual([]);
    cache.endBulkLoad();
    expect(cache.searchOffers('смес', 10).map((o) => o.sku)).toEqual(['GROHE-33202']);
    // Rows after the bulk load follow the triggers again.
    cache.applyChanges([offer(2, 'CERS-PARVA', 'Унитаз-компакт Cersanit Parva')], 2);
    expect(cache.searchOffers('унит', 10).map((o) => o.sku)).toEqual(['CERS-PARVA']);
    cache.beginBulkLoad();
    cache.applyChanges([offer(3, 'TH-80', 'Водонагреватель Thermex 80 л')], 3);
    cache.close();
    cache = openCache(file);
    expect(cache.searchOffers('водо', 10).map((o) => o.sku)).toEqual(['TH-80']);
  });
});
