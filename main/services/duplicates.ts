// Contract handlers for «Дубли клиентов»: straight to the CRM server (it sees every card; the
// cache may not). After a merge the sync engine is kicked so the dropped card leaves the cache.
import { PultError } from '../../core/errors.js';
import type { Handlers } from './dispatcher.js';
import type { ServerClient } from './server-client.js';

export type DuplicateHandlers = Pick<Handlers, 'customers.duplicates' | 'customers.merge'>;

export function createDuplicateHandlers(live: () => Promise<{ client: ServerClient; afterMerge: () => void }>): DuplicateHandlers {
  return {
    'customers.duplicates': async () => {
      const { groups } = await (await live()).client.customerDuplicates();
      return { groups };
    },
    'customers.merge': async ({ keepId, dropId }) => {
      const l = await live();
      const r = await l.client.mergeCustomers(keepId, dropId);
      // A server from before the merge screen answers { ok } alone: say so rather than guess.
      if (!r.kept || !r.moved) throw new PultError('server.error', 'The server did not say what the merge moved');
      l.afterMerge();
      return { kept: r.kept, moved: r.moved };
    },
  };
}
