// Fresh databases for integration tests, one per describe block: an in-memory PGlite, or a
// new database with a random name on the PostgreSQL server from the global setup.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../db/database.js';

export type DbKind = 'pglite' | 'postgres';

/** The kinds this run can test; postgres only when the global setup provided a server. */
export const DB_KINDS: DbKind[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
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
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
