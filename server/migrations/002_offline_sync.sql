-- Offline-first sync, part two: the catalog (offers), append-only order notes, the outcome of
-- every pushed mutation (dedup by id and by device seq) and the tombstone horizon.

CREATE TABLE offers (
  id uuid PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  name text NOT NULL,
  -- City → price in kopecks; '*' is the price everywhere else.
  prices jsonb NOT NULL,
  stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL
);
CREATE INDEX offers_version_idx ON offers (version);

-- Notes are rows, never merged text: two operators writing at once both keep their words.
CREATE TABLE order_notes (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id),
  author_id uuid NOT NULL REFERENCES users (id),
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL
);
CREATE INDEX order_notes_version_idx ON order_notes (version);
CREATE INDEX order_notes_order_idx ON order_notes (order_id);

-- One row per pushed mutation that took a seq: a retry gets the recorded answer back, and a
-- different mutation under a used seq is told so.
CREATE TABLE applied_mutations (
  device_id uuid NOT NULL,
  seq bigint NOT NULL,
  mutation_id text NOT NULL,
  user_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  error jsonb,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq)
);
CREATE INDEX applied_mutations_id_idx ON applied_mutations (mutation_id);

-- Tombstones older than the retention setting are purged; a client whose cursor is below the
-- highest purged version may have missed a delete and must rebuild (pull answers `resync`).
ALTER TABLE sync_counter ADD COLUMN tombstone_horizon bigint NOT NULL DEFAULT 0;
