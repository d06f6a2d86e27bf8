// The renderer's half of the desktop integration: numbers from tel:/callto:/sip: links and the
// global hotkey are dialled, and the softphone's state goes to the tray and the updater (which
// never installs during a call). Browser mode gets the same events, just without a tray.
import { useEffect } from 'react';
import type { PultApi } from '../../../core/contract.js';
import type { DialTarget } from '../../../core/desktop.js';
import { useSoftphone } from '../softphone/index.js';
import { phoneStateOf } from './phone-state.js';

function dialTarget(target: DialTarget): void {
  // A bad number shows the dial pad's own message; nothing is dialled silently.
  useSoftphone.getState().dial(target.kind === 'phone' ? target.phone : target.uri);
}

export function useDesktopIntegration(api: PultApi): void {
  useEffect(() => {
    let alive = true;
    // A link that started the app arrived before we listened: it waits on the main side.
    void api.call('desktop.takeDialRequest', {}).then((r) => {
      if (alive && r.ok && r.value) dialTarget(r.value.target);
    });
    const offDial = api.on('dial.request', (req) => dialTarget(req.target));

    let last: string | null = null;
    const report = () => {
      const s = useSoftphone.getState();
      const state = phoneStateOf(s.link.state, s.calls);
      if (state === last) return;
      last = state;
      void api.call('desktop.phoneState', { state });
    };
    report();
    const offPhone = useSoftphone.subscribe(report);
    return () => {
      alive = false;
      offDial();
      offPhone();
    };
  }, [api]);
}
