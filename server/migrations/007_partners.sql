-- Partner programme (seed 003): a partner number given at registration and never typed by
-- hand; who referred whom; bonus points for the buyer and the referrer of a completed order,
-- with one ledger row per order and kind so a repeated completion cannot pay twice.
CREATE SEQUENCE partner_number_seq START 100001;
CREATE UNIQUE INDEX customers_partner_number_idx ON customers (partner_number) WHERE partner_number IS NOT NULL;
CREATE INDEX customers_email_idx ON customers (lower(email)) WHERE email IS NOT NULL;

ALTER TABLE customers ADD COLUMN referrer_id uuid REFERENCES customers (id);
ALTER TABLE customers ADD COLUMN bonus_points integer NOT NULL DEFAULT 0;

CREATE TABLE bonus_entries (
  order_id uuid NOT NULL REFERENCES orders (id),
  kind text NOT NULL CHECK (kind IN ('purchase', 'referral')),
  customer_id uuid NOT NULL REFERENCES customers (id),
  points integer NOT NULL CHECK (points >= 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (order_id, kind)
);
CREATE INDEX bonus_entries_customer_idx ON bonus_entries (customer_id);
