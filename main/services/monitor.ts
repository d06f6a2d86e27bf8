// Contract handlers for call monitoring: straight to the CRM server (grants are signed and
// checked there; nothing about monitoring is cached or queued offline).
import type { Handlers } from './dispatcher.js';
import type { ServerClient } from './server-client.js';

export type MonitorHandlers = Pick<Handlers, 'monitor.start' | 'monitor.verify' | 'monitor.publishAddress' | 'monitor.agents'>;

export function createMonitorHandlers(client: () => Promise<ServerClient>): MonitorHandlers {
  return {
    'monitor.start': async (req) => (await client()).monitorStart(req),
    'monitor.verify': async ({ grant }) => (await client()).monitorVerify(grant),
    'monitor.publishAddress': async ({ sipUri }) => (await client()).monitorPublishAddress(sipUri),
    'monitor.agents': async () => (await client()).monitorAgents(),
  };
}
