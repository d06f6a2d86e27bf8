-- Pult CRM schema. Every synced table carries `version`: a distinct number reserved from
-- sync_counter inside the writing transaction; pull returns rows with version > cursor.
-- Statements end with ';' at the end of a line: the runner splits on that (PGlite runs
-- one statement per query).

CREATE TABLE sync_counter (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  value bigint NOT NULL
);
INSERT INTO sync_counter (id, value) VALUES (true, 0);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  login text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('operator', 'technician', 'admin', 'supervisor')),
  district text,
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL
);
CREATE INDEX users_version_idx ON users (version);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE pipelines (
  id text PRIMARY KEY,
  name text NOT NULL,
  definition jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL
);
CREATE INDEX pipelines_version_idx ON pipelines (version);

CREATE TABLE customers (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  phone text NOT NULL,
  phone_raw text NOT NULL,
  email text,
  city text,
  partner_number text,
  notes text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL
);
CREATE INDEX customers_phone_idx ON customers (phone);
CREATE INDEX customers_version_idx ON customers (version);

CREATE TABLE orders (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  customer_id uuid NOT NULL REFERENCES customers (id),
  pipeline_id text NOT NULL REFERENCES pipelines (id),
  stage_id text NOT NULL,
  operator_id uuid REFERENCES users (id),
  technician_id uuid REFERENCES users (id),
  title text NOT NULL DEFAULT '',
  amount_kopecks bigint NOT NULL DEFAULT 0 CHECK (amount_kopecks >= 0),
  city text,
  address text,
  channel text NOT NULL,
  notes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL,
  -- The version at which stage_id last changed: a stage change based on an older version
  -- is a conflict, while edits to other fields meanwhile are not.
  stage_version bigint NOT NULL
);
CREATE INDEX orders_version_idx ON orders (version);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_operator_idx ON orders (operator_id);
CREATE INDEX orders_technician_idx ON orders (technician_id);

CREATE TABLE calls (
  id uuid PRIMARY KEY,
  direction text NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  outcome text NOT NULL CHECK (outcome IN ('answered', 'missed', 'declined', 'failed')),
  phone text,
  customer_id uuid REFERENCES customers (id),
  order_id uuid REFERENCES orders (id),
  user_id uuid REFERENCES users (id),
  started_at timestamptz NOT NULL,
  duration_sec integer NOT NULL DEFAULT 0 CHECK (duration_sec >= 0),
  note text NOT NULL DEFAULT '',
  version bigint NOT NULL
);
CREATE INDEX calls_version_idx ON calls (version);
CREATE INDEX calls_customer_idx ON calls (customer_id);

CREATE TABLE callbacks (
  id uuid PRIMARY KEY,
  phone text NOT NULL,
  customer_id uuid REFERENCES customers (id),
  assignee_id uuid REFERENCES users (id),
  due_at timestamptz NOT NULL,
  done_at timestamptz,
  reason text NOT NULL DEFAULT '',
  version bigint NOT NULL
);
CREATE INDEX callbacks_version_idx ON callbacks (version);
CREATE INDEX callbacks_assignee_idx ON callbacks (assignee_id);

CREATE TABLE tombstones (
  entity text NOT NULL,
  id text NOT NULL,
  version bigint NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, id)
);
CREATE INDEX tombstones_version_idx ON tombstones (version);

CREATE TABLE device_mutations (
  device_id uuid PRIMARY KEY,
  user_id uuid REFERENCES users (id),
  last_seq bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
