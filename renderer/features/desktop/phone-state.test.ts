import { describe, expect, it } from 'vitest';
import type { CallView } from '../softphone/engine.js';
import { phoneStateOf } from './phone-state.js';

const call = (direction: CallView['direction'], state: CallView['state']) => ({ direction, state }) as CallView;

describe('phone state for the tray and the updater', () => {
  it('registered and idle → ready; not registered → offline', () => {
    expect(phoneStateOf('registered', [])).toBe('ready');
    expect(phoneStateOf('reconnecting', [])).toBe('offline');
    expect(phoneStateOf('auth_failed', [call('outgoing', 'ended')])).toBe('offline');
  });
  it('an incoming call ringing wins over everything; any live call is on_call', () => {
    expect(phoneStateOf('registered', [call('outgoing', 'active'), call('incoming', 'ringing')])).toBe('ringing');
    expect(phoneStateOf('registered', [call('outgoing', 'dialing')])).toBe('on_call');
    expect(phoneStateOf('reconnecting', [call('incoming', 'held')])).toBe('on_call');
  });
});
