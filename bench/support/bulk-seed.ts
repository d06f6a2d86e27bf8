// Fills a server database with the sync bench's volume in a few set-based statements:
// customers, offers and orders with versions reserved from the counter like any write.
import { sql } from 'kysely';
import type { Db } from '../../server/db/database.js';

/** A valid UUIDv7-shaped id from a seed text (md5 with the version and variant nibbles set). */
const uuidOf = (seed: string) =>
  `(substr(md5(${seed}), 1, 12) || '7' || substr(md5(${seed}), 14, 3) || '8' || substr(md5(${seed}), 18, 15))::uuid`;

export async function bulkSeed(db: Db, counts: { customers: number; offers: number; orders: number }): Promise<void> {
  const { customers, offers, orders } = counts;
  const total = customers + offers + orders;
  const row = await sql<{ value: number }>`UPDATE sync_counter SET value = value + ${total} RETURNING value`.execute(db);
  const base = Number(row.rows[0]?.value) - total;
  await sql.raw(`INSERT INTO customers (id, name, phone, phone_raw, email, city, partner_number, notes, updated_at, version)
    SELECT ${uuidOf("'c' || g")}, 'Клиент ' || g, '+7900' || lpad(g::text, 7, '0'), '8 900 ' || lpad(g::text, 7, '0'),
      CASE WHEN g % 3 = 0 THEN 'client' || g || '@example.ru' END, (ARRAY['Москва','Казань','Тверь','Самара'])[1 + g % 4],
      CASE WHEN g % 5 = 0 THEN 'P-' || g END, CASE WHEN g % 7 = 0 THEN 'Постоянный клиент, звонить днём' ELSE '' END,
      now(), ${base} + g
    FROM generate_series(1, ${customers}) g`).execute(db);
  await sql.raw(`INSERT INTO offers (id, sku, name, prices, stock, updated_at, version)
    SELECT ${uuidOf("'o' || g")}, 'SKU-' || lpad(g::text, 7, '0'), 'Товар ' || g || ' (комплект)',
      jsonb_build_object('*', 10000 + g % 90000, 'Москва', 12000 + g % 90000), g % 500, now(), ${base + customers} + g
    FROM generate_series(1, ${offers}) g`).execute(db);
  await sql.raw(`INSERT INTO orders (id, number, customer_id, pipeline_id, stage_id, operator_id, technician_id, title, amount_kopecks,
      city, address, channel, notes, created_at, updated_at, version, stage_version)
    SELECT ${uuidOf("'r' || g")}, 'Б-' || g, ${uuidOf("'c' || (1 + g % " + customers + ")")}, 'delivery', 'new', NULL, NULL,
      'Заказ ' || g, 100 * (g % 50000), 'Москва', 'ул. Ленина, д. ' || (g % 200), 'phone', '', now(), now(),
      ${base + customers + offers} + g, ${base + customers + offers} + g
    FROM generate_series(1, ${orders}) g`).execute(db);
  await sql`ANALYZE`.execute(db);
}
