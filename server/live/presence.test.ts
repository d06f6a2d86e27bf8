import { describe, expect, it } from 'vitest';
import type { Presence } from '../../core/sync.js';
import { PresenceHub } from './presence.js';

const U1 = '01900000-0000-7000-8000-00000000000a';
const U2 = '01900000-0000-7000-8000-00000000000b';

describe('presence hub', () => {
  it('tracks online and on-call per user across several sockets, announcing only changes', () => {
    const hub = new PresenceHub();
    const seen: Presence[] = [];
    hub.subscribe((p) => seen.push(p));
    const a = {};
    const b = {};
    const c = {};
    hub.connect(a, U1);
    hub.connect(b, U1); // a second window: no news
    hub.connect(c, U2);
    hub.setOnCall(b, true);
    hub.setOnCall(b, true); // no news
    expect(hub.snapshot()).toEqual([
      { userId: U1, state: 'online', onCall: true },
      { userId: U2, state: 'online', onCall: false },
    ]);
    hub.disconnect(b); // U1 still online through a, no longer on a call
    hub.disconnect(a);
    expect(seen).toEqual([
      { userId: U1, state: 'online', onCall: false },
      { userId: U2, state: 'online', onCall: false },
      { userId: U1, state: 'online', onCall: true },
      { userId: U1, state: 'online', onCall: false },
      { userId: U1, state: 'offline', onCall: false },
    ]);
  });
});
