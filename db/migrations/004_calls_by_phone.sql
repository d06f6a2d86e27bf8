-- The screen pop and the customer card show the caller's last calls: calls by number, newest
-- first, straight from an index (the call log grows by hundreds of rows a day per operator).
ALTER TABLE calls ADD COLUMN phone TEXT;
UPDATE calls SET phone = json_extract(data, '$.phone');
CREATE INDEX calls_phone ON calls (phone, started_at);
