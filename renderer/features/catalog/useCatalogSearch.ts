// Catalog results as the operator types: debounced, the latest request wins (a slow answer to
// «сме» never replaces the one to «смес»), re-asked when the city changes.
import { useEffect, useRef, useState } from 'react';
import type { CatalogSearchResult } from '../../../core/catalog.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import type { PultApi } from '../../../core/contract.js';
import { isSearchable } from './searchable.js';

const DEBOUNCE_MS = 150;

export interface CatalogAnswer extends CatalogSearchResult {
  /** What was typed when this answer was asked for (shown in «ничего не нашли по …»). */
  query: string;
}

export function useCatalogSearch(api: PultApi, query: string, city: string | null) {
  const [answer, setAnswer] = useState<CatalogAnswer | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const asked = useRef(0);
  const searchable = isSearchable(query);

  useEffect(() => {
    if (!searchable) {
      asked.current += 1;
      setAnswer(null);
      setError(null);
      return;
    }
    const typed = query;
    const timer = setTimeout(() => {
      const mine = ++asked.current;
      void api.call('catalog.search', { query: typed, city, limit: 50 }).then((r) => {
        if (mine !== asked.current) return;
        if (r.ok) {
          setAnswer({ ...r.value, query: typed });
          setError(null);
        } else setError(r.error);
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, query, city, searchable]);

  return { answer: searchable ? answer : null, error, searchable };
}
