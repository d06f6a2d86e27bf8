// Push: apply a device's mutations exactly once, in seq order.
// Each mutation runs in its own transaction together with the device's last_seq and its
// applied_mutations row (the recorded outcome), so a crash between effect and bookkeeping
// cannot happen. A rejected mutation still consumes its seq (the client drops it and goes on);
// a gap answers `retry` so the client resends in order.
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { User } from '../../core/domain.js';
import { ApiErrorBody, PultError, toErrorBody } from '../../core/errors.js';
import { Mutation, MutationBody, type MutationResult, type PushResponse } from '../../core/sync.js';
import type { AuthContext } from '../auth/sessions.js';
import { logCall } from '../calls/log-call.js';
import { createCallLead } from '../leads/call-lead.js';
import type { Db, Tx } from '../db/database.js';
import { currentVersion } from '../db/versions.js';
import { addNote } from '../orders/add-note.js';
import { setAppointment } from '../appointments/set-appointment.js';
import { changeStage } from '../orders/change-stage.js';

/** What can be read from a mutation even when the rest of it is malformed. */
const Envelope = z.object({
  id: z.string().max(64).catch(''),
  seq: z.number().int().positive().catch(0),
  name: z.string().max(100).catch(''),
});
const KNOWN_NAMES: ReadonlySet<string> = new Set(MutationBody.options.map((o) => o.shape.name.value));

type Outcome = { status: 'applied'; wrote: boolean } | { status: 'rejected'; error: ApiErrorBody } | { status: 'retry' };

async function applyMutation(trx: Tx, mutation: Mutation, user: User): Promise<boolean> {
  switch (mutation.name) {
    case 'orders.changeStage':
      return (await changeStage(trx, mutation.args, user.role, new Date(), user.id)).changed;
    case 'orders.addNote':
      return (await addNote(trx, mutation.args, user)).changed;
    case 'orders.setAppointment':
      return (await setAppointment(trx, mutation.args, user)).changed;
    case 'calls.log':
      return (await logCall(trx, mutation.args, user)).changed;
    case 'leads.fromCall':
      return (await createCallLead(trx, mutation.args, user)).changed;
  }
}

/** A plain-words reason for a mutation that does not parse (the client logs and shows it). */
function whyMalformed(raw: unknown, name: string, issues: readonly z.core.$ZodIssue[]): ApiErrorBody {
  if (!name) return { code: 'validation', message: 'Mutation has no name' };
  if (!KNOWN_NAMES.has(name)) return { code: 'validation', message: `Unknown mutation ${name.slice(0, 100)}` };
  const fields: Record<string, string> = {};
  for (const i of issues.slice(0, 10)) fields[i.path.map(String).join('.') || '_'] = i.code;
  void raw;
  return { code: 'validation', message: `Malformed ${name}: ${issues[0]?.message ?? 'invalid'}`, fields };
}

/** Locks the device row; a device belongs to the user who first pushed with it. */
async function lockDevice(trx: Tx, deviceId: string, userId: string): Promise<{ lastSeq: number; owner: string | null }> {
  await trx.insertInto('device_mutations').values({ device_id: deviceId, user_id: userId, last_seq: 0 })
    .onConflict((oc) => oc.column('device_id').doNothing()).execute();
  const row = await trx.selectFrom('device_mutations').select(['last_seq', 'user_id']).where('device_id', '=', deviceId).forUpdate().executeTakeFirstOrThrow();
  return { lastSeq: Number(row.last_seq), owner: row.user_id };
}

/** The answer recorded when this seq was first taken, if any. */
async function recorded(trx: Tx, deviceId: string, seq: number) {
  return trx.selectFrom('applied_mutations').select(['mutation_id', 'status', 'error']).where('device_id', '=', deviceId).where('seq', '=', seq).executeTakeFirst();
}

function replay(row: { status: 'applied' | 'rejected'; error: unknown }): Outcome {
  if (row.status === 'applied') return { status: 'applied', wrote: false };
  const error = ApiErrorBody.safeParse(row.error);
  return { status: 'rejected', error: error.success ? error.data : { code: 'validation', message: 'Rejected earlier' } };
}

async function pushOne(trx: Tx, auth: AuthContext, deviceId: string, raw: unknown): Promise<Outcome> {
  const envelope = Envelope.parse(typeof raw === 'object' && raw !== null ? raw : {});
  const { lastSeq, owner } = await lockDevice(trx, deviceId, auth.user.id);
  if (owner !== null && owner !== auth.user.id) {
    return { status: 'rejected', error: { code: 'forbidden', message: 'This device belongs to another user; log in again on it' } };
  }
  // Without a readable seq the mutation cannot take a place in the queue.
  if (envelope.seq === 0) return { status: 'rejected', error: { code: 'validation', message: 'Mutation has no valid seq' } };
  if (envelope.seq <= lastSeq) {
    // An old seq. The same mutation id means a retry whose first answer the client never got
    // (dropped response, crash before it recorded the answer): we repeat the recorded answer
    // without re-applying anything, so the client can finally drop it, and nothing happens
    // twice. A different id under a used seq is a client bug or a replay: refuse it and keep
    // the original.
    const prior = await recorded(trx, deviceId, envelope.seq);
    if (!prior) return { status: 'applied', wrote: false }; // recorded before outcomes were kept
    if (prior.mutation_id === envelope.id) return replay(prior);
    return { status: 'rejected', error: { code: 'validation', message: `Sequence ${envelope.seq} was already used by another mutation` } };
  }
  if (envelope.seq > lastSeq + 1) return { status: 'retry' };

  let outcome: Exclude<Outcome, { status: 'retry' }>;
  const parsed = Mutation.safeParse(raw);
  if (!parsed.success) {
    outcome = { status: 'rejected', error: whyMalformed(raw, envelope.name, parsed.error.issues) };
  } else {
    // The same mutation id under a new seq (a cache rebuilt under a new device): answer what
    // it got the first time instead of applying it again.
    const twin = await trx.selectFrom('applied_mutations').select(['status', 'error']).where('mutation_id', '=', parsed.data.id)
      .where('user_id', '=', auth.user.id).executeTakeFirst();
    if (twin) {
      const r = replay(twin);
      outcome = r.status === 'retry' ? { status: 'applied', wrote: false } : r;
    } else {
      // Effects are checked before anything is written, so a PultError leaves no partial write.
      try {
        outcome = { status: 'applied', wrote: await applyMutation(trx, parsed.data, auth.user) };
      } catch (e) {
        if (!(e instanceof PultError)) throw e;
        outcome = { status: 'rejected', error: toErrorBody(e) };
      }
    }
  }
  await trx.updateTable('device_mutations').set({ last_seq: envelope.seq, updated_at: new Date() }).where('device_id', '=', deviceId).execute();
  await trx.insertInto('applied_mutations').values({
    device_id: deviceId,
    seq: envelope.seq,
    mutation_id: envelope.id,
    user_id: auth.user.id,
    status: outcome.status,
    error: outcome.status === 'rejected' ? JSON.stringify(outcome.error) : null,
  }).execute();
  return outcome;
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
  let failed = false;
  for (const raw of raws) {
    const envelope = Envelope.parse(typeof raw === 'object' && raw !== null ? raw : {});
    const base = { id: envelope.id, seq: envelope.seq };
    if (failed) {
      // After a transient failure everything later would be a gap: ask for it again.
      results.push({ ...base, status: 'retry' });
      continue;
    }
    let outcome: Outcome;
    try {
      outcome = await db.transaction().execute((trx) => pushOne(trx, auth, deviceId, raw));
    } catch (err) {
      // Serialization failure, lost connection…: nothing was committed; the client retries.
      log.warn({ err, mutationId: base.id, seq: base.seq }, 'mutation failed, retry later');
      failed = true;
      results.push({ ...base, status: 'retry' });
      continue;
    }
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
