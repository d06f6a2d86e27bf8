import { describe, expect, it } from 'vitest';
import { callbackDoneAt, callClosesCallback, stillOpenCallbacks } from './callbacks.js';
import type { Callback } from './domain.js';

const PHONE = '+79161234567';
const cb = (n: number, over: Partial<Callback> = {}): Callback => ({
  id: `01900000-0000-7000-8000-50000000000${n}`, phone: PHONE, customerId: null, assigneeId: null,
  dueAt: '2026-11-20T10:02:00.000Z', doneAt: null, reason: 'Пропущенный звонок', ...over,
});
const call = (over: Partial<{ outcome: 'answered' | 'missed' | 'declined' | 'failed'; phone: string | null; startedAt: string; durationSec: number }> = {}) => ({
  outcome: 'answered' as const, phone: PHONE, startedAt: '2026-11-20T10:01:00.000Z', durationSec: 60, ...over,
});

describe('a connected call closes the callback', () => {
  it('answered, either way, same number: closed; anything else: still open', () => {
    expect(callClosesCallback(call(), cb(1))).toBe(true);
    expect(callClosesCallback(call({ outcome: 'missed' }), cb(1))).toBe(false);
    expect(callClosesCallback(call({ outcome: 'failed' }), cb(1))).toBe(false);
    expect(callClosesCallback(call({ outcome: 'declined' }), cb(1))).toBe(false);
    expect(callClosesCallback(call({ phone: '+79160000000' }), cb(1))).toBe(false);
    expect(callClosesCallback(call({ phone: null }), cb(1))).toBe(false);
    expect(callClosesCallback(call(), cb(1, { doneAt: '2026-11-20T10:00:30.000Z' }))).toBe(false);
  });

  it('a callback born after the call ended is a new request and stays open', () => {
    expect(callClosesCallback(call(), { ...cb(1), createdAt: '2026-11-20T10:02:00.000Z' })).toBe(true); // created as it ended
    expect(callClosesCallback(call(), { ...cb(1), createdAt: '2026-11-20T10:02:00.001Z' })).toBe(false);
    expect(callClosesCallback(call(), { ...cb(1), createdAt: new Date('2026-11-20T09:00:00.000Z') })).toBe(true);
  });

  it('done when the call began, never before the task existed', () => {
    expect(callbackDoneAt(call(), '2026-11-20T10:00:00.000Z').toISOString()).toBe('2026-11-20T10:01:00.000Z');
    expect(callbackDoneAt(call(), '2026-11-20T10:01:30.000Z').toISOString()).toBe('2026-11-20T10:01:30.000Z');
    expect(callbackDoneAt(call(), null).toISOString()).toBe('2026-11-20T10:01:00.000Z');
  });

  it('offline: the pending calls hide the callbacks they close, and only those', () => {
    const other = cb(2, { phone: '+79160000000' });
    expect(stillOpenCallbacks([cb(1), other], [call()]).map((c) => c.id)).toEqual([other.id]);
    expect(stillOpenCallbacks([cb(1), other], [call({ outcome: 'missed' })]).map((c) => c.id)).toEqual([cb(1).id, other.id]);
    expect(stillOpenCallbacks([cb(1)], [])).toEqual([cb(1)]);
  });
});
