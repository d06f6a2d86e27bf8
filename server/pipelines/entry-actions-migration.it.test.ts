// Migration 013 on a server that ran before the pipeline editor: each active template becomes
// a «send template» entry action on its stage, under a fresh sync version, so notices stay the
// same and clients pull the new definition.
import { describe, expect, it } from 'vitest';
import { toPipeline } from '../db/mappers.js';
import { migrate } from '../db/migrate.js';
import { currentVersion } from '../db/versions.js';
import { SERVICE } from '../seed/pipelines.js';
import { DB_KINDS } from '../test/databases.js';
import { databaseBefore } from '../test/migrated-before.js';

describe.each(DB_KINDS)('migration 013 (stage entry actions) on %s', (kind) => {
  it('turns active templates into entry actions and bumps the pipeline version', async () => {
    const before = await databaseBefore(kind, '_stage_entry_actions');
    const { database, target } = before;
    try {
      await database.db.updateTable('sync_counter').set({ value: 10 }).execute();
      await database.db.insertInto('pipelines').values([
        { id: 'service', name: SERVICE.name, definition: JSON.stringify({ stages: SERVICE.stages, transitions: SERVICE.transitions }), version: 5 },
        { id: 'quiet', name: 'Без шаблонов', definition: JSON.stringify({ stages: SERVICE.stages, transitions: SERVICE.transitions }), version: 6 },
      ]).execute();
      await database.db.insertInto('notification_templates').values([
        { id: 'b-sms', channel: 'sms', pipeline_id: 'service', stage_id: 'booked', body: 'Ждём вас' },
        { id: 'a-email', channel: 'email', pipeline_id: 'service', stage_id: 'booked', subject: 'Запись', body: 'Ждём вас' },
        { id: 'off', channel: 'email', pipeline_id: 'service', stage_id: 'processed', body: 'выключен', active: false },
      ]).execute();

      // 013 is the first one applied now (later migrations follow it and touch neither table).
      expect((await migrate(database.db))[0]).toBe(target);
      const rows = await database.db.selectFrom('pipelines').selectAll().orderBy('id').execute();
      const quiet = rows.find((r) => r.id === 'quiet')!;
      const service = toPipeline(rows.find((r) => r.id === 'service')!);
      expect(Number(quiet.version)).toBe(6);
      expect(Number(rows.find((r) => r.id === 'service')!.version)).toBe(11);
      expect(await currentVersion(database.db)).toBe(11);
      expect(service.stages.find((s) => s.id === 'booked')?.entryActions).toEqual([
        { kind: 'send_template', templateId: 'a-email', channel: 'email' },
        { kind: 'send_template', templateId: 'b-sms', channel: 'sms' },
      ]);
      expect(service.stages.find((s) => s.id === 'processed')?.entryActions).toEqual([]);
      expect(service.stages.map((s) => s.id)).toEqual(SERVICE.stages.map((s) => s.id));
    } finally {
      await before.dispose();
    }
  });
});
