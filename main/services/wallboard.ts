// Contract handlers for agent states and the supervisor's wallboard: this user's own state goes
// out on the live socket; the wallboard is read and changed on the CRM server (it covers
// everyone, and the server refuses non-supervisors).
import type { Handlers } from './dispatcher.js';
import type { ServerClient } from './server-client.js';
import type { SyncEngine } from './sync-engine.js';

export type WallboardHandlers = Pick<Handlers, 'agent.setState' | 'wallboard.get' | 'wallboard.setAgentState' | 'wallboard.reassign'>;

export function createWallboardHandlers(live: () => Promise<{ client: ServerClient; engine: SyncEngine }>): WallboardHandlers {
  return {
    'agent.setState': async (status) => {
      (await live()).engine.setAgentStatus(status);
      return { ok: true as const };
    },
    'wallboard.get': async () => (await live()).client.wallboard(),
    'wallboard.setAgentState': async ({ userId, ...state }) => (await live()).client.setAgentState(userId, state),
    'wallboard.reassign': async (req) => (await live()).client.reassign(req),
  };
}
