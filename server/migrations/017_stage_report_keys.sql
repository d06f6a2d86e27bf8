-- Reports over a whole year (issue 7: p95 ≤ 500 ms over 200,000 orders' history) read the
-- stage history from indexes alone and without sorting it.

-- Time spent in the stage the change left, in minutes, and one 64-bit key for the stage left
-- (pipeline, stage) and for the move (pipeline, from, to). Grouping half a million rows by a
-- bigint costs about half of grouping them by two or three text columns; the indexes below
-- hand the rows over grouped and with each group's stays in order, so the medians sort nothing.
-- chr(31) (unit separator) cannot occur in ids, so different id pairs never make the same text.
ALTER TABLE order_stage_history
  ADD COLUMN stay_minutes double precision GENERATED ALWAYS AS (date_part('epoch', changed_at - from_entered_at) / 60) STORED,
  ADD COLUMN stage_key bigint GENERATED ALWAYS AS (hashtextextended(pipeline_id || chr(31) || from_stage_id, 0)) STORED,
  ADD COLUMN move_key bigint GENERATED ALWAYS AS (hashtextextended(pipeline_id || chr(31) || from_stage_id || chr(31) || to_stage_id, 0)) STORED;
CREATE INDEX order_stage_history_stage_stay_idx ON order_stage_history (stage_key, stay_minutes) INCLUDE (changed_at);
CREATE INDEX order_stage_history_move_stay_idx ON order_stage_history (move_key, stay_minutes) INCLUDE (changed_at);

-- A sale or cancellation counts once per order in a period, as the order was at its last such
-- change in the period. Each closing change records when the order next closed the same way
-- (null while it has not), so "the last in the period" is a condition on the row, not a sort of
-- the whole period by order.
ALTER TABLE order_stage_history ADD COLUMN next_same_kind_at timestamptz;

UPDATE order_stage_history h SET next_same_kind_at = n.next_at
FROM (
  SELECT id, lead(changed_at) OVER (PARTITION BY order_id, to_kind ORDER BY changed_at, id) AS next_at
  FROM order_stage_history WHERE to_kind <> 'open'
) n
WHERE n.id = h.id AND n.next_at IS NOT NULL;

-- When the order last reached a success stage: «sold since the period began» (the by-channel
-- report's cohort) is then a condition on the order row instead of a join to its history.
-- Server-side only (not in the sync wire).
ALTER TABLE orders ADD COLUMN last_success_at timestamptz;
UPDATE orders o SET last_success_at = s.at
FROM (SELECT order_id, max(changed_at) AS at FROM order_stage_history WHERE to_kind = 'success' GROUP BY order_id) s
WHERE s.order_id = o.id;

-- Kept by the database, so every writer (stage changes, seeds, imports) gets it right, also
-- when a change made offline arrives after a later one: order is (changed_at, id).
CREATE FUNCTION order_stage_history_next_same_kind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.to_kind = 'success' THEN
    UPDATE orders SET last_success_at = NEW.changed_at
    WHERE id = NEW.order_id AND (last_success_at IS NULL OR last_success_at < NEW.changed_at);
  END IF;
  SELECT min(h.changed_at) INTO NEW.next_same_kind_at
  FROM order_stage_history h
  WHERE h.order_id = NEW.order_id AND h.to_kind = NEW.to_kind
    AND (h.changed_at, h.id) > (NEW.changed_at, NEW.id);
  UPDATE order_stage_history h SET next_same_kind_at = NEW.changed_at
  WHERE h.order_id = NEW.order_id AND h.to_kind = NEW.to_kind
    AND (h.changed_at, h.id) < (NEW.changed_at, NEW.id)
    AND (h.next_same_kind_at IS NULL OR h.next_same_kind_at > NEW.changed_at);
  RETURN NEW;
END $$;
CREATE TRIGGER order_stage_history_next_same_kind BEFORE INSERT ON order_stage_history
  FOR EACH ROW WHEN (NEW.to_kind <> 'open') EXECUTE FUNCTION order_stage_history_next_same_kind();

DROP INDEX order_stage_history_closed_idx;
CREATE INDEX order_stage_history_closed_idx ON order_stage_history (changed_at)
  INCLUDE (order_id, to_kind, next_same_kind_at, pipeline_id, operator_id, technician_id, amount_kopecks, city, order_created_at, role, reason)
  WHERE to_kind <> 'open';
-- Handling time: each order's first operation (transition 1), who made it and how long after arrival.
CREATE INDEX order_stage_history_first_idx ON order_stage_history (changed_at) INCLUDE (user_id, stay_minutes) WHERE transition_no = 1;
