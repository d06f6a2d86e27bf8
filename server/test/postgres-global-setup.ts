// Vitest globalSetup for the `it` project: provides a PostgreSQL server URL to every test
// file. Uses TEST_DATABASE_URL when set; otherwise starts a throwaway local PostgreSQL
// (Debian binaries) on a free loopback port and removes it afterwards.
import type { TestProject } from 'vitest/node';
import { findPgBin, startThrowawayPostgres } from './throwaway-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server (maintenance db), or null when none is available. */
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return undefined;
  }
  const bin = findPgBin();
  if (!bin) {
    console.warn('[it] no PostgreSQL binaries and no TEST_DATABASE_URL: postgres test runs are skipped');
    project.provide('postgresUrl', null);
    return undefined;
  }
  const pg = await startThrowawayPostgres(bin);
  project.provide('postgresUrl', pg.url);
  return pg.stop;
}
