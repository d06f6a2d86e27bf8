import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentStatus } from '../../../core/agent-state.js';
import { FakeApi } from '../../test/fakeApi.js';
import type { CallView } from '../softphone/engine.js';
import { useSoftphone, type Pop } from '../softphone/store.js';
import { useAgentState } from './store.js';

const ORDER_ID = '01900000-0000-7000-8000-0000000000a1';

function call(over: Partial<CallView>): CallView {
  return {
    id: 'c1', direction: 'incoming', state: 'ringing', remote: { e164: '+79123456789', raw: '79123456789', name: '79123456789' }, line: null,
    startedAt: 0, answeredAt: null, endedAt: null, muted: false, held: false, endReason: null, consultFor: null, sipAt: 0, ...over,
  };
}

const foundPop = {
  status: 'found',
  data: {
    customer: { id: '01900000-0000-7000-8000-0000000000c1', name: 'Анна Соколова' },
    openOrders: [{ id: ORDER_ID, number: 'П-1001' }],
    nextStages: { [ORDER_ID]: [{ id: 'confirmed', name: 'Подтверждён', kind: 'open' }, { id: 'cancelled', name: 'Отказ', kind: 'failure' }] },
  },
} as unknown as Pop;

/** What the store published, in order. */
const published = (api: FakeApi) => api.calls.filter((c) => c.method === 'agent.setState').map((c) => (c.input as AgentStatus).kind);

/** The phone changes; the agent state follows after the next frame (at most 100 ms). */
function phone(p: Partial<ReturnType<typeof useSoftphone.getState>>): void {
  useSoftphone.setState(p);
  vi.advanceTimersByTime(100);
}

describe('the operator\'s own agent state', () => {
  let api: FakeApi;
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    api = new FakeApi()
      .answer('agent.setState', () => ({ ok: true, value: { ok: true } }))
      .answer('orders.changeStage', () => ({ ok: true, value: {} as never }));
    useSoftphone.setState({ calls: [], pops: {}, callOrder: {} }); // before start(): not followed
    stop = useAgentState.getState().start(api as never);
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('follows an answered call: ringing with the card\'s name, on a call, after-call work with the order\'s stages, then «Готов»', async () => {
    phone({ calls: [call({})] });
    expect(useAgentState.getState().status).toMatchObject({ kind: 'ringing', peer: { phone: '+79123456789', name: '' } });
    phone({ pops: { c1: foundPop } });
    expect(useAgentState.getState().status.peer).toEqual({ phone: '+79123456789', name: 'Анна Соколова' });
    phone({ calls: [call({ state: 'active', answeredAt: 1 })] });
    phone({ calls: [call({ state: 'ended', answeredAt: 1, endReason: 'hangup' })] });
    const s = useAgentState.getState();
    expect(s.status.kind).toBe('after_call');
    expect(s.disposition).toEqual({ orderId: ORDER_ID, number: 'П-1001', stages: [expect.objectContaining({ id: 'confirmed' })] });
    await s.dispose(api as never, 'confirmed');
    expect(api.calls.find((c) => c.method === 'orders.changeStage')?.input).toEqual({ orderId: ORDER_ID, toStageId: 'confirmed' });
    expect(useAgentState.getState().status.kind).toBe('available');
    expect(published(api)).toEqual(['available', 'ringing', 'ringing', 'on_call', 'after_call', 'available']);
  });

  it('after-call work ends by itself when its time is up', () => {
    phone({ calls: [call({ state: 'active', answeredAt: 1 })] });
    phone({ calls: [call({ state: 'ended', answeredAt: 1, endReason: 'remote_hangup' })] });
    expect(useAgentState.getState().status.kind).toBe('after_call');
    vi.advanceTimersByTime(59_000);
    expect(useAgentState.getState().status.kind).toBe('after_call');
    vi.advanceTimersByTime(2_000);
    expect(useAgentState.getState().status.kind).toBe('available');
  });

  it('a call that rang out marks the operator away until «Я на месте»', () => {
    phone({ calls: [call({})] });
    phone({ calls: [call({ state: 'ended', endReason: 'missed' })] });
    expect(useAgentState.getState().status.kind).toBe('away');
    useAgentState.getState().ready(api as never);
    expect(useAgentState.getState().status.kind).toBe('available');
  });

  it('a supervisor\'s change is shown as theirs and not published back', () => {
    const before = published(api).length;
    api.emit('agent.self', { kind: 'break', reason: 'lunch', since: new Date().toISOString() });
    expect(useAgentState.getState()).toMatchObject({ status: { kind: 'break', reason: 'lunch' }, bySupervisor: true });
    expect(published(api).length).toBe(before);
  });

  it('a break a supervisor chose during a call waits for the call and its after-call work, then begins instead of «Свободен»', () => {
    phone({ calls: [call({ state: 'active', answeredAt: 1 })] });
    const onCall = useAgentState.getState().status;
    expect(onCall.kind).toBe('on_call');
    // The server keeps the call and adds the plan (core supervisorStatus).
    api.emit('agent.self', { ...onCall, afterCall: { kind: 'break', reason: 'lunch' }, since: new Date().toISOString() });
    expect(useAgentState.getState()).toMatchObject({ status: { kind: 'on_call', afterCall: { kind: 'break', reason: 'lunch' } }, bySupervisor: false });
    // The card finding the caller's name later keeps the plan.
    phone({ pops: { c1: foundPop } });
    expect(useAgentState.getState().status).toMatchObject({ kind: 'on_call', peer: { name: 'Анна Соколова' }, afterCall: { kind: 'break' } });
    phone({ calls: [call({ state: 'ended', answeredAt: 1, endReason: 'hangup' })] });
    expect(useAgentState.getState().status).toMatchObject({ kind: 'after_call', afterCall: { kind: 'break', reason: 'lunch' } });
    vi.advanceTimersByTime(61_000);
    expect(useAgentState.getState().status).toMatchObject({ kind: 'break', reason: 'lunch', afterCall: null });
    expect(published(api).slice(-4)).toEqual(['on_call', 'on_call', 'after_call', 'break']);
  });

  it('«Готов» after a call with a supervisor\'s plan goes to it; «Свободен» from the supervisor cancels the plan', () => {
    phone({ calls: [call({ state: 'active', answeredAt: 1 })] });
    const onCall = useAgentState.getState().status;
    api.emit('agent.self', { ...onCall, afterCall: { kind: 'away' }, since: new Date().toISOString() });
    phone({ calls: [call({ state: 'ended', answeredAt: 1, endReason: 'hangup' })] });
    useAgentState.getState().ready(api as never);
    expect(useAgentState.getState().status.kind).toBe('away');

    useAgentState.getState().ready(api as never);
    phone({ calls: [call({ id: 'c2', state: 'active', answeredAt: 1 })] });
    const again = useAgentState.getState().status;
    api.emit('agent.self', { ...again, afterCall: { kind: 'break', reason: 'rest' }, since: new Date().toISOString() });
    api.emit('agent.self', { ...again, afterCall: null, since: new Date().toISOString() });
    phone({ calls: [call({ id: 'c2', state: 'ended', answeredAt: 1, endReason: 'hangup' })] });
    useAgentState.getState().ready(api as never);
    expect(useAgentState.getState().status.kind).toBe('available');
  });
});
