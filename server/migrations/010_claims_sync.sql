-- Claims travel to every client through sync (pull and the live channel), so each claim row
-- carries a version like the other synced tables. Rows from before keep 0 and are never sent:
-- they expire within minutes anyway.
ALTER TABLE claims ADD COLUMN version bigint NOT NULL DEFAULT 0;
CREATE INDEX claims_version_idx ON claims (version);
