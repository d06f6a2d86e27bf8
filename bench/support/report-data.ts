// A year of call-centre work for the reports bench, generated set-based inside PostgreSQL:
// operators and technicians, customers, orders with their stage history (paths through the
// seeded pipelines, times spread over the year, cancellations with reasons by role), web-form
// and sub-dealer submissions with UTM tags, calls and callbacks. Deterministic (setseed).
// Rows are inserted in time order, as a live system appends them (time-range scans then touch
// neighbouring pages, as they would in production).
import { sql } from 'kysely';
import type { Db } from '../../server/db/database.js';

export interface ReportDataCounts {
  orders: number;
  calls: number;
  customers: number;
  callbacks: number;
  operators: number;
  technicians: number;
}

/** A valid UUIDv7-shaped id from a seed text (md5 with the version and variant nibbles set). */
const uuidOf = (seed: string) =>
  `(substr(md5(${seed}), 1, 12) || '7' || substr(md5(${seed}), 14, 3) || '8' || substr(md5(${seed}), 18, 15))::uuid`;

const LINES = `ARRAY['+74950000001','+74950000002','+74950000003','+78005553535','+74950000005']`;
const CITIES = `ARRAY['Москва','Москва','Москва','Санкт-Петербург','Санкт-Петербург','Казань','Тверь','Самара','Екатеринбург','Новосибирск']`;

export async function generateReportData(pool: Db, c: ReportDataCounts): Promise<{ history: number }> {
  // One connection throughout: the temp tables and the random seed live in the session.
  return pool.connection().execute(async (db) => generate(db, c));
}

async function generate(db: Db, c: ReportDataCounts): Promise<{ history: number }> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run('SELECT setseed(0.42)');
  const total = c.operators + c.technicians + c.customers + c.orders + c.calls + c.callbacks;
  const counter = await sql<{ value: number }>`UPDATE sync_counter SET value = value + ${total} RETURNING value`.execute(db);
  let v = Number(counter.rows[0]?.value) - total;
  const nextBase = (n: number) => {
    const base = v;
    v += n;
    return base;
  };

  // Staff: passwords copied from the demo operator (argon2 is slow on purpose).
  const ub = nextBase(c.operators + c.technicians);
  await run(`INSERT INTO users (id, login, display_name, role, district, password_hash, version)
    SELECT ${uuidOf("'op' || g")}, 'op' || g, 'Оператор ' || lpad(g::text, 2, '0'), 'operator', NULL,
      (SELECT password_hash FROM users WHERE login = 'operator'), ${ub} + g
    FROM generate_series(1, ${c.operators}) g`);
  await run(`INSERT INTO users (id, login, display_name, role, district, password_hash, version)
    SELECT ${uuidOf("'tech' || g")}, 'tech' || g, 'Мастер ' || lpad(g::text, 2, '0'), 'technician',
      (ARRAY['Северный','Южный','Западный','Восточный','Центральный'])[1 + g % 5],
      (SELECT password_hash FROM users WHERE login = 'operator'), ${ub + c.operators} + g
    FROM generate_series(1, ${c.technicians}) g`);

  const cb = nextBase(c.customers);
  await run(`INSERT INTO customers (id, name, phone, phone_raw, email, city, partner_number, version)
    SELECT ${uuidOf("'cust' || g")}, 'Покупатель ' || g, '+7911' || lpad(g::text, 7, '0'), '8 911 ' || lpad(g::text, 7, '0'),
      CASE WHEN random() < 0.4 THEN 'buyer' || g || '@example.ru' END, (${CITIES})[1 + floor(random() * 10)::int],
      CASE WHEN random() < 0.6 THEN 'P-' || (100000 + g) END, ${cb} + g
    FROM generate_series(1, ${c.customers}) g`);

  await run(`INSERT INTO lead_sources (id, name, key_hash, pipeline_id, stage_id, channel, subdealer) VALUES
    ('bench-form', 'Форма «Заказать звонок»', 'bench-form-key', 'delivery', 'new', 'web', false),
    ('bench-vostok', 'Субдилер «Восток»', 'bench-vostok-key', 'delivery', 'new', 'web', true),
    ('bench-zapad', 'Субдилер «Запад»', 'bench-zapad-key', 'delivery', 'new', 'web', true)
    ON CONFLICT (id) DO NOTHING`);

  // Orders with their planned path through the pipeline; steps in the future are cut later.
  await run(`CREATE TEMP TABLE bench_orders AS
    SELECT g, ${uuidOf("'ord' || g")} AS id, ${uuidOf("'cust' || cust_n")} AS customer_id,
      now() - random() * interval '365 days' AS created_at,
      CASE WHEN p < 0.7 THEN 'delivery' WHEN p < 0.9 THEN 'store' ELSE 'service' END AS pipeline_id,
      CASE
        WHEN p < 0.7 THEN string_to_array((ARRAY[
          'new,confirmed,in_work,done', 'new,confirmed,in_work,done', 'new,confirmed,in_work,done',
          'new,confirmed,in_work,done', 'new,confirmed,in_work,done', 'new,no_answer,confirmed,in_work,done',
          'new,confirmed,rescheduled,confirmed,in_work,done', 'new,cancelled', 'new,confirmed,cancelled',
          'new,no_answer,cancelled', 'new,confirmed', 'new'])[1 + floor(q * 12)::int], ',')
        WHEN p < 0.9 THEN string_to_array((ARRAY[
          'new,reserved,pickup_delivery,quality,success', 'new,reserved,pickup_delivery,quality,success',
          'new,product_request,reserved,pickup_delivery,shipped_unpaid,quality,success',
          'new,no_answer,cancelled', 'new,reserved,cancelled', 'new,product_request'])[1 + floor(q * 6)::int], ',')
        ELSE string_to_array((ARRAY[
          'request,processed,booked,work_order,quality,success', 'request,processed,booked,work_order,quality,success',
          'request,no_answer,processed,booked,work_order,quality,success', 'request,cancelled',
          'request,processed,cancelled', 'request,no_answer'])[1 + floor(q * 6)::int], ',')
      END AS path,
      CASE WHEN op_n <= ${c.operators} THEN ${uuidOf("'op' || op_n")} END AS operator_id,
      ${uuidOf("'tech' || tech_n")} AS tech_id,
      interval '1 minute' * (5 + power(random(), 3) * 1440) AS base_gap,
      random() AS ch, random() AS ch2
    FROM (
      -- Drawn once per order: an id built from an expression would draw a new random() each time it is used.
      SELECT g, random() AS p, random() AS q, 1 + floor(random() * ${c.customers})::int AS cust_n,
        1 + floor(random() * ${c.operators} / 0.95)::int AS op_n, 1 + floor(random() * ${c.technicians})::int AS tech_n
      FROM generate_series(1, ${c.orders}) g
    ) x`);

  await run(`CREATE TEMP TABLE bench_history AS
    WITH steps AS (
      SELECT o.id AS order_id, o.pipeline_id, o.created_at, o.operator_id, o.tech_id, i,
        o.path[i] AS from_stage, o.path[i + 1] AS to_stage, o.base_gap * (0.3 + random() * 1.4) AS gap, random() AS who, random() AS why
      FROM bench_orders o, generate_series(1, array_length(o.path, 1) - 1) i
    ), timed AS (
      SELECT *, created_at + sum(gap) OVER (PARTITION BY order_id ORDER BY i) AS changed_at FROM steps
    )
    SELECT t.*, coalesce(lag(changed_at) OVER (PARTITION BY order_id ORDER BY i), created_at) AS from_entered_at,
      CASE WHEN to_stage = 'cancelled' THEN (CASE WHEN who < 0.7 THEN 'operator' WHEN who < 0.9 THEN 'admin' ELSE 'technician' END)
           WHEN to_stage IN ('in_work', 'done', 'work_order') THEN 'technician' ELSE 'operator' END AS role
    FROM timed t WHERE changed_at <= now()`);
  await run('CREATE INDEX ON bench_history (order_id, i)');
  await run('ANALYZE bench_history');

  const ob = nextBase(c.orders);
  await run(`INSERT INTO orders (id, number, customer_id, pipeline_id, stage_id, operator_id, technician_id, title, amount_kopecks,
      city, address, channel, called_number, notes, created_at, updated_at, version, stage_version)
    SELECT o.id, 'Б-' || o.g, o.customer_id, o.pipeline_id, coalesce(last.to_stage, o.path[1]), o.operator_id,
      CASE WHEN o.pipeline_id <> 'store' AND o.ch2 < 0.85 THEN o.tech_id END, 'Заказ ' || o.g, (500 + floor(o.ch2 * 49500)::int) * 100,
      cu.city, 'ул. Садовая, д. ' || (o.g % 150), ch.channel,
      CASE WHEN ch.channel IN ('phone', 'missed_call') AND o.ch2 < 0.9 THEN (${LINES})[1 + floor(o.ch * 1000)::int % 5] END,
      '', o.created_at, coalesce(last.changed_at, o.created_at), ${ob} + o.g, ${ob} + o.g
    FROM bench_orders o
    JOIN customers cu ON cu.id = o.customer_id
    CROSS JOIN LATERAL (SELECT CASE WHEN o.ch < 0.35 THEN 'phone' WHEN o.ch < 0.7 THEN 'web' WHEN o.ch < 0.8 THEN 'missed_call'
      WHEN o.ch < 0.9 THEN 'email' WHEN o.ch < 0.95 THEN 'chat' ELSE 'walk_in' END AS channel) ch
    LEFT JOIN LATERAL (SELECT h.to_stage, h.changed_at FROM bench_history h WHERE h.order_id = o.id ORDER BY h.i DESC LIMIT 1) last ON true
    ORDER BY o.created_at`);

  await run(`INSERT INTO order_stage_history (id, order_id, pipeline_id, from_stage_id, to_stage_id, to_kind, from_entered_at, transition_no,
      user_id, role, reason, changed_at, operator_id, technician_id, amount_kopecks, city, order_created_at)
    SELECT ${uuidOf("'hist' || h.order_id || h.i")}, h.order_id, h.pipeline_id, h.from_stage, h.to_stage,
      CASE WHEN h.to_stage IN ('done', 'success') THEN 'success' WHEN h.to_stage = 'cancelled' THEN 'failure' ELSE 'open' END,
      h.from_entered_at, h.i,
      CASE h.role WHEN 'technician' THEN h.tech_id WHEN 'admin' THEN (SELECT id FROM users WHERE login = 'admin')
        ELSE coalesce(h.operator_id, ${uuidOf("'op' || (1 + floor(h.who * " + c.operators + ')::int)')}) END,
      h.role,
      CASE WHEN h.to_stage = 'cancelled' THEN (CASE h.role
        WHEN 'operator' THEN (ARRAY['customer_refused','too_expensive','bought_elsewhere','unreachable','duplicate'])[1 + floor(h.why * 5)::int]
        WHEN 'admin' THEN (ARRAY['out_of_stock','key_item_missing','price_error'])[1 + floor(h.why * 3)::int]
        ELSE (ARRAY['door_not_opened','refused_on_delivery','cannot_install','damaged_in_transit'])[1 + floor(h.why * 4)::int] END) END,
      h.changed_at, o.operator_id, o.technician_id, o.amount_kopecks, o.city, o.created_at
    FROM bench_history h JOIN orders o ON o.id = h.order_id ORDER BY h.changed_at`);

  await run(`INSERT INTO lead_submissions (source_id, submission_key, order_id, phone, items_key, utm, created_at)
    SELECT src.id, 'bench-' || o.number, o.id, '+79110000000', '',
      CASE WHEN NOT src.subdealer AND o.u < 0.7 THEN jsonb_build_object('source', (ARRAY['yandex','google','vk'])[1 + floor(o.u * 1000)::int % 3],
        'medium', 'cpc', 'campaign', (ARRAY['spring','summer','autumn','winter'])[1 + floor(o.u * 10000)::int % 4]) END,
      o.created_at
    FROM (SELECT id, number, created_at, random() AS s, random() AS u FROM orders WHERE number LIKE 'Б-%' AND channel = 'web') o
    JOIN lead_sources src ON src.id = (CASE WHEN o.s < 0.5 THEN 'landing' WHEN o.s < 0.8 THEN 'bench-form' WHEN o.s < 0.9 THEN 'bench-vostok' ELSE 'bench-zapad' END)`);

  const kb = nextBase(c.calls);
  await run(`INSERT INTO calls (id, direction, outcome, phone, customer_id, order_id, user_id, started_at, duration_sec, note, called_number, version)
    SELECT ${uuidOf("'call' || g")}, dir, outcome, '+7911' || lpad(cust::text, 7, '0'),
      CASE WHEN r3 < 0.7 THEN ${uuidOf("'cust' || cust")} END, NULL,
      ${uuidOf("'op' || (1 + floor(r4 * " + c.operators + ')::int)')}, now() - r5 * interval '365 days' AS started_at,
      CASE WHEN outcome = 'answered' THEN 20 + floor(power(r6, 2) * 900)::int ELSE 0 END, '',
      CASE WHEN dir = 'incoming' AND r3 < 0.9 THEN (${LINES})[1 + floor(r6 * 1000)::int % 5] END, ${kb} + g
    FROM (
      SELECT g, r3, r4, r5, r6, 1 + floor(r3 * ${c.customers})::int AS cust,
        CASE WHEN r1 < 0.6 THEN 'incoming' ELSE 'outgoing' END AS dir,
        CASE WHEN r1 < 0.6 THEN (CASE WHEN r2 < 0.85 THEN 'answered' WHEN r2 < 0.95 THEN 'missed' ELSE 'declined' END)
             ELSE (CASE WHEN r2 < 0.7 THEN 'answered' ELSE 'missed' END) END AS outcome
      FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6 FROM generate_series(1, ${c.calls}) g) x
    ) y ORDER BY started_at`);

  const bb = nextBase(c.callbacks);
  await run(`INSERT INTO callbacks (id, phone, customer_id, assignee_id, due_at, done_at, reason, created_at, version)
    SELECT ${uuidOf("'cb' || g")}, '+7911' || lpad(g::text, 7, '0'), NULL,
      CASE WHEN r1 < 0.9 THEN ${uuidOf("'op' || (1 + floor(r2 * " + c.operators + ')::int)')} END,
      at + interval '2 minutes', CASE WHEN r3 < 0.92 AND at + interval '2 hours' < now() THEN at + interval '1 minute' * (0.3 + power(r4, 2) * 60) END,
      'Пропущенный звонок', at, ${bb} + g
    FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, now() - random() * interval '365 days' AS at FROM generate_series(1, ${c.callbacks}) g) x ORDER BY at`);

  const history = await sql<{ n: number }>`SELECT count(*)::int AS n FROM order_stage_history`.execute(db);
  await run('DROP TABLE bench_history');
  await run('DROP TABLE bench_orders');
  // What autovacuum does to insert-only tables soon enough: statistics and the visibility map.
  await run('VACUUM ANALYZE');
  return { history: history.rows[0]?.n ?? 0 };
}
