-- Entry actions (core/domain.ts StageEntryAction) replace choosing customer notices by the
-- template's stage: each active template becomes a «send template» action on its stage, so a
-- server that ran before the pipeline editor keeps sending exactly what it sent. Stages that
-- already carry entry actions are left as they are. Changed pipelines get fresh sync versions
-- (the counter moves past every version handed out here), so clients pull them.
CREATE TEMPORARY TABLE pipelines_with_notices ON COMMIT DROP AS
  SELECT p.id, row_number() OVER (ORDER BY p.id) AS n
    FROM pipelines p
   WHERE EXISTS (SELECT 1 FROM notification_templates t WHERE t.pipeline_id = p.id AND t.active);
UPDATE pipelines p
   SET definition = jsonb_set(p.definition, '{stages}', (
         SELECT jsonb_agg(
                  CASE WHEN e.s->'entryActions' IS NOT NULL THEN e.s
                       ELSE e.s || jsonb_build_object('entryActions', COALESCE((
                              SELECT jsonb_agg(jsonb_build_object('kind', 'send_template', 'templateId', t.id, 'channel', t.channel) ORDER BY t.id)
                                FROM notification_templates t
                               WHERE t.pipeline_id = p.id AND t.stage_id = e.s->>'id' AND t.active), '[]'::jsonb))
                  END ORDER BY e.ord)
           FROM jsonb_array_elements(p.definition->'stages') WITH ORDINALITY AS e(s, ord))),
       version = c.value + w.n,
       updated_at = now()
  FROM pipelines_with_notices w, sync_counter c
 WHERE p.id = w.id;
UPDATE sync_counter SET value = value + (SELECT count(*) FROM pipelines_with_notices);
-- A reminder waits in the outbox for its moment; it belongs to the stage that scheduled it and
-- is dropped, unsent, when the order leaves that stage first.
ALTER TABLE notification_outbox ADD COLUMN reminder_stage_id text;
