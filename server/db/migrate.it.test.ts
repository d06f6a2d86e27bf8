import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, DB_KINDS, type TestDatabase } from '../test/databases.js';
import { seedDemo } from '../seed/demo.js';
import { openDatabase } from './database.js';
import { listMigrations, migrate } from './migrate.js';

/** Every migration file, in order: each must be applied exactly once. */
const ALL = listMigrations().map((m) => m.name);

describe.each(DB_KINDS)('migrations on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(async () => database.dispose());

  it('apply once, concurrently and again, idempotently', async () => {
    const [a, b] = await Promise.all([migrate(database.db), migrate(database.db)]);
    expect([...a, ...b].sort()).toEqual(ALL);
    expect(ALL[0]).toBe('001_init');
    expect(await migrate(database.db)).toEqual([]);
    const rows = await database.db.selectFrom('schema_migrations').select(['id', 'name']).execute();
    expect(rows.sort((x, y) => x.id - y.id)).toEqual(listMigrations().map((m) => ({ id: m.id, name: m.name })));
    const counter = await database.db.selectFrom('sync_counter').select('value').execute();
    expect(counter).toEqual([{ value: 0 }]);
  });

  it('seeds demo data once', async () => {
    expect(await seedDemo(database.db)).toBe(true);
    expect(await seedDemo(database.db)).toBe(false);
    const users = await database.db.selectFrom('users').select('login').execute();
    expect(users.map((u) => u.login).sort()).toEqual(['admin', 'operator', 'operator2', 'supervisor', 'tech']);
  });
});

describe.skipIf(!DB_KINDS.includes('postgres'))('two servers starting together on one PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase('postgres');
  });
  afterAll(async () => database.dispose());

  it('migrate and seed exactly once', async () => {
    const second = openDatabase({ databaseUrl: database.url });
    try {
      const start = async (db: typeof database.db) => ({ migrated: await migrate(db), seeded: await seedDemo(db) });
      const [a, b] = await Promise.all([start(database.db), start(second.db)]);
      expect([...a.migrated, ...b.migrated].sort()).toEqual(ALL);
      expect([a.seeded, b.seeded].filter(Boolean)).toHaveLength(1);
      expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(5);
    } finally {
      await second.close();
    }
  });
});
