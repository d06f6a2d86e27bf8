-- Local cache of the CRM server, plus the durable outbox of local intents.
-- Server rows are stored whole in `data` (JSON, exactly as pulled); the columns beside it
-- exist only for lookups and indexes. Pending local changes never touch these tables.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE pipelines (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL
);

CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  phone TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
-- The incoming-call hot path: E.164 → customer card without the network.
CREATE INDEX customers_phone ON customers (phone);

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  operator_id TEXT,
  technician_id TEXT,
  stage_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX orders_operator ON orders (operator_id);
CREATE INDEX orders_technician ON orders (technician_id);
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE calls (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE callbacks (
  id TEXT PRIMARY KEY,
  due_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);

-- Named intents waiting for (or refused by) the server. A row leaves the table only once the
-- server confirmed it and the pull that carries its effect has been applied.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  -- The entity the intent targets, so the optimistic view can find its mutations by index.
  target_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
  error TEXT
);
CREATE INDEX outbox_target ON outbox (target_id, status);

-- One row. `last_seq` is kept here, not derived from the outbox, because confirmed rows are
-- deleted and a reused seq would be skipped by the server as a duplicate.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor INTEGER NOT NULL DEFAULT 0,
  device_id TEXT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_sync_at TEXT
);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
