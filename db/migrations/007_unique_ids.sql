-- Data tables key their rows by a UNIQUE index on `id` instead of a TEXT PRIMARY KEY, so a
-- first sync can drop every index, append rows in pull order and build the indexes once at
-- the end (a primary key's index cannot be dropped, and a million random UUIDs inserted one by
-- one into it cost more than everything else in the sync). Rowids are copied as they are:
-- offers_fts points at offers by rowid. Claims (keyed by entity and entity_id, and few) stay
-- as they are.

CREATE TABLE users_new (id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL);
INSERT INTO users_new (rowid, id, version, data) SELECT rowid, id, version, data FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE UNIQUE INDEX users_id ON users (id);

CREATE TABLE pipelines_new (id TEXT NOT NULL, version INTEGER NOT NULL, definition TEXT NOT NULL);
INSERT INTO pipelines_new (rowid, id, version, definition) SELECT rowid, id, version, definition FROM pipelines;
DROP TABLE pipelines;
ALTER TABLE pipelines_new RENAME TO pipelines;
CREATE UNIQUE INDEX pipelines_id ON pipelines (id);

CREATE TABLE customers_new (
  id TEXT NOT NULL,
  phone TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
INSERT INTO customers_new (rowid, id, phone, updated_at, version, data) SELECT rowid, id, phone, updated_at, version, data FROM customers;
DROP TABLE customers;
ALTER TABLE customers_new RENAME TO customers;
CREATE UNIQUE INDEX customers_id ON customers (id);
-- The incoming-call hot path: E.164 → customer card without the network.
CREATE INDEX customers_phone ON customers (phone);

CREATE TABLE orders_new (
  id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  operator_id TEXT,
  technician_id TEXT,
  stage_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
INSERT INTO orders_new (rowid, id, customer_id, operator_id, technician_id, stage_id, created_at, version, data)
  SELECT rowid, id, customer_id, operator_id, technician_id, stage_id, created_at, version, data FROM orders;
DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;
CREATE UNIQUE INDEX orders_id ON orders (id);
CREATE INDEX orders_operator ON orders (operator_id);
CREATE INDEX orders_technician ON orders (technician_id);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_stage ON orders (stage_id);

CREATE TABLE calls_new (id TEXT NOT NULL, started_at TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, phone TEXT);
INSERT INTO calls_new (rowid, id, started_at, version, data, phone) SELECT rowid, id, started_at, version, data, phone FROM calls;
DROP TABLE calls;
ALTER TABLE calls_new RENAME TO calls;
CREATE UNIQUE INDEX calls_id ON calls (id);
-- As migrations 004 and 006 made them.
CREATE INDEX calls_phone ON calls (phone, started_at);
CREATE INDEX calls_customer ON calls (json_extract(data, '$.customerId'), started_at);

CREATE TABLE callbacks_new (id TEXT NOT NULL, due_at TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL);
INSERT INTO callbacks_new (rowid, id, due_at, version, data) SELECT rowid, id, due_at, version, data FROM callbacks;
DROP TABLE callbacks;
ALTER TABLE callbacks_new RENAME TO callbacks;
CREATE UNIQUE INDEX callbacks_id ON callbacks (id);
CREATE INDEX callbacks_open ON callbacks (due_at) WHERE json_extract(data, '$.doneAt') IS NULL;

CREATE TABLE order_notes_new (
  id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
INSERT INTO order_notes_new (rowid, id, order_id, created_at, version, data) SELECT rowid, id, order_id, created_at, version, data FROM order_notes;
DROP TABLE order_notes;
ALTER TABLE order_notes_new RENAME TO order_notes;
CREATE UNIQUE INDEX order_notes_id ON order_notes (id);
CREATE INDEX order_notes_order ON order_notes (order_id, created_at);

-- Offers last: dropping the table drops its search triggers, which come back unchanged.
CREATE TABLE offers_new (
  id TEXT NOT NULL,
  sku TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
INSERT INTO offers_new (rowid, id, sku, version, data) SELECT rowid, id, sku, version, data FROM offers;
DROP TABLE offers;
ALTER TABLE offers_new RENAME TO offers;
CREATE UNIQUE INDEX offers_id ON offers (id);
CREATE INDEX offers_sku ON offers (sku);

CREATE TRIGGER offers_fts_insert AFTER INSERT ON offers
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'offers_fts_deferred') BEGIN
  INSERT INTO offers_fts (rowid, sku, name) VALUES (new.rowid, new.sku, json_extract(new.data, '$.name'));
END;
CREATE TRIGGER offers_fts_delete AFTER DELETE ON offers
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'offers_fts_deferred') BEGIN
  DELETE FROM offers_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER offers_fts_update AFTER UPDATE ON offers
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'offers_fts_deferred') BEGIN
  DELETE FROM offers_fts WHERE rowid = old.rowid;
  INSERT INTO offers_fts (rowid, sku, name) VALUES (new.rowid, new.sku, json_extract(new.data, '$.name'));
END;

-- Deletes that arrive while a bulk load has the indexes down: applied once they are back.
CREATE TABLE bulk_deletes (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL
);
-- The index definitions a bulk load dropped, to build again when it ends (or at the next open).
CREATE TABLE bulk_indexes (
  name TEXT PRIMARY KEY,
  tbl TEXT NOT NULL,
  sql TEXT NOT NULL
);
