// Numbered SQL migrations (`NNN_name.sql`), applied in order at open. The applied level is
// kept in SQLite's `user_version`, set inside the same transaction as the migration itself,
// so a crash mid-way leaves either the old or the new schema, never half of one.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Where the .sql files live next to this module (bundlers can pass their own copy's path). */
export function defaultMigrationsDir(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const list: Migration[] = [];
  for (const file of fs.readdirSync(dir)) {
    const m = FILE.exec(file);
    if (!m || !m[1] || !m[2]) continue;
    list.push({ version: Number(m[1]), name: m[2], sql: fs.readFileSync(path.join(dir, file), 'utf8') });
  }
  list.sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    // A gap or a duplicate number means a mis-merged branch: refuse rather than skip a step.
    if (m.version !== i + 1) throw new Error(`Migration numbering broken at ${m.version}_${m.name}`);
  });
  return list;
}

/** Applies every migration above the database's current level; returns how many ran. */
export function migrate(db: Database.Database, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`Cache schema ${current} is newer than this app knows (${latest}); refusing to open it`);
  }
  let ran = 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    ran++;
  }
  return ran;
}
