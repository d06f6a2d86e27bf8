-- SLA robots: durable timers (they live in the database, so a restart loses none) and the
-- escalations they raise for the responsible operator and the supervisors.
CREATE TABLE robot_timers (
  kind text NOT NULL CHECK (kind IN ('order_untouched', 'stage_sla', 'callback_overdue')),
  entity_id uuid NOT NULL,
  due_at timestamptz NOT NULL,
  -- What the timer was set for (e.g. the stage it watches); a changed world makes it moot.
  subject text NOT NULL DEFAULT '',
  fired_at timestamptz,
  PRIMARY KEY (kind, entity_id)
);
CREATE INDEX robot_timers_due_idx ON robot_timers (due_at) WHERE fired_at IS NULL;

CREATE TABLE escalations (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  entity_id uuid NOT NULL,
  -- The responsible user; supervisors see every escalation.
  user_id uuid REFERENCES users (id),
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX escalations_open_idx ON escalations (created_at) WHERE resolved_at IS NULL;
