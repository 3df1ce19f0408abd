import { leafTextAround, type AppendFunctionRow } from './append-function';
import type { QueuedAppend } from './append-group';

export type { AppendFunctionRow };

/**
 * The usual call (one stream, one event) in one statement, with scalar parameters: ledger_append with its arrays
 * taken apart. Same answer, rows, hashes, Merkle nodes, head and idempotency record as ledger_append (migrations
 * 0003 and 0005, left as deployed databases ran them; calls with several streams or events still go there).
 *
 * Why (issue 15, one writer; pg_stat_statements track=all and a --cpu-prof of single appends): of ledger_append's
 * server time for one event, about a third was outside its statements, in PL/pgSQL itself: the fourteen array
 * parameters parsed from text (jsonb[] element by element), the arrays grown with `||` and taken apart again by
 * unnest; on the client, pg escaped each array's elements. Here every parameter is a scalar, the nodes an event
 * completes are set by subscript (at most one per level), and the idempotency record is built without unnest.
 */
export const appendOneFunctionMigration = {
  id: '0006_append_one_function',
  sql: /* sql */ `
CREATE FUNCTION ledger_append_one(
  p_stream text, p_expected integer, p_key text, p_request_hash text,
  p_id uuid, p_type text, p_schema_version integer, p_data jsonb, p_metadata jsonb, p_leaf_head text, p_leaf_tail text,
  OUT status text, OUT versions integer[], OUT first_position bigint, OUT stored_request_hash text, OUT stored_result jsonb
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_head bigint;
  v_peaks bytea[];
  v_prev bytea;
  v_version integer;
  v_recorded text;
  v_leaf bytea;
  v_carry bytea;
  v_m bigint;
  v_level integer := 0;
  v_top integer;
  v_levels smallint[];
  v_idxs bigint[];
  v_hashes bytea[];
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' OR current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'ledger_append_one needs READ COMMITTED and a UTF-8 database' USING ERRCODE = 'RJ001';
  END IF;
  -- The head lock, held until this statement's transaction commits (as in ledger_append).
  SELECT h.position, h.peaks, h.last_hash INTO v_head, v_peaks, v_prev FROM ledger_head h FOR UPDATE;
  IF p_key IS NOT NULL THEN
    SELECT i.request_hash, i.result INTO stored_request_hash, stored_result FROM ledger_idempotency i WHERE i.key = p_key;
    IF FOUND THEN
      status := 'replay';
      RETURN;
    END IF;
  END IF;
  v_version := COALESCE((SELECT e.version FROM ledger_events e WHERE e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1), 0);
  versions := ARRAY[v_version];
  first_position := v_head + 1;
  IF p_expected IS NOT NULL AND p_expected <> v_version THEN
    status := 'conflict';
    RETURN;
  END IF;
  status := 'ok';
  -- The head first (in the same statement): the statement trigger that notifies subscribers reads it after both.
  WITH head AS (UPDATE ledger_head SET position = v_head + 1)
  INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
  VALUES (v_head + 1, p_id, p_stream, v_version + 1, p_type, p_schema_version, p_data, p_metadata)
  RETURNING to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') INTO v_recorded;
  -- The leaf, sha256(0x00 || leaf text), as ledger_append writes it.
  v_leaf := sha256('\\x00'::bytea || convert_to(
    p_leaf_head || (v_head + 1) || ',"previousHash":"' || encode(v_prev, 'hex') || '","recordedAt":"' || v_recorded || '"'
    || p_leaf_tail || (v_version + 1) || '}', 'UTF8'));
  v_levels := '{0}';
  v_idxs := ARRAY[v_head];
  v_hashes := ARRAY[v_leaf];
  -- Binary increment (extendTree): each trailing 1 bit of the leaf's index is a complete left sibling.
  v_carry := v_leaf;
  v_m := v_head;
  WHILE v_m % 2 = 1 LOOP
    v_top := array_length(v_peaks, 1);
    v_carry := sha256('\\x01'::bytea || v_peaks[v_top] || v_carry);
    v_peaks := v_peaks[1:v_top - 1];
    v_level := v_level + 1;
    v_levels[v_level + 1] := v_level;
    v_idxs[v_level + 1] := ((v_head + 1) >> v_level) - 1;
    v_hashes[v_level + 1] := v_carry;
    v_m := v_m / 2;
  END LOOP;
  v_peaks := v_peaks || v_carry;
  -- The Merkle nodes and the head's right edge and last hash in one statement.
  WITH nodes AS (INSERT INTO ledger_merkle_nodes (level, idx, hash) SELECT * FROM unnest(v_levels, v_idxs, v_hashes))
  UPDATE ledger_head SET peaks = v_peaks, last_hash = v_leaf;
  IF p_key IS NOT NULL THEN
    INSERT INTO ledger_idempotency (key, request_hash, result)
    VALUES (p_key, p_request_hash, jsonb_build_object(
      'events', jsonb_build_array(jsonb_build_object('id', p_id, 'streamId', p_stream, 'version', v_version + 1, 'position', v_head + 1)),
      'streamVersions', jsonb_build_object(p_stream, v_version + 1),
      'firstPosition', v_head + 1,
      'lastPosition', v_head + 1));
  END IF;
END
$fn$;
`,
};

export const APPEND_ONE_FUNCTION = {
  name: 'ledger_append_one',
  text: 'SELECT * FROM ledger_append_one($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
};

/** Whether ledger_append_one can write the call: one stream, one event. */
export function isOneEvent(queued: QueuedAppend): boolean {
  return queued.appends.length === 1 && queued.appends[0].events.length === 1;
}

/** The parameters of APPEND_ONE_FUNCTION for a call of one stream and one event (isOneEvent). */
export function appendOneFunctionValues(queued: QueuedAppend): unknown[] {
  const { streamId, expectedVersion, events } = queued.appends[0];
  const event = events[0];
  const { head, tail } = leafTextAround(event, streamId);
  const expected = expectedVersion === 'any' ? null : expectedVersion === 'no_stream' ? 0 : expectedVersion;
  return [
    streamId,
    expected,
    queued.key,
    queued.requestHash,
    event.id,
    event.type,
    event.schemaVersion,
    event.data,
    event.metadata,
    head,
    tail,
  ];
}
