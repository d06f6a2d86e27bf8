-- Agent states (issue 7): the last state each operator's client published (or a supervisor
-- set), so assignment skips operators on a break or «не на месте» whichever server instance
-- they are connected to. The live view itself is kept in memory by the live sockets.

CREATE TABLE agent_states (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('available', 'ringing', 'on_call', 'after_call', 'break', 'away', 'offline')),
  reason text,
  since timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
