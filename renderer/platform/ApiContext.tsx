// Hands the one PultApi to components; tests render with a fake.
import { createContext, useContext, type ReactNode } from 'react';
import type { PultApi } from '../../core/contract.js';

const ApiContext = createContext<PultApi | null>(null);

export function ApiProvider({ api, children }: { api: PultApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): PultApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
