-- An order may have an appointment (the technician's visit, a delivery slot): the customer is
-- reminded at 19:00 the evening before and 2 hours before. The reminders wait in the
-- notification outbox for their moment (like a stage's «schedule reminder» entry action), marked
-- with which of the two they are, so moving, clearing or closing drops the unsent ones.
ALTER TABLE orders ADD COLUMN appointment_at timestamptz;
ALTER TABLE notification_outbox ADD COLUMN appointment_reminder text
  CHECK (appointment_reminder IN ('evening_before', 'hours_before'));
CREATE INDEX notification_outbox_appointment_idx ON notification_outbox (order_id)
  WHERE appointment_reminder IS NOT NULL AND status = 'pending';
-- Which templates remind of an appointment (one per channel and pipeline); stage notices stay 'stage'.
ALTER TABLE notification_templates ADD COLUMN purpose text NOT NULL DEFAULT 'stage'
  CHECK (purpose IN ('stage', 'appointment_reminder'));
-- The service and delivery pipelines get the reminder texts when they have none yet (a fresh
-- database gets them from the demo seed, which runs after the migrations).
INSERT INTO notification_templates (id, channel, pipeline_id, stage_id, subject, body, purpose)
SELECT p.id || '-appointment-' || c.channel, c.channel, p.id, '', c.subject, c.body, 'appointment_reminder'
  FROM pipelines p
 CROSS JOIN (VALUES
   ('sms', '', '{{company.name}}: напоминаем, {{appointment.when}} визит по заказу {{order.number}}. Тел. {{company.phone}}'),
   ('email', 'Напоминание: {{appointment.when}} — заказ № {{order.number}}',
    E'Здравствуйте, {{customer.name}}!\n\nНапоминаем: {{appointment.when}} визит по заказу № {{order.number}} ({{order.title}}).\nАдрес: {{order.address}}.\n\nЕсли время не подходит, позвоните нам: {{company.phone}}.\n{{company.name}}')
 ) AS c(channel, subject, body)
 WHERE p.id IN ('service', 'delivery')
   AND NOT EXISTS (SELECT 1 FROM notification_templates t
                    WHERE t.pipeline_id = p.id AND t.channel = c.channel AND t.purpose = 'appointment_reminder')
ON CONFLICT (id) DO NOTHING;
