// Contract handlers for the supervisor reports: straight to the CRM server (reports are
// computed there over everyone's data; the local cache holds only what this user syncs).
import type { Handlers } from './dispatcher.js';
import type { ServerClient } from './server-client.js';

export type ReportHandlers = Pick<Handlers, 'reports.options' | 'reports.get' | 'reports.download'>;

export function createReportHandlers(client: () => Promise<ServerClient>): ReportHandlers {
  return {
    'reports.options': async () => (await client()).reportOptions(),
    'reports.get': async ({ name, query }) => (await client()).report(name, query),
    'reports.download': async ({ name, query, format }) => {
      const file = await (await client()).reportFile(name, query, format);
      return { fileName: file.fileName, mime: file.mime, base64: file.bytes.toString('base64') };
    },
  };
}
