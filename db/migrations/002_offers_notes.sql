-- The catalog (offers) and append-only order notes, cached like the other server entities.

CREATE TABLE offers (
  id TEXT PRIMARY KEY,
  sku TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX offers_sku ON offers (sku);

CREATE TABLE order_notes (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX order_notes_order ON order_notes (order_id, created_at);
