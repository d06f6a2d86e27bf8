-- Claims («Звонит Ирина») as the server last sent them. Expired rows are kept and ignored by
-- time; a release arrives as a row whose expiry is the release moment.
CREATE TABLE claims (
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id)
);
