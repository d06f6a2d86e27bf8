-- Leads from web forms and landing pages: keyed sources, one order per submission, and the
-- settings templates and forms read (company name and phone).
CREATE TABLE lead_sources (
  id text PRIMARY KEY,
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  pipeline_id text NOT NULL REFERENCES pipelines (id),
  stage_id text NOT NULL,
  channel text NOT NULL DEFAULT 'web',
  active boolean NOT NULL DEFAULT true
);

-- One row per accepted lead: dedup by the form's submission id, and the UTM tags for reports.
CREATE TABLE lead_submissions (
  source_id text NOT NULL REFERENCES lead_sources (id),
  submission_key text NOT NULL,
  order_id uuid NOT NULL REFERENCES orders (id),
  phone text NOT NULL,
  items_key text NOT NULL,
  utm jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, submission_key)
);
CREATE INDEX lead_submissions_phone_idx ON lead_submissions (phone, created_at);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE SEQUENCE order_number_seq START 5001;
