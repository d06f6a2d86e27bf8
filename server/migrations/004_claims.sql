-- Short claims on a customer's order or callback, so two operators never call the same person.
-- One row per claimed thing; an expired row is free for the next operator.
CREATE TABLE claims (
  entity text NOT NULL CHECK (entity IN ('orders', 'callbacks', 'customers')),
  entity_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (entity, entity_id)
);
CREATE INDEX claims_user_idx ON claims (user_id);
