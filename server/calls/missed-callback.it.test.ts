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
