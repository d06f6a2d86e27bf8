-- Reports (issue 7): a row per stage change (who moved the order, in which role, why, and
-- when it had entered the stage it left), the company line a call or order came in on, when
-- a callback was raised, and which lead sources are sub-dealers' sales panels.

CREATE TABLE order_stage_history (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id),
  pipeline_id text NOT NULL,
  from_stage_id text NOT NULL,
  to_stage_id text NOT NULL,
  -- The target stage's kind at the time of the change (pipelines may be edited later).
  to_kind text NOT NULL CHECK (to_kind IN ('open', 'success', 'failure')),
  -- When the order entered from_stage_id (its creation for the first change), so the time
  -- spent in a stage is changed_at - from_entered_at without a window over the history.
  from_entered_at timestamptz NOT NULL,
  -- 1 for an order's first change: the time from arrival to the first operation.
  transition_no integer NOT NULL CHECK (transition_no >= 1),
  user_id uuid REFERENCES users (id),
  role text CHECK (role IN ('operator', 'technician', 'admin', 'supervisor')),
  -- A failure reason code (core/reasons.ts) when the change closed the order as failed.
  reason text,
  changed_at timestamptz NOT NULL,
  -- The order as it was at the change (operator, technician, amount, city; and when it arrived):
  -- a sale counts for whoever had the order when it was sold, at that price, and the reports
  -- read the history alone.
  operator_id uuid REFERENCES users (id),
  technician_id uuid REFERENCES users (id),
  amount_kopecks bigint NOT NULL,
  city text,
  order_created_at timestamptz NOT NULL
);
CREATE INDEX order_stage_history_order_idx ON order_stage_history (order_id, changed_at);
CREATE INDEX order_stage_history_changed_idx ON order_stage_history (changed_at);
-- Sales, installs and cancellations read only the closing changes of a period: index-only.
CREATE INDEX order_stage_history_closed_idx ON order_stage_history (changed_at)
  INCLUDE (order_id, to_kind, pipeline_id, operator_id, technician_id, amount_kopecks, city, order_created_at, role, reason)
  WHERE to_kind <> 'open';

-- The company number the customer dialled (E.164): one per advertising channel.
ALTER TABLE calls ADD COLUMN called_number text;
ALTER TABLE orders ADD COLUMN called_number text;

ALTER TABLE callbacks ADD COLUMN created_at timestamptz;
-- Callbacks so far were raised two minutes before they were due (missed-callback.ts).
UPDATE callbacks SET created_at = due_at - interval '2 minutes';
ALTER TABLE callbacks ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE callbacks ALTER COLUMN created_at SET NOT NULL;

-- A sub-dealer's sales panel posts its sales as leads with its own key; the weekly partner
-- report lists them apart from the dealer's own retail sales.
ALTER TABLE lead_sources ADD COLUMN subdealer boolean NOT NULL DEFAULT false;

CREATE INDEX lead_submissions_order_idx ON lead_submissions (order_id);
CREATE INDEX orders_created_idx ON orders (created_at);
-- The call reports read a period's calls from the index alone (bench: 80k calls a month).
CREATE INDEX calls_started_idx ON calls (started_at) INCLUDE (direction, outcome, user_id, duration_sec, called_number);
CREATE INDEX callbacks_created_idx ON callbacks (created_at);
