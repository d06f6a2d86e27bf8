import { describe, expect, it } from 'vitest';
import {
  AgentState, AgentStatus, acwSecondsLeft, afterCallWork, cleanStatus, mayChangeOwnState, maySeeWallboard, phoneTransition, supervisorStatus, takesNewWork, withPlan, type PhoneCallInfo,
} from './agent-state.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const peer = { phone: '+79123456789', name: 'Анна Соколова' };
const call = (over: Partial<PhoneCallInfo>): PhoneCallInfo => ({ id: 'c1', direction: 'incoming', state: 'ringing', answered: false, missed: false, peer, ...over });

describe('agent state rules', () => {
  it('only supervisors and admins see the wallboard', () => {
    expect(maySeeWallboard('supervisor')).toBe(true);
    expect(maySeeWallboard('admin')).toBe(true);
    expect(maySeeWallboard('operator')).toBe(false);
    expect(maySeeWallboard('technician')).toBe(false);
  });

  it('a break or «не на месте» keeps new work away; every other state takes it', () => {
    expect(takesNewWork('break')).toBe(false);
    expect(takesNewWork('away')).toBe(false);
    for (const k of ['available', 'ringing', 'on_call', 'after_call', 'offline'] as const) expect(takesNewWork(k)).toBe(true);
  });

  it('an incoming call rings, is answered, ends in after-call work with its end time', () => {
    expect(phoneTransition('available', [call({})], [], NOW)).toEqual({ kind: 'ringing', peer });
    expect(phoneTransition('ringing', [call({})], [], NOW)).toBeNull();
    expect(phoneTransition('ringing', [call({ state: 'active', answered: true })], [], NOW)).toEqual({ kind: 'on_call', peer });
    expect(phoneTransition('on_call', [call({ state: 'held', answered: true })], [], NOW)).toBeNull();
    expect(phoneTransition('on_call', [], [call({ state: 'ended', answered: true })], NOW, 60)).toEqual({
      kind: 'after_call',
      acwEndsAt: '2026-03-02T09:01:00.000Z',
    });
  });

  it('a call waiting while talking keeps «в разговоре»', () => {
    const calls = [call({ id: 'a', state: 'active', answered: true }), call({ id: 'b', peer: { phone: '+70000000000', name: '' } })];
    expect(phoneTransition('on_call', calls, [], NOW)).toBeNull();
  });

  it('an incoming call that rang out sets «не на месте»; a declined one goes back to available', () => {
    expect(phoneTransition('ringing', [], [call({ state: 'ended', missed: true })], NOW)).toEqual({ kind: 'away' });
    expect(phoneTransition('ringing', [], [call({ state: 'ended' })], NOW)).toEqual({ kind: 'available' });
    // An outgoing call nobody answered is not after-call work.
    expect(phoneTransition('on_call', [], [call({ direction: 'outgoing', state: 'ended' })], NOW)).toEqual({ kind: 'available' });
  });

  it('nothing on the phone leaves a break or after-call work alone', () => {
    expect(phoneTransition('break', [], [], NOW)).toBeNull();
    expect(phoneTransition('after_call', [], [], NOW)).toBeNull();
  });

  it('an agent cannot click their way out of a call, but ends after-call work and away by hand', () => {
    expect(mayChangeOwnState('on_call', 'break')).toBe(false);
    expect(mayChangeOwnState('ringing', 'available')).toBe(false);
    expect(mayChangeOwnState('after_call', 'available')).toBe(true);
    expect(mayChangeOwnState('away', 'available')).toBe(true);
    expect(mayChangeOwnState('available', 'break')).toBe(true);
    expect(mayChangeOwnState('break', 'break')).toBe(true);
    expect(mayChangeOwnState('available', 'available')).toBe(false);
    expect(mayChangeOwnState('on_call', 'after_call')).toBe(true);
  });

  it('cleanStatus drops fields that do not belong to the state', () => {
    expect(cleanStatus({ kind: 'available', reason: 'lunch', peer })).toEqual({ kind: 'available', reason: null, peer: null, acwEndsAt: null, afterCall: null });
    expect(cleanStatus({ kind: 'break' })).toEqual({ kind: 'break', reason: 'rest', peer: null, acwEndsAt: null, afterCall: null });
  });

  it('counts after-call seconds down to zero', () => {
    expect(acwSecondsLeft('2026-03-02T09:00:30.000Z', NOW)).toBe(30);
    expect(acwSecondsLeft('2026-03-02T08:59:00.000Z', NOW)).toBe(0);
    expect(acwSecondsLeft(null, NOW)).toBe(0);
  });

  it('schemas: a client cannot claim to be offline; the server view carries since', () => {
    expect(AgentStatus.safeParse({ kind: 'offline' }).success).toBe(false);
    expect(AgentStatus.safeParse({ kind: 'break', reason: 'nap' }).success).toBe(false);
    expect(AgentState.parse({ kind: 'offline', since: NOW.toISOString() }).kind).toBe('offline');
  });

  it('a supervisor\'s break for an operator busy with a call waits for the call\'s work; «Свободен» cancels it', () => {
    const onCall: AgentStatus = { kind: 'on_call', peer: { phone: '+79123456789', name: 'Анна' } };
    expect(supervisorStatus(onCall, { kind: 'break', reason: 'lunch' })).toEqual({
      kind: 'on_call', reason: null, peer: onCall.peer, acwEndsAt: null, afterCall: { kind: 'break', reason: 'lunch' },
    });
    expect(supervisorStatus(onCall, { kind: 'away' }).afterCall).toEqual({ kind: 'away', reason: null });
    expect(supervisorStatus({ ...onCall, afterCall: { kind: 'away' } }, { kind: 'available' })).toMatchObject({ kind: 'on_call', afterCall: null });
    const acw: AgentStatus = { kind: 'after_call', acwEndsAt: '2026-11-26T10:00:00.000Z' };
    expect(supervisorStatus(acw, { kind: 'break' })).toMatchObject({ kind: 'after_call', acwEndsAt: acw.acwEndsAt, afterCall: { kind: 'break', reason: 'rest' } });
    expect(supervisorStatus(acw, { kind: 'available' })).toMatchObject({ kind: 'available', afterCall: null });
    // Not busy with a call: at once.
    expect(supervisorStatus({ kind: 'available' }, { kind: 'break', reason: 'meeting' })).toMatchObject({ kind: 'break', reason: 'meeting', afterCall: null });
    expect(supervisorStatus({ kind: 'away' }, { kind: 'available' })).toMatchObject({ kind: 'available' });
  });

  it('the plan is where after-call work leads, and belongs only to call states', () => {
    expect(afterCallWork({ kind: 'after_call', afterCall: { kind: 'break', reason: 'training' } })).toMatchObject({ kind: 'break', reason: 'training', afterCall: null });
    expect(afterCallWork({ kind: 'after_call', afterCall: null })).toMatchObject({ kind: 'available' });
    expect(cleanStatus({ kind: 'break', reason: 'rest', afterCall: { kind: 'away' } }).afterCall).toBeNull();
    expect(cleanStatus({ kind: 'ringing', afterCall: { kind: 'away', reason: 'lunch' } }).afterCall).toEqual({ kind: 'away', reason: null });
  });

  it('the phone\'s changes carry the plan through the call and end in it instead of «Свободен»', () => {
    const plan = { kind: 'break', reason: 'lunch' } as const;
    const onCall: AgentStatus = { kind: 'on_call', afterCall: plan };
    expect(withPlan({ kind: 'after_call', acwEndsAt: '2026-11-26T10:00:00.000Z' }, onCall)).toMatchObject({ kind: 'after_call', afterCall: plan });
    expect(withPlan({ kind: 'available' }, onCall)).toMatchObject({ kind: 'break', reason: 'lunch', afterCall: null });
    expect(withPlan({ kind: 'away' }, { kind: 'ringing', afterCall: plan })).toMatchObject({ kind: 'away' });
    expect(withPlan(null, onCall)).toBeNull();
    expect(withPlan({ kind: 'available' }, { kind: 'on_call' })).toEqual({ kind: 'available' });
  });
});
