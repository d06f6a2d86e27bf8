// Server migration 016 on a database that ran before it: the service and delivery pipelines get
// their appointment reminder texts (SMS and email), other pipelines none, and the demo seed run
// at start afterwards adds nothing twice.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { unknownVariables } from '../../core/templates.js';
import { migrate } from '../db/migrate.js';
import { seedDemoCatalog } from '../seed/catalog.js';
import { DB_KINDS } from '../test/databases.js';
import { databaseBefore } from '../test/migrated-before.js';

describe.each(DB_KINDS)('migration 016 (appointments) on %s', (kind) => {
  it('gives the service and delivery pipelines their reminder templates, once', async () => {
    const before = await databaseBefore(kind, '_order_appointments');
    const { database, target } = before;
    try {
      for (const id of ['service', 'delivery', 'store']) {
        await sql`INSERT INTO pipelines (id, name, definition, version) VALUES (${id}, ${id}, '{"stages":[],"transitions":[]}', 1)`.execute(database.db);
      }
      await sql`INSERT INTO notification_templates (id, channel, pipeline_id, stage_id, body) VALUES ('notice', 'sms', 'delivery', 'confirmed', 'Подтверждён')`.execute(database.db);

      expect(await migrate(database.db)).toContain(target);
      const rows = await database.db.selectFrom('notification_templates').select(['id', 'pipeline_id', 'channel', 'purpose', 'subject', 'body'])
        .where('purpose', '=', 'appointment_reminder').orderBy('id').execute();
      expect(rows.map((r) => r.id)).toEqual(['delivery-appointment-email', 'delivery-appointment-sms', 'service-appointment-email', 'service-appointment-sms']);
      for (const r of rows) {
        expect(unknownVariables(`${r.subject} ${r.body}`), r.id).toEqual([]);
        expect(r.body, r.id).toContain('{{appointment.when}}');
      }
      // Existing stage notices stay what they were.
      expect(await database.db.selectFrom('notification_templates').select(['id', 'purpose']).where('purpose', '!=', 'appointment_reminder').execute()).toEqual([{ id: 'notice', purpose: 'stage' }]);

      await seedDemoCatalog(database.db);
      const after = await database.db.selectFrom('notification_templates').select('id').where('purpose', '=', 'appointment_reminder').execute();
      expect(after).toHaveLength(4);
    } finally {
      await before.dispose();
    }
  });
});
