-- Lookups for the operator's home («Что делать сейчас») and the customer card, by index rather
-- than by scanning the JSON rows.

-- A customer's last calls: those linked to the card (those from or to its phone use the
-- calls_phone index of migration 004).
CREATE INDEX calls_customer ON calls (json_extract(data, '$.customerId'), started_at);

-- Callbacks still to be made, by due time (done ones stay out of the index).
CREATE INDEX callbacks_open ON callbacks (due_at) WHERE json_extract(data, '$.doneAt') IS NULL;

-- Orders waiting in given stages (admins work a shared queue by stage).
CREATE INDEX orders_stage ON orders (stage_id);
