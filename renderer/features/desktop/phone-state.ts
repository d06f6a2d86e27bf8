// What the tray and the updater need to know of the softphone, in one word.
import type { PhoneState } from '../../../core/desktop.js';
import type { CallView, LinkState } from '../softphone/engine.js';

export function phoneStateOf(link: LinkState, calls: readonly CallView[]): PhoneState {
  if (calls.some((c) => c.direction === 'incoming' && c.state === 'ringing')) return 'ringing';
  if (calls.some((c) => c.state === 'active' || c.state === 'held' || c.state === 'dialing')) return 'on_call';
  return link === 'registered' ? 'ready' : 'offline';
}
