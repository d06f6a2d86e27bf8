// Writes each agent's state to agent_states as it changes, so assignment (in any server
// instance's transaction) can skip operators on a break or «не на месте». Writes go one at a
// time, in the order the states changed; a failed write is logged and the next one goes on.
import type { FastifyBaseLogger } from 'fastify';
import { takesNewWork } from '../../core/agent-state.js';
import type { Db, Tx } from '../db/database.js';
import type { PresenceHub } from './presence.js';

export function persistAgentStates(db: Db, presence: PresenceHub, log: FastifyBaseLogger): () => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  const off = presence.subscribeAgents((agent) => {
    const { userId, state } = agent;
    chain = chain
      .then(async () => {
        await db
          .insertInto('agent_states')
          .values({ user_id: userId, state: state.kind, reason: state.reason ?? null, since: state.since, updated_at: new Date() })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ state: state.kind, reason: state.reason ?? null, since: state.since, updated_at: new Date() }))
          .execute();
      })
      .catch((err: unknown) => log.warn({ err, userId }, 'could not store agent state'));
  });
  return async () => {
    off();
    await chain;
  };
}

/** Users who take no new work now (on a break or away), as the last stored states say. */
export async function usersNotTakingWork(trx: Tx | Db): Promise<Set<string>> {
  const rows = await trx.selectFrom('agent_states').select(['user_id', 'state']).execute();
  return new Set(rows.filter((r) => !takesNewWork(r.state)).map((r) => r.user_id));
}
