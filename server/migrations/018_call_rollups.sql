-- Call reports over a whole year read a daily rollup instead of a year of calls (1M rows cost
-- ~350 ms even index-only). Triggers keep it in the writing transaction, so it is never stale.

-- The zone whose calendar days the rollup counts in: the site's working-hours zone. When the
-- setting changes, the first report rebuilds the rollup (server/reports/call-rollup.ts).
CREATE TABLE report_rollup_zone (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  zone text NOT NULL
);
INSERT INTO report_rollup_zone (zone) VALUES ('Europe/Moscow');

-- Calls and talk seconds per site day and everything the call reports group or filter by.
-- A key whose calls drop to 0 is deleted, so every row holds at least one call.
CREATE TABLE call_stats_daily (
  day date NOT NULL,
  user_id uuid,
  direction text NOT NULL,
  outcome text NOT NULL,
  called_number text,
  calls integer NOT NULL,
  duration_sec bigint NOT NULL
);
-- The upsert target; no operator or no line is a key like any other.
CREATE UNIQUE INDEX call_stats_daily_key ON call_stats_daily (day, user_id, direction, outcome, called_number) NULLS NOT DISTINCT;
-- Finds the keys an update or delete emptied without scanning the table (normally empty).
CREATE INDEX call_stats_daily_empty_idx ON call_stats_daily (day) WHERE calls = 0;

-- Adds every call to the rollup in the zone stored above (the migration's backfill and a rebuild).
CREATE FUNCTION call_stats_fill() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO call_stats_daily (day, user_id, direction, outcome, called_number, calls, duration_sec)
  SELECT (c.started_at AT TIME ZONE z.zone)::date, c.user_id, c.direction, c.outcome, c.called_number, count(*), sum(c.duration_sec)
  FROM calls c CROSS JOIN report_rollup_zone z
  GROUP BY 1, 2, 3, 4, 5;
END
$$;

-- Statement-level, with transition tables: a bulk insert of a million calls is one grouped upsert,
-- not a million. Counts +1 for new rows and -1 for old ones; an update that moves a call (another
-- day, operator or outcome) is both. The zone row is read FOR SHARE, so a rebuild (which updates
-- it) waits for writers in flight and writers wait for the rebuild: no call is counted in the old
-- zone after the rebuild has read the calls table.
CREATE FUNCTION call_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  z text;
  delta text;
BEGIN
  SELECT zone INTO z FROM report_rollup_zone FOR SHARE;
  delta := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT started_at, user_id, direction, outcome, called_number, 1 AS n, duration_sec::bigint AS d FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT started_at, user_id, direction, outcome, called_number, -1, -duration_sec::bigint FROM old_rows'
    ELSE 'SELECT started_at, user_id, direction, outcome, called_number, 1, duration_sec::bigint FROM new_rows
      UNION ALL SELECT started_at, user_id, direction, outcome, called_number, -1, -duration_sec::bigint FROM old_rows'
  END;
  -- An update that changes none of the keys (a note, the customer) nets to zero and writes nothing.
  EXECUTE format('INSERT INTO call_stats_daily AS s (day, user_id, direction, outcome, called_number, calls, duration_sec)
    SELECT (x.started_at AT TIME ZONE $1)::date, x.user_id, x.direction, x.outcome, x.called_number, sum(x.n), sum(x.d)
    FROM (%s) x (started_at, user_id, direction, outcome, called_number, n, d)
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(x.n) <> 0 OR sum(x.d) <> 0
    ON CONFLICT (day, user_id, direction, outcome, called_number)
    DO UPDATE SET calls = s.calls + excluded.calls, duration_sec = s.duration_sec + excluded.duration_sec', delta) USING z;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM call_stats_daily WHERE calls = 0;
  END IF;
  RETURN NULL;
END
$$;

-- A trigger with transition tables has one event each.
CREATE TRIGGER calls_rollup_insert AFTER INSERT ON calls REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION call_stats_apply();
CREATE TRIGGER calls_rollup_update AFTER UPDATE ON calls REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION call_stats_apply();
CREATE TRIGGER calls_rollup_delete AFTER DELETE ON calls REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION call_stats_apply();

CREATE FUNCTION call_stats_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM call_stats_daily;
  RETURN NULL;
END
$$;
CREATE TRIGGER calls_rollup_truncate AFTER TRUNCATE ON calls FOR EACH STATEMENT EXECUTE FUNCTION call_stats_clear();

SELECT call_stats_fill();
