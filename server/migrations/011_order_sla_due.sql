-- The SLA robots' deadline on the order itself, so every client can show it as a countdown
-- («Осталось 24 мин», «Просрочено на 5 мин»). Kept by the robots with each timer they set.
ALTER TABLE orders ADD COLUMN sla_due_at timestamptz;
-- Orders with a pending timer get its deadline now, each under a fresh sync version so clients
-- pull it (the counter moves past every version handed out here).
UPDATE orders o SET sla_due_at = d.due_at, version = c.value + d.n
  FROM (SELECT t.entity_id, min(t.due_at) AS due_at, row_number() OVER (ORDER BY t.entity_id) AS n
          FROM robot_timers t JOIN orders x ON x.id = t.entity_id
         WHERE t.fired_at IS NULL AND t.kind IN ('order_untouched', 'stage_sla')
         GROUP BY t.entity_id) d,
       sync_counter c
 WHERE o.id = d.entity_id;
UPDATE sync_counter SET value = value + (SELECT count(DISTINCT t.entity_id) FROM robot_timers t JOIN orders x ON x.id = t.entity_id
   WHERE t.fired_at IS NULL AND t.kind IN ('order_untouched', 'stage_sla'));
