import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Callback } from '../../core/domain.js';
import { PullResponse, PushResponse, type LogCallArgs } from '../../core/sync.js';
import { ANNA_PHONE_E164 } from '../seed/customers.js';
import { DB_KINDS } from '../test/databases.js';
import { useServer, type Harness } from '../test/harness.js';

async function callbacks(h: Harness, token: string): Promise<Callback[]> {
  const page = PullResponse.parse((await h.get('/api/sync/pull?limit=10000', token)).json());
  return page.changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'callbacks' ? [c.data] : []));
}

function logCall(seq: number, args: Partial<LogCallArgs>) {
  const call: LogCallArgs = {
    id: uuidv7(),
    direction: 'incoming',
    outcome: 'missed',
    phone: ANNA_PHONE_E164,
    customerId: null,
    orderId: null,
    startedAt: new Date().toISOString(),
    durationSec: 0,
    note: '',
    ...args,
  };
  return { id: uuidv7(), seq, createdAt: new Date().toISOString(), name: 'calls.log' as const, args: call };
}

describe.each(DB_KINDS)('missed call -> callback on %s', (kind) => {
  const h = useServer(kind);

  it('a missed incoming call creates one open callback due in 2 minutes; answered calls and repeats do not', async () => {
    const token = await h.login('operator');
    const device = uuidv7();
    const before = Date.now();
    const res = await h.post(
      '/api/sync/push',
      {
        deviceId: device,
        mutations: [
          logCall(1, { outcome: 'answered', durationSec: 30, phone: '+79160000001' }),
          logCall(2, {}),
          logCall(3, {}), // the same number again: still one task
          logCall(4, { direction: 'outgoing', outcome: 'failed', phone: '+79160000002' }),
        ],
      },
      token,
    );
    expect(res.statusCode).toBe(200);
    PushResponse.parse(res.json());
    const list = await callbacks(h, token);
    const mine = list.filter((c) => c.phone === ANNA_PHONE_E164 && c.doneAt === null && c.reason === 'Пропущенный звонок');
    expect(mine).toHaveLength(1);
    expect(list.some((c) => c.phone === '+79160000001' || c.phone === '+79160000002')).toBe(false);
    const due = Date.parse(mine[0]!.dueAt) - before;
    expect(due).toBeGreaterThanOrEqual(110_000);
    expect(due).toBeLessThanOrEqual(130_000 + 5_000);
  });
});

describe.each(DB_KINDS)('a connected call closes the callback on %s', (kind) => {
  const h = useServer(kind);
  const PHONE = '+79165550101';
  const OTHER = '+79165550102';

  async function pullSince(token: string, cursor: number) {
    return PullResponse.parse((await h.get(`/api/sync/pull?limit=10000&cursor=${cursor}`, token)).json());
  }

  it('an answered call with the number closes its open callback in the same push, and clients pull the change', async () => {
    const token = await h.login('operator');
    const device = uuidv7();
    const missedAt = new Date(Date.now() - 60_000).toISOString();
    let res = await h.post('/api/sync/push', { deviceId: device, mutations: [logCall(1, { phone: PHONE, startedAt: missedAt }), logCall(2, { phone: OTHER, startedAt: missedAt })] }, token);
    expect(res.statusCode).toBe(200);
    const afterMissed = await pullSince(token, 0);
    const opened = afterMissed.changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'callbacks' && c.data.phone === PHONE ? [c.data] : []));
    expect(opened).toHaveLength(1);
    expect(opened[0]!.doneAt).toBeNull();

    // An old call with the number, logged late from an offline desk: it ended before the task existed.
    const old = new Date(Date.now() - 3_600_000).toISOString();
    // A missed outgoing attempt does not count; the operator calls back and gets through.
    const backAt = new Date().toISOString();
    res = await h.post(
      '/api/sync/push',
      {
        deviceId: device,
        mutations: [
          logCall(3, { direction: 'incoming', outcome: 'answered', phone: PHONE, startedAt: old, durationSec: 40 }),
          logCall(4, { direction: 'outgoing', outcome: 'failed', phone: PHONE, startedAt: backAt }),
        ],
      },
      token,
    );
    expect(PushResponse.parse(res.json()).results.every((r) => r.status === 'applied')).toBe(true);
    let page = await pullSince(token, afterMissed.cursor);
    expect(page.changes.filter((c) => c.entity === 'callbacks')).toEqual([]);

    const back = logCall(5, { direction: 'outgoing', outcome: 'answered', phone: PHONE, startedAt: backAt, durationSec: 75 });
    res = await h.post('/api/sync/push', { deviceId: device, mutations: [back] }, token);
    expect(PushResponse.parse(res.json()).results[0]?.status).toBe('applied');
    page = await pullSince(token, afterMissed.cursor);
    const closed = page.changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'callbacks' ? [c.data] : []));
    expect(closed.map((c) => [c.id, c.phone])).toEqual([[opened[0]!.id, PHONE]]);
    // Done when the call began (not when the log arrived), so «called back in time» is true.
    expect(closed[0]!.doneAt).toBe(backAt);

    // The other number's task is untouched; a new missed call from PHONE opens a new task.
    const all = await callbacks(h, token);
    expect(all.filter((c) => c.phone === OTHER && c.doneAt === null)).toHaveLength(1);
    await h.post('/api/sync/push', { deviceId: device, mutations: [logCall(6, { phone: PHONE })] }, token);
    const again = (await callbacks(h, token)).filter((c) => c.phone === PHONE);
    expect(again.filter((c) => c.doneAt === null)).toHaveLength(1);
    expect(again.filter((c) => c.doneAt !== null)).toHaveLength(1);
    // The same call log arriving again (another device had it too) is the same call: the new task stays open.
    const replay = await h.post('/api/sync/push', { deviceId: uuidv7(), mutations: [{ ...back, id: uuidv7(), seq: 1 }] }, token);
    expect(replay.statusCode).toBe(200);
    expect((await callbacks(h, token)).filter((c) => c.phone === PHONE && c.doneAt === null)).toHaveLength(1);
  });

  it('an incoming answered call (the customer rang back first) closes it too', async () => {
    const token = await h.login('operator');
    const device = uuidv7();
    const phone = '+79165550103';
    await h.post('/api/sync/push', { deviceId: device, mutations: [logCall(1, { phone, startedAt: new Date(Date.now() - 30_000).toISOString() })] }, token);
    expect((await callbacks(h, token)).filter((c) => c.phone === phone && c.doneAt === null)).toHaveLength(1);
    await h.post('/api/sync/push', { deviceId: device, mutations: [logCall(2, { phone, outcome: 'answered', durationSec: 20 })] }, token);
    expect((await callbacks(h, token)).filter((c) => c.phone === phone && c.doneAt === null)).toHaveLength(0);
  });
});
