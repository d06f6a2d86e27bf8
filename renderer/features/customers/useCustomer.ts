// The customer card's data from the local cache, re-read when local data changes.
import { useCallback, useEffect, useState } from 'react';
import type { CustomerDetails } from '../../../core/contract.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import { useApi } from '../../platform/ApiContext.js';

export function useCustomer(id: string): { details: CustomerDetails | null; error: ApiErrorBody | null } {
  const api = useApi();
  const [details, setDetails] = useState<CustomerDetails | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const load = useCallback(async () => {
    const r = await api.call('customers.get', { id });
    if (r.ok) {
      setDetails(r.value);
      setError(null);
    } else setError(r.error);
  }, [api, id]);
  useEffect(() => {
    setDetails(null);
    void load();
    return api.on('data.changed', () => void load());
  }, [api, load]);
  return { details, error };
}
