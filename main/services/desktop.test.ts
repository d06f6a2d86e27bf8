import { describe, expect, it, vi } from 'vitest';
import type { DialRequest } from '../../core/desktop.js';
import { createDesktopHub, DIAL_REQUEST_TTL_MS } from './desktop.js';

const dial: DialRequest = { target: { kind: 'phone', phone: '+79123456789' }, source: 'link' };

function hub() {
  const emit = vi.fn();
  const onResumed = vi.fn();
  let t = 1_000;
  const h = createDesktopHub({ emit, onResumed, now: () => t });
  return { h, emit, onResumed, advance: (ms: number) => (t += ms) };
}

describe('desktop hub', () => {
  it('nudges renderers with dial.request and hands the request out exactly once', () => {
    const { h, emit } = hub();
    h.requestDial(dial);
    expect(emit).toHaveBeenCalledWith('dial.request', dial);
    expect(h.takeDialRequest()).toEqual(dial);
    expect(h.takeDialRequest()).toBeNull();
  });

  it('drops a dial request nobody took in time', () => {
    const { h, advance } = hub();
    h.requestDial(dial);
    advance(DIAL_REQUEST_TTL_MS + 1);
    expect(h.takeDialRequest()).toBeNull();
  });

  it('tracks the phone state and tells listeners about changes only', () => {
    const { h } = hub();
    const seen: string[] = [];
    const off = h.onPhoneState((s, prev) => seen.push(`${prev}->${s}`));
    expect(h.isCallActive()).toBe(false);
    h.setPhoneState('ready');
    h.setPhoneState('ready');
    h.setPhoneState('ringing');
    expect(h.isCallActive()).toBe(true);
    h.setPhoneState('on_call');
    off();
    h.setPhoneState('ready');
    expect(seen).toEqual(['offline->ready', 'ready->ringing', 'ringing->on_call']);
    expect(h.isCallActive()).toBe(false);
  });

  it('without a platform (browser mode) notifications are not shown and the mic status is unknown', async () => {
    const { h } = hub();
    expect(h.notify({ id: 'c1', kind: 'missed_call', phone: '+79123456789', name: null })).toBe(false);
    expect(await h.microphoneAccess()).toBe('unknown');
    const detach = h.attachPlatform({ notify: () => true, microphoneAccess: async () => 'granted' });
    expect(h.notify({ id: 'c1', kind: 'missed_call', phone: null, name: null })).toBe(true);
    expect(await h.microphoneAccess()).toBe('granted');
    detach();
    expect(await h.microphoneAccess()).toBe('unknown');
  });

  it('resume: tells the renderer (re-register SIP) and resyncs', () => {
    const { h, emit, onResumed } = hub();
    h.resumed('unlock-screen');
    expect(emit).toHaveBeenCalledWith('system.resumed', { reason: 'unlock-screen' });
    expect(onResumed).toHaveBeenCalledOnce();
  });
});
