import type { Migration } from './migration';

/**
 * Tamper evidence (docs/verification.md): every event's hash chains to the previous one and is a
 * leaf of an RFC 6962 Merkle tree whose completed nodes are stored as events are appended; signed
 * checkpoints commit to the tree's root at a size. All three tables are append-only like the log.
 */
export const integrityMigration: Migration = {
  id: '0002_hash_chain',
  sql: /* sql */ `
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_events) THEN
    RAISE EXCEPTION 'the hash chain starts with the first event, but this ledger already holds events';
  END IF;
END
$$;

-- The right edge of the Merkle tree (roots of the perfect subtrees covering all events, largest
-- first) and the last event's hash: read and moved by every append under the head lock.
ALTER TABLE ledger_head
  ADD COLUMN peaks bytea[] NOT NULL DEFAULT '{}',
  ADD COLUMN last_hash bytea NOT NULL DEFAULT '\\x0000000000000000000000000000000000000000000000000000000000000000';

-- Completed nodes of the tree: level 0 holds each event's hash (idx = position - 1); a node at
-- level l, index i is the root of leaves [i * 2^l, (i + 1) * 2^l).
CREATE TABLE ledger_merkle_nodes (
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
  idx   bigint   NOT NULL CHECK (idx >= 0),
  hash  bytea    NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, idx)
);

-- Every checkpoint ever issued: a C2SP signed note over (origin, size, root).
CREATE TABLE ledger_checkpoints (
  size      bigint      PRIMARY KEY CHECK (size >= 0),
  root_hash bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
  note      text        NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TRIGGER ledger_merkle_nodes_no_update_delete BEFORE UPDATE OR DELETE ON ledger_merkle_nodes
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_merkle_nodes_no_truncate BEFORE TRUNCATE ON ledger_merkle_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON ledger_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
`,
};
