import type { Migration } from './migration';
import { integrityMigration } from './integrity-schema';
import { appendFunctionFastPathMigration, appendFunctionMigration } from './append-function';
import { appendGroupFunctionMigration } from './append-group-function';
import { appendOneFunctionMigration } from './append-one-function';

/** Channel on which every committed append announces the new head position (payload: decimal string). */
export const LEDGER_NOTIFY_CHANNEL = 'ledger_events';

/**
 * The event-store schema. The guarantees that matter to an auditor live in the database,
 * not in the application: rows cannot be updated, deleted or truncated (triggers refuse it
 * even for the connecting superuser), and the recorded time is taken from the database
 * clock whatever the client sends. Only a superuser who explicitly disables triggers
 * (ALTER TABLE ... DISABLE TRIGGER, or SET session_replication_role = replica) can get past
 * them, which is what tamper-evidence has to detect.
 */
export const eventStoreMigrations: Migration[] = [
  {
    id: '0001_event_store',
    sql: /* sql */ `
CREATE TABLE ledger_events (
  position       bigint      NOT NULL,
  event_id       uuid        NOT NULL,
  stream_id      text        NOT NULL,
  version        integer     NOT NULL,
  type           text        NOT NULL,
  schema_version integer     NOT NULL,
  data           jsonb       NOT NULL,
  metadata       jsonb       NOT NULL,
  -- NOT NULL is checked after BEFORE triggers, so the trigger below fills it in.
  recorded_at    timestamptz NOT NULL,
  CONSTRAINT ledger_events_pkey PRIMARY KEY (position),
  CONSTRAINT ledger_events_event_id_key UNIQUE (event_id),
  CONSTRAINT ledger_events_stream_version_key UNIQUE (stream_id, version),
  CONSTRAINT ledger_events_position_check CHECK (position > 0),
  CONSTRAINT ledger_events_version_check CHECK (version > 0),
  CONSTRAINT ledger_events_stream_id_check CHECK (stream_id <> '')
);
-- Projections and audits read one event type across all streams, in log order.
CREATE INDEX ledger_events_type_position_idx ON ledger_events (type, position);

-- The single row that hands out positions. An append takes its row lock with
-- UPDATE ... SET position = position + n; the lock is held until COMMIT, so positions are
-- handed out in commit order, and a rollback also rolls the counter back (no gaps).
CREATE TABLE ledger_head (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  position bigint  NOT NULL CHECK (position >= 0)
);
INSERT INTO ledger_head (id, position) VALUES (true, 0);

-- Results of appends sent with an idempotency key; a replay returns the stored result.
CREATE TABLE ledger_idempotency (
  key          text        PRIMARY KEY,
  request_hash text,
  result       jsonb       NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- clock_timestamp(), not now(): now() is the transaction start, which can be earlier than
-- the start of a transaction that committed before us while we waited for the head lock.
-- With clock_timestamp() taken under the head lock, recorded_at never decreases with position.
CREATE FUNCTION ledger_set_recorded_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.recorded_at := clock_timestamp();
  RETURN NEW;
END
$$;
CREATE TRIGGER ledger_events_recorded_at BEFORE INSERT ON ledger_events
  FOR EACH ROW EXECUTE FUNCTION ledger_set_recorded_at();

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING HINT = 'The ledger only grows: record a correcting event instead of changing history.';
END
$$;
CREATE TRIGGER ledger_events_no_update_delete BEFORE UPDATE OR DELETE ON ledger_events
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_events_no_truncate BEFORE TRUNCATE ON ledger_events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_idempotency_no_update_delete BEFORE UPDATE OR DELETE ON ledger_idempotency
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_idempotency_no_truncate BEFORE TRUNCATE ON ledger_idempotency
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The head may only move forward; moving it back would hand out positions twice.
CREATE FUNCTION ledger_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested IFs: NEW and OLD are not assigned for DELETE / statement-level TRUNCATE.
  IF TG_OP = 'UPDATE' THEN
    IF NEW.position >= OLD.position THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'ledger_head only moves forward: % is not allowed', TG_OP;
END
$$;
CREATE TRIGGER ledger_head_forward_only BEFORE UPDATE OR DELETE ON ledger_head
  FOR EACH ROW EXECUTE FUNCTION ledger_head_forward_only();
CREATE TRIGGER ledger_head_no_truncate BEFORE TRUNCATE ON ledger_head
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_head_forward_only();

-- Wakes live subscriptions. NOTIFY is delivered at COMMIT (never for a rolled-back append),
-- and once per statement, so a multi-row insert costs one notification.
CREATE FUNCTION ledger_notify_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${LEDGER_NOTIFY_CHANNEL}', (SELECT position FROM ledger_head)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER ledger_events_notify AFTER INSERT ON ledger_events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_notify_append();
`,
  },
  integrityMigration,
  appendFunctionMigration,
  appendGroupFunctionMigration,
  appendFunctionFastPathMigration,
  appendOneFunctionMigration,
];
