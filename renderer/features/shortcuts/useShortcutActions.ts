// Listens for the shortcut keys anywhere in the workspace and does what they stand for. Call
// keys act on the ringing or live call; the two work keys are handed to the workspace.
import { useEffect, useRef } from 'react';
import { useSoftphone } from '../softphone/index.js';
import { actionFor, keyOf } from './shortcuts.js';
import { useShortcutKeys, useTransferRequest } from './store.js';

export interface WorkShortcuts {
  searchCustomer(): void;
  nextCallback(): void;
}

export function useShortcutActions(work: WorkShortcuts): void {
  // The latest handlers without re-registering the listener on every render.
  const latest = useRef(work);
  latest.current = work;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { capturing, keys } = useShortcutKeys.getState();
      if (capturing || e.repeat || e.defaultPrevented) return;
      const key = keyOf(e);
      const action = key ? actionFor(key, keys) : null;
      if (!action) return;
      e.preventDefault(); // F3 would start the browser's search, F5 reload, and so on
      const phone = useSoftphone.getState();
      const ringing = phone.calls.find((c) => c.state === 'ringing');
      const live = phone.calls.filter((c) => c.state === 'active' || c.state === 'held' || c.state === 'dialing');
      const talking = live.find((c) => c.state === 'active' || c.state === 'dialing') ?? live[0];
      switch (action) {
        case 'answer':
          if (ringing) void phone.answer(ringing.id);
          break;
        case 'hangup':
          // The call being talked on first; a ringing call is declined when there is none.
          if (talking) void phone.hangup(talking.id);
          else if (ringing) void phone.decline(ringing.id);
          break;
        case 'hold':
          if (talking && talking.state !== 'dialing') void phone.hold(talking.id, !talking.held);
          break;
        case 'mute':
          if (talking) phone.mute(talking.id, !talking.muted);
          break;
        case 'transfer':
          if (talking && talking.state !== 'dialing') useTransferRequest.setState((s) => ({ callId: talking.id, seq: s.seq + 1 }));
          break;
        case 'searchCustomer':
          latest.current.searchCustomer();
          break;
        case 'nextCallback':
          latest.current.nextCallback();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
