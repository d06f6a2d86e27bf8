// Fresh databases for integration tests, one per describe block: an in-memory PGlite, or a
// new database with a random name on the PostgreSQL server from the global setup.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../db/database.js';

export type DbKind = 'pglite' | 'postgres';

/** The kinds this run can test; postgres only when the global setup provided a server. */
export const DB_KINDS: DbKind[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];

async function adminQuery(adminUrl: string, text: string, values: unknown[] = []): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * pg-pool's end() resolves before its idle clients have finished disconnecting; a DROP ... FORCE
 * right then terminates them mid-goodbye and each raises an unhandled 57P01. Wait them out.
 */
async function waitForSessionsToLeave(adminUrl: string, name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const rows = await adminQuery(adminUrl, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if ((rows[0] as { n: number } | undefined)?.n === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface TestDatabase extends OpenedDatabase {
  /** Connection URL (postgres only), to open a second pool like a second server would. */
  url?: string;
  /** Closes the connection and drops the database (postgres). */
  dispose(): Promise<void>;
}

export async function freshDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const opened = openDatabase({});
    return { ...opened, dispose: () => opened.close() };
  }
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('no PostgreSQL server for this test run');
  const name = `pult_it_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened = openDatabase({ databaseUrl: url.toString() });
  return {
    ...opened,
    url: url.toString(),
    dispose: async () => {
      await opened.close();
      await waitForSessionsToLeave(adminUrl, name);
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
