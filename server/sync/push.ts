// Push: apply a device's mutations exactly once, in seq order.
// Each mutation runs in its own transaction together with the device's last_seq, so a crash
// between effect and bookkeeping cannot happen. A rejected mutation still consumes its seq
// (the client drops it and goes on); a gap answers `retry` so the client resends in order.
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../core/domain.js';
import { PultError, toErrorBody, type ApiErrorBody } from '../../core/errors.js';
import { Mutation, type MutationResult, type PushResponse } from '../../core/sync.js';
import type { AuthContext } from '../auth/sessions.js';
import type { Db, Tx } from '../db/database.js';
import { currentVersion } from '../db/versions.js';
import { changeStage } from '../orders/change-stage.js';

/** What can be read from a mutation even when the rest of it is malformed. */
const Envelope = z.object({
  id: z.string().max(64).catch(''),
  seq: z.number().int().positive().catch(0),
});

type Applied = { status: 'applied'; wrote: boolean } | { status: 'rejected'; error: ApiErrorBody } | { status: 'retry' };

async function applyMutation(trx: Tx, mutation: Mutation, role: Role): Promise<boolean> {
  switch (mutation.name) {
    case 'orders.changeStage':
      return (await changeStage(trx, mutation.args, role)).changed;
  }
}

async function lockDevice(trx: Tx, deviceId: string, userId: string): Promise<number> {
  await trx.insertInto('device_mutations').values({ device_id: deviceId, user_id: userId, last_seq: 0 })
    .onConflict((oc) => oc.column('device_id').doNothing()).execute();
  const row = await trx.selectFrom('device_mutations').select('last_seq').where('device_id', '=', deviceId).forUpdate().executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

export async function pushMutations(
  db: Db,
  auth: AuthContext,
  deviceId: string,
  raws: unknown[],
  log: FastifyBaseLogger,
): Promise<{ response: PushResponse; wrote: boolean }> {
  const results: MutationResult[] = [];
  let wroteAny = false;
  for (const raw of raws) {
    const envelope = Envelope.parse(typeof raw === 'object' && raw !== null ? raw : {});
    const parsed = Mutation.safeParse(raw);
    const outcome = await db.transaction().execute(async (trx): Promise<Applied> => {
      const lastSeq = await lockDevice(trx, deviceId, auth.user.id);
      // Without a readable seq the mutation cannot take a place in the queue.
      if (envelope.seq === 0) return { status: 'rejected', error: { code: 'validation', message: 'Mutation has no valid seq' } };
      if (envelope.seq <= lastSeq) return { status: 'applied', wrote: false }; // a retry of what we already did
      if (envelope.seq > lastSeq + 1) return { status: 'retry' };
      let result: Applied;
      if (!parsed.success) {
        result = { status: 'rejected', error: { code: 'validation', message: 'Malformed mutation' } };
      } else {
        // Effects are checked before anything is written, so a PultError leaves no partial write.
        try {
          result = { status: 'applied', wrote: await applyMutation(trx, parsed.data, auth.user.role) };
        } catch (e) {
          if (!(e instanceof PultError)) throw e;
          result = { status: 'rejected', error: toErrorBody(e) };
        }
      }
      await trx.updateTable('device_mutations').set({ last_seq: envelope.seq, updated_at: new Date() }).where('device_id', '=', deviceId).execute();
      return result;
    });
    const base = { id: parsed.success ? parsed.data.id : envelope.id, seq: envelope.seq };
    if (outcome.status === 'applied') {
      wroteAny ||= outcome.wrote;
      results.push({ ...base, status: 'applied' });
    } else if (outcome.status === 'rejected') {
      log.info({ mutationId: base.id, seq: base.seq, code: outcome.error.code }, 'mutation rejected');
      results.push({ ...base, status: 'rejected', error: outcome.error });
    } else {
      results.push({ ...base, status: 'retry' });
    }
  }
  return { response: { results, cursor: await currentVersion(db) }, wrote: wroteAny };
}
