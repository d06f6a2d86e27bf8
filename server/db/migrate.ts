// Applies server/migrations/NNN_name.sql in order, each in its own transaction with its
// schema_migrations row. An advisory transaction lock serializes servers that start together.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
/** Arbitrary constant shared by every Pult server instance. */
const MIGRATION_LOCK_KEY = 7_310_001;

export interface MigrationFile {
  id: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Splits a migration into statements. PGlite runs one statement per query, so migration
 * files end every statement with ';' at the end of a line; inside a dollar-quoted body
 * ($$ … $$, e.g. a plpgsql function) such a ';' belongs to the body.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let quote: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (quote === null && line.trim().startsWith('--')) continue;
    for (const tag of line.match(/\$[A-Za-z_]*\$/g) ?? []) {
      if (quote === null) quote = tag;
      else if (tag === quote) quote = null;
    }
    current.push(line);
    if (quote === null && /;[ \t]*$/.test(line)) {
      statements.push(current.join('\n').replace(/;[ \t]*$/, ''));
      current = [];
    }
  }
  statements.push(current.join('\n'));
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Returns the names of the migrations applied by this call (empty when up to date). */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = listMigrations(dir);
  const applied: string[] = [];
  for (const file of files) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
      const seen = await trx.selectFrom('schema_migrations').select('id').where('id', '=', file.id).executeTakeFirst();
      if (seen) return false;
      for (const statement of splitStatements(file.sql)) await sql.raw(statement).execute(trx);
      await trx.insertInto('schema_migrations').values({ id: file.id, name: file.name }).execute();
      return true;
    });
    if (done) applied.push(file.name);
  }
  return applied;
}
