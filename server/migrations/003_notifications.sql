-- Customer notifications: templates per pipeline stage, and a durable outbox the sender works
-- through with retries, so a stage change never waits on SMTP or an SMS gateway and a failed
-- send stays visible instead of vanishing.

CREATE TABLE notification_templates (
  id text PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  pipeline_id text NOT NULL REFERENCES pipelines (id),
  stage_id text NOT NULL,
  subject text NOT NULL DEFAULT '',
  body text NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE INDEX notification_templates_stage_idx ON notification_templates (pipeline_id, stage_id);

CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY,
  order_id uuid REFERENCES orders (id),
  template_id text,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL,
  subject text NOT NULL DEFAULT '',
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  provider_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_outbox_order_idx ON notification_outbox (order_id);
