// Starts the softphone for the signed-in operator and stops it at logout.
import { useEffect } from 'react';
import { useApi } from '../../platform/ApiContext.js';
import { softphoneDebug, useSoftphone } from './store.js';

export function useSoftphoneLifecycle(): void {
  const api = useApi();
  const start = useSoftphone((s) => s.start);
  const stop = useSoftphone((s) => s.stop);
  useEffect(() => {
    void start(api);
    // Tests and benches read media counters and screen-pop timings from here.
    (window as unknown as { __pultSoftphone?: unknown }).__pultSoftphone = { ...softphoneDebug(), state: () => useSoftphone.getState() };
    return () => {
      void stop();
    };
  }, [api, start, stop]);
}
