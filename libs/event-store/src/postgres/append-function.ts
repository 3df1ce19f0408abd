import { canonicalJson } from '../integrity/canonical-json';
import { planGroup, type GroupOutcome, type QueuedAppend } from './append-group';
import { checkExpectedVersions, planAppend, type PreparedAppend } from './append-plan';
import type { StoredAppendResult } from './sql';

/**
 * One call of appendMany in ONE statement and one round trip: the function takes the
 * head lock, reads the versions and the idempotency key it decides on, inserts the events, chains
 * their hashes, stores the Merkle nodes they complete and moves the head, all in the statement's
 * own transaction, so nothing is ever left idle holding the head. Same rows, same hashes, same
 * guarantees as the group transaction (writeGroup); several calls at once go by ledger_append_group
 * (append-group-function.ts).
 *
 * The hash is the RFC 8785 leaf of eventLeafText: the client sends, per event, the canonical text
 * before the position and after the recorded time (everything it knows before the lock: the
 * canonical data and metadata, id, schema version, stream and type), and the function fills in what
 * only the database knows under the lock: position, previous hash, recorded time and version.
 *
 * The function refuses to run (SQLSTATE RJ001) outside READ COMMITTED, where its reads after the
 * lock would not see the append it waited for, or on a database whose text is not UTF-8 (its bytes
 * would not be those the client hashes); the store then falls back to the group transaction.
 */
export const appendFunctionMigration = {
  id: '0003_append_function',
  sql: /* sql */ `
CREATE FUNCTION ledger_append(
  p_streams text[], p_expected integer[], p_counts integer[], p_key text, p_request_hash text,
  p_stream_idx integer[], p_offsets integer[], p_ids uuid[], p_types text[], p_schema_versions integer[],
  p_data jsonb[], p_metadata jsonb[], p_leaf_heads text[], p_leaf_tails text[],
  OUT status text, OUT versions integer[], OUT first_position bigint, OUT stored_request_hash text, OUT stored_result jsonb
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_head bigint;
  v_peaks bytea[];
  v_prev bytea;
  v_n integer := COALESCE(array_length(p_ids, 1), 0);
  v_recorded text[];
  v_leaf bytea;
  v_carry bytea;
  v_index bigint;
  v_m bigint;
  v_level integer;
  v_top integer;
  v_levels smallint[] := '{}';
  v_idxs bigint[] := '{}';
  v_hashes bytea[] := '{}';
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' OR current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'ledger_append needs READ COMMITTED and a UTF-8 database' USING ERRCODE = 'RJ001';
  END IF;
  -- The head lock: held until this statement's transaction commits. Every statement below takes a
  -- fresh snapshot (a VOLATILE function under READ COMMITTED), so it sees the append we waited for.
  SELECT h.position, h.peaks, h.last_hash INTO v_head, v_peaks, v_prev FROM ledger_head h FOR UPDATE;
  IF p_key IS NOT NULL THEN
    SELECT i.request_hash, i.result INTO stored_request_hash, stored_result FROM ledger_idempotency i WHERE i.key = p_key;
    IF FOUND THEN
      status := 'replay';
      RETURN;
    END IF;
  END IF;
  SELECT COALESCE(array_agg(COALESCE((SELECT e.version FROM ledger_events e WHERE e.stream_id = s.stream_id
                                      ORDER BY e.version DESC LIMIT 1), 0) ORDER BY s.n), '{}')
    INTO versions FROM unnest(p_streams) WITH ORDINALITY AS s(stream_id, n);
  first_position := v_head + 1;
  FOR i IN 1..COALESCE(array_length(p_streams, 1), 0) LOOP
    IF p_expected[i] IS NOT NULL AND p_expected[i] <> versions[i] THEN
      status := 'conflict';
      RETURN;
    END IF;
  END LOOP;
  status := 'ok';
  IF v_n > 0 THEN
    -- The head first: the statement trigger that notifies subscribers reads it.
    UPDATE ledger_head SET position = v_head + v_n;
    WITH ins AS (
      INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
      SELECT v_head + e.o, e.id, p_streams[e.s], versions[e.s] + e.k, e.t, e.sv, e.d, e.m
        FROM unnest(p_ids, p_stream_idx, p_offsets, p_types, p_schema_versions, p_data, p_metadata)
             WITH ORDINALITY AS e(id, s, k, t, sv, d, m, o)
      RETURNING position, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS r
    )
    SELECT array_agg(ins.r ORDER BY ins.position) INTO v_recorded FROM ins;
    FOR i IN 1..v_n LOOP
      v_index := v_head + i - 1;
      v_leaf := sha256(decode('00', 'hex') || convert_to(
        p_leaf_heads[i] || (v_index + 1) || ',"previousHash":"' || encode(v_prev, 'hex') || '","recordedAt":"' || v_recorded[i] || '"'
        || p_leaf_tails[i] || (versions[p_stream_idx[i]] + p_offsets[i]) || '}', 'UTF8'));
      v_levels := v_levels || 0::smallint;
      v_idxs := v_idxs || v_index;
      v_hashes := v_hashes || v_leaf;
      -- Binary increment (extendTree): each trailing 1 bit of the index is a complete left sibling.
      v_carry := v_leaf;
      v_level := 0;
      v_m := v_index;
      WHILE v_m % 2 = 1 LOOP
        v_top := array_length(v_peaks, 1);
        v_carry := sha256(decode('01', 'hex') || v_peaks[v_top] || v_carry);
        v_peaks := v_peaks[1:v_top - 1];
        v_level := v_level + 1;
        v_levels := v_levels || v_level::smallint;
        v_idxs := v_idxs || (((v_index + 1) >> v_level) - 1);
        v_hashes := v_hashes || v_carry;
        v_m := v_m / 2;
      END LOOP;
      v_peaks := v_peaks || v_carry;
      v_prev := v_leaf;
    END LOOP;
    INSERT INTO ledger_merkle_nodes (level, idx, hash) SELECT * FROM unnest(v_levels, v_idxs, v_hashes);
    UPDATE ledger_head SET peaks = v_peaks, last_hash = v_prev;
  END IF;
  IF p_key IS NOT NULL THEN
    INSERT INTO ledger_idempotency (key, request_hash, result)
    VALUES (p_key, p_request_hash, jsonb_build_object(
      'events', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'streamId', p_streams[e.s], 'version', versions[e.s] + e.k,
                                                             'position', v_head + e.o) ORDER BY e.o)
                            FROM unnest(p_ids, p_stream_idx, p_offsets) WITH ORDINALITY AS e(id, s, k, o)), '[]'::jsonb),
      'streamVersions', COALESCE((SELECT jsonb_object_agg(s.stream_id, versions[s.n] + p_counts[s.n])
                                    FROM unnest(p_streams) WITH ORDINALITY AS s(stream_id, n)), '{}'::jsonb),
      'firstPosition', v_head + 1,
      'lastPosition', v_head + v_n));
  END IF;
END
$fn$;
`,
};

/**
 * The same function, faster for the usual call (one stream, one event), with the same arguments, answer, rows,
 * hashes and nodes (migration 0003 is left as deployed databases ran it; this one replaces the function's body):
 * - one stream: its version is read by a probe with a scalar parameter, whose generic plan PL/pgSQL caches; the
 *   unnest of 0003 was planned anew on every call (its custom plan always looks cheaper than the generic one:
 *   about a third of the function's server time, pg_stat_statements with track_planning);
 * - one event: a plain INSERT ... VALUES, sharing its statement with the head position (as WRITE_APPEND does, the
 *   notifying statement trigger fires after both), instead of an unnest, a CTE and an array_agg;
 * - the Merkle nodes and the head's right edge and last hash in one statement (for any number of events).
 * Several streams keep 0003's version read, several events its INSERT. Tried and measured without gain (A/B of
 * backend CPU per append, one writer): one update of the head instead of two, by inserting the event, its leaf,
 * its nodes and the head in one statement, or by a notifying trigger that reads max(position).
 */
export const appendFunctionFastPathMigration = {
  id: '0005_append_function_fast_path',
  sql: /* sql */ `
CREATE OR REPLACE FUNCTION ledger_append(
  p_streams text[], p_expected integer[], p_counts integer[], p_key text, p_request_hash text,
  p_stream_idx integer[], p_offsets integer[], p_ids uuid[], p_types text[], p_schema_versions integer[],
  p_data jsonb[], p_metadata jsonb[], p_leaf_heads text[], p_leaf_tails text[],
  OUT status text, OUT versions integer[], OUT first_position bigint, OUT stored_request_hash text, OUT stored_result jsonb
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_head bigint;
  v_peaks bytea[];
  v_prev bytea;
  v_n integer := COALESCE(array_length(p_ids, 1), 0);
  v_ns integer := COALESCE(array_length(p_streams, 1), 0);
  v_recorded text[];
  v_one text;
  v_leaf bytea;
  v_carry bytea;
  v_index bigint;
  v_m bigint;
  v_level integer;
  v_top integer;
  v_levels smallint[] := '{}';
  v_idxs bigint[] := '{}';
  v_hashes bytea[] := '{}';
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' OR current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'ledger_append needs READ COMMITTED and a UTF-8 database' USING ERRCODE = 'RJ001';
  END IF;
  -- The head lock: held until this statement's transaction commits. Every statement below takes a
  -- fresh snapshot (a VOLATILE function under READ COMMITTED), so it sees the append we waited for.
  SELECT h.position, h.peaks, h.last_hash INTO v_head, v_peaks, v_prev FROM ledger_head h FOR UPDATE;
  IF p_key IS NOT NULL THEN
    SELECT i.request_hash, i.result INTO stored_request_hash, stored_result FROM ledger_idempotency i WHERE i.key = p_key;
    IF FOUND THEN
      status := 'replay';
      RETURN;
    END IF;
  END IF;
  -- One stream: a probe with a scalar parameter, whose generic plan is cached (the unnest below is planned anew
  -- on every call, as its custom plan always looks cheaper than the generic one).
  IF v_ns = 1 THEN
    versions := ARRAY[COALESCE((SELECT e.version FROM ledger_events e WHERE e.stream_id = p_streams[1] ORDER BY e.version DESC LIMIT 1), 0)];
  ELSE
    SELECT COALESCE(array_agg(COALESCE((SELECT e.version FROM ledger_events e WHERE e.stream_id = s.stream_id
                                        ORDER BY e.version DESC LIMIT 1), 0) ORDER BY s.n), '{}')
      INTO versions FROM unnest(p_streams) WITH ORDINALITY AS s(stream_id, n);
  END IF;
  first_position := v_head + 1;
  FOR i IN 1..v_ns LOOP
    IF p_expected[i] IS NOT NULL AND p_expected[i] <> versions[i] THEN
      status := 'conflict';
      RETURN;
    END IF;
  END LOOP;
  status := 'ok';
  IF v_n > 0 THEN
    IF v_n = 1 THEN
      -- The head first (in the same statement): the statement trigger that notifies subscribers reads it after both.
      WITH head AS (UPDATE ledger_head SET position = v_head + 1)
      INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
      VALUES (v_head + 1, p_ids[1], p_streams[p_stream_idx[1]], versions[p_stream_idx[1]] + p_offsets[1], p_types[1], p_schema_versions[1], p_data[1], p_metadata[1])
      RETURNING to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') INTO v_one;
      v_recorded := ARRAY[v_one];
    ELSE
      UPDATE ledger_head SET position = v_head + v_n;
      WITH ins AS (
        INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
        SELECT v_head + e.o, e.id, p_streams[e.s], versions[e.s] + e.k, e.t, e.sv, e.d, e.m
          FROM unnest(p_ids, p_stream_idx, p_offsets, p_types, p_schema_versions, p_data, p_metadata)
               WITH ORDINALITY AS e(id, s, k, t, sv, d, m, o)
        RETURNING position, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS r
      )
      SELECT array_agg(ins.r ORDER BY ins.position) INTO v_recorded FROM ins;
    END IF;
    FOR i IN 1..v_n LOOP
      -- The leaf: sha256(0x00 || leaf text), as in 0003 (the database is UTF-8: convert_to only checks the text).
      v_index := v_head + i - 1;
      v_leaf := sha256('\\x00'::bytea || convert_to(
        p_leaf_heads[i] || (v_index + 1) || ',"previousHash":"' || encode(v_prev, 'hex') || '","recordedAt":"' || v_recorded[i] || '"'
        || p_leaf_tails[i] || (versions[p_stream_idx[i]] + p_offsets[i]) || '}', 'UTF8'));
      v_levels := v_levels || 0::smallint;
      v_idxs := v_idxs || v_index;
      v_hashes := v_hashes || v_leaf;
      -- Binary increment (extendTree): each trailing 1 bit of the index is a complete left sibling.
      v_carry := v_leaf;
      v_level := 0;
      v_m := v_index;
      WHILE v_m % 2 = 1 LOOP
        v_top := array_length(v_peaks, 1);
        v_carry := sha256('\\x01'::bytea || v_peaks[v_top] || v_carry);
        v_peaks := v_peaks[1:v_top - 1];
        v_level := v_level + 1;
        v_levels := v_levels || v_level::smallint;
        v_idxs := v_idxs || (((v_index + 1) >> v_level) - 1);
        v_hashes := v_hashes || v_carry;
        v_m := v_m / 2;
      END LOOP;
      v_peaks := v_peaks || v_carry;
      v_prev := v_leaf;
    END LOOP;
    -- The Merkle nodes and the head's right edge and last hash in one statement.
    WITH nodes AS (INSERT INTO ledger_merkle_nodes (level, idx, hash) SELECT * FROM unnest(v_levels, v_idxs, v_hashes))
    UPDATE ledger_head SET peaks = v_peaks, last_hash = v_prev;
  END IF;
  IF p_key IS NOT NULL THEN
    INSERT INTO ledger_idempotency (key, request_hash, result)
    VALUES (p_key, p_request_hash, jsonb_build_object(
      'events', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', e.id, 'streamId', p_streams[e.s], 'version', versions[e.s] + e.k,
                                                             'position', v_head + e.o) ORDER BY e.o)
                            FROM unnest(p_ids, p_stream_idx, p_offsets) WITH ORDINALITY AS e(id, s, k, o)), '[]'::jsonb),
      'streamVersions', COALESCE((SELECT jsonb_object_agg(s.stream_id, versions[s.n] + p_counts[s.n])
                                    FROM unnest(p_streams) WITH ORDINALITY AS s(stream_id, n)), '{}'::jsonb),
      'firstPosition', v_head + 1,
      'lastPosition', v_head + v_n));
  END IF;
END
$fn$;
`,
};

/** The function's answer: 'replay' (the key's stored result), 'conflict' or 'ok' (versions before the call, first position). */
export interface AppendFunctionRow {
  status: 'ok' | 'conflict' | 'replay';
  versions: number[] | null;
  first_position: string | number | null;
  stored_request_hash: string | null;
  stored_result: StoredAppendResult | null;
}

export const APPEND_FUNCTION = {
  name: 'ledger_append_function',
  text: 'SELECT * FROM ledger_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)',
};

/**
 * The canonical leaf text of an event around what only the database knows (eventLeafText with
 * members in RFC 8785 order): `head` ends before the position, `tail` runs from the schema version to
 * before the version; the function writes head, position, previous hash, recorded time, tail, version, '}'.
 * The data and metadata are canonicalised as JSON.parse reads back the JSON text stored (as writeGroup hashes them),
 * unless prepareAppends already wrote that text (event.canonical).
 */
export function leafTextAround(event: PreparedAppend['events'][number], streamId: string): { head: string; tail: string } {
  const data = event.canonical ? event.data : canonicalJson(JSON.parse(event.data));
  const metadata = event.canonical ? event.metadata : canonicalJson(JSON.parse(event.metadata));
  return {
    head: `{"data":${data},"eventId":${JSON.stringify(event.id)},"metadata":${metadata},"position":`,
    tail: `,"schemaVersion":${event.schemaVersion},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(event.type)},"version":`,
  };
}

/** The parameters of APPEND_FUNCTION for one call. */
export function appendFunctionValues(appends: PreparedAppend[], key: string | null, requestHash: string | null): unknown[] {
  const streams: string[] = [];
  const expected: Array<number | null> = [];
  const counts: number[] = [];
  const streamIdx: number[] = [];
  const offsets: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  const heads: string[] = [];
  const tails: string[] = [];
  appends.forEach(({ streamId, expectedVersion, events }, s) => {
    streams.push(streamId);
    expected.push(expectedVersion === 'any' ? null : expectedVersion === 'no_stream' ? 0 : expectedVersion);
    counts.push(events.length);
    events.forEach((event, k) => {
      const { head, tail } = leafTextAround(event, streamId);
      streamIdx.push(s + 1);
      offsets.push(k + 1);
      ids.push(event.id);
      types.push(event.type);
      schemaVersions.push(event.schemaVersion);
      data.push(event.data);
      metadata.push(event.metadata);
      heads.push(head);
      tails.push(tail);
    });
  });
  return [streams, expected, counts, key, requestHash, streamIdx, offsets, ids, types, schemaVersions, data, metadata, heads, tails];
}

/** SQLSTATEs after which the store stops using the function: RJ001 (see above), 42883 (not migrated yet). */
export function isAppendFunctionUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'RJ001' || code === '42883';
}

/**
 * The call's outcome from the function's answer: decided as planGroup decides a group of one on what the function
 * read. Without a stored result (no replay) that is the expected-version check and the positions from the first
 * one, taken here directly: planGroup would also build the write's columns and stored result, unused here.
 */
export function loneFunctionOutcome(queued: QueuedAppend, row: AppendFunctionRow): GroupOutcome {
  const stored = new Map<string, { requestHash: string | null; result: StoredAppendResult }>();
  const versions = new Map((row.versions ?? []).map((version, i): [string, number] => [queued.appends[i].streamId, Number(version)]));
  const head = Number(row.first_position ?? 1) - 1;
  if (row.status === 'replay' && queued.key !== null && row.stored_result !== null) {
    stored.set(queued.key, { requestHash: row.stored_request_hash, result: row.stored_result });
    return planGroup([queued], { versions, stored }, head).outcomes[0];
  }
  try {
    checkExpectedVersions(queued.appends, versions);
  } catch (error) {
    return { ok: false, error };
  }
  return { ok: true, result: planAppend(queued.appends, versions, head + queued.eventCount).result };
}
