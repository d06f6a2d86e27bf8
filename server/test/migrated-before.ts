// A database as it was just before one migration, for tests of what that migration does to
// data that already exists: the earlier migration files are copied to a temp folder and applied.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listMigrations, migrate } from '../db/migrate.js';
import { freshDatabase, type DbKind, type TestDatabase } from './databases.js';

export interface DatabaseBefore {
  database: TestDatabase;
  /** The migration's name (as `migrate` returns it), e.g. `016_order_appointments`. */
  target: string;
  dispose(): Promise<void>;
}

/** A fresh database migrated up to, not including, the migration whose name ends with `suffix`. */
export async function databaseBefore(kind: DbKind, suffix: string): Promise<DatabaseBefore> {
  const all = listMigrations();
  const target = all.find((m) => m.name.endsWith(suffix));
  if (!target) throw new Error(`no migration named …${suffix}`);
  const dir = mkdtempSync(join(tmpdir(), 'pult-mig-'));
  for (const m of all.filter((m) => m.id < target.id)) writeFileSync(join(dir, `${m.name}.sql`), m.sql);
  const database = await freshDatabase(kind);
  const dispose = async () => {
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrate(database.db, dir);
  } catch (e) {
    await dispose();
    throw e;
  }
  return { database, target: target.name, dispose };
}
