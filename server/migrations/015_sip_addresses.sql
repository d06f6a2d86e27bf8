-- Call monitoring (issue 7): each user's softphone address as their client last published it,
-- so a supervisor's softphone knows where to call an operator it monitors. In the database
-- (not in memory) so every server instance behind a load balancer sees it.

CREATE TABLE sip_addresses (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  sip_uri text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
