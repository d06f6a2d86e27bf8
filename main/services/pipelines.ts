// Contract handlers for the admin's pipeline editor: straight to the CRM server, which checks
// the role, validates and versions the pipeline; every client (this one too) then pulls it.
import type { Handlers } from './dispatcher.js';
import type { ServerClient } from './server-client.js';

export type PipelineHandlers = Pick<Handlers, 'pipelines.adminList' | 'pipelines.save' | 'pipelines.create'>;

export function createPipelineHandlers(client: () => Promise<ServerClient>, saved: () => void): PipelineHandlers {
  return {
    'pipelines.adminList': async () => (await client()).adminPipelines(),
    'pipelines.save': async (input) => {
      const pipeline = await (await client()).savePipeline(input);
      saved();
      return pipeline;
    },
    'pipelines.create': async (input) => {
      const pipeline = await (await client()).createPipeline(input);
      saved();
      return pipeline;
    },
  };
}
