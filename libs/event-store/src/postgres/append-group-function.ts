import { planGroup, type GroupOutcome, type QueuedAppend } from './append-group';
import { leafTextAround } from './append-function';
import type { StoredAppendResult } from './sql';

/**
 * A group of appendMany calls (group commit) in ONE statement and one round trip: ledger_append
 * (append-function.ts) for many calls at once. Under the head lock the function reads the versions of
 * every stream the group touches and the group's stored idempotency keys, then decides each call in
 * queue order exactly as planGroup does (a known key: the stored result, for the client to replay or
 * refuse; a wrong expected version against the versions the earlier calls of the group leave behind:
 * a conflict that takes no position; anything else: the next consecutive positions), inserts the
 * accepted calls' events in one INSERT, chains their hashes, stores the Merkle nodes they complete,
 * the accepted calls' idempotency records and the new head. Same rows, hashes and nodes as the group
 * transaction (writeGroup), which still writes groups sent by COPY and serves when the function cannot.
 *
 * A statement error (a duplicate event id, bad data) rolls the whole group back, as writeGroup's
 * statement does: the store then writes each call alone, so only the call at fault fails.
 *
 * Parameters, flattened in queue order: per call its key, request hash and how many (stream) entries
 * and events it has; per entry its stream's slot in p_streams (the distinct streams of the group), its
 * expected version (null: any) and event count; per event its entry, its place in its stream
 * (version = version before + offset) and the canonical leaf text around what only the database knows
 * (leafTextAround). The answer, per call: 'ok', 'conflict' or 'replay' with the versions of its
 * entries before it and its first position, or the stored request hash and result of its key.
 */
export const appendGroupFunctionMigration = {
  id: '0004_append_group_function',
  sql: /* sql */ `
CREATE FUNCTION ledger_append_group(
  p_keys text[], p_request_hashes text[], p_call_entries integer[], p_call_events integer[],
  p_streams text[], p_entry_slots integer[], p_expected integer[], p_counts integer[],
  p_event_entries integer[], p_offsets integer[], p_ids uuid[], p_types text[], p_schema_versions integer[],
  p_data jsonb[], p_metadata jsonb[], p_leaf_heads text[], p_leaf_tails text[],
  OUT statuses text[], OUT versions integer[], OUT first_positions bigint[],
  OUT stored_request_hashes text[], OUT stored_results jsonb[]
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_calls integer := COALESCE(array_length(p_keys, 1), 0);
  v_head bigint;
  v_position bigint;
  v_peaks bytea[];
  v_prev bytea;
  v_slot_versions integer[];
  v_found boolean[];
  v_entry_start integer[] := '{}';
  v_event_start integer[] := '{}';
  v_event_position bigint[];
  v_accepted integer[] := '{}';
  v_entry integer;
  v_event integer;
  v_ok boolean;
  v_n integer;
  v_before bytea[];
  v_after bytea[];
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
    RAISE EXCEPTION 'ledger_append_group needs READ COMMITTED and a UTF-8 database' USING ERRCODE = 'RJ001';
  END IF;
  -- The head lock, held until this statement's transaction commits; every statement below takes a
  -- fresh snapshot (a VOLATILE function under READ COMMITTED), so it sees the append we waited for.
  SELECT h.position, h.peaks, h.last_hash INTO v_head, v_peaks, v_prev FROM ledger_head h FOR UPDATE;
  SELECT COALESCE(array_agg(COALESCE((SELECT e.version FROM ledger_events e WHERE e.stream_id = s.stream_id
                                      ORDER BY e.version DESC LIMIT 1), 0) ORDER BY s.n), '{}')
    INTO v_slot_versions FROM unnest(p_streams) WITH ORDINALITY AS s(stream_id, n);
  SELECT COALESCE(array_agg(i.key IS NOT NULL ORDER BY k.n), '{}'), COALESCE(array_agg(i.request_hash ORDER BY k.n), '{}'),
         COALESCE(array_agg(i.result ORDER BY k.n), '{}')
    INTO v_found, stored_request_hashes, stored_results
    FROM unnest(p_keys) WITH ORDINALITY AS k(key, n) LEFT JOIN ledger_idempotency i ON i.key = k.key;
  statuses := array_fill(NULL::text, ARRAY[v_calls]);
  first_positions := array_fill(NULL::bigint, ARRAY[v_calls]);
  versions := array_fill(NULL::integer, ARRAY[COALESCE(array_length(p_entry_slots, 1), 0)]);
  v_event_position := array_fill(NULL::bigint, ARRAY[COALESCE(array_length(p_ids, 1), 0)]);
  v_entry := 1;
  v_event := 1;
  v_position := v_head;
  -- Each call in queue order, against the versions the calls before it leave behind.
  FOR c IN 1..v_calls LOOP
    v_entry_start := v_entry_start || v_entry;
    v_event_start := v_event_start || v_event;
    IF v_found[c] THEN
      statuses[c] := 'replay';
    ELSE
      v_ok := true;
      FOR j IN v_entry..v_entry + p_call_entries[c] - 1 LOOP
        versions[j] := v_slot_versions[p_entry_slots[j]];
        IF p_expected[j] IS NOT NULL AND p_expected[j] <> versions[j] THEN
          v_ok := false;
        END IF;
      END LOOP;
      first_positions[c] := v_position + 1;
      IF v_ok THEN
        statuses[c] := 'ok';
        FOR j IN v_entry..v_entry + p_call_entries[c] - 1 LOOP
          v_slot_versions[p_entry_slots[j]] := versions[j] + p_counts[j];
        END LOOP;
        FOR e IN v_event..v_event + p_call_events[c] - 1 LOOP
          v_position := v_position + 1;
          v_event_position[e] := v_position;
          v_accepted := v_accepted || e;
        END LOOP;
      ELSE
        statuses[c] := 'conflict';
      END IF;
    END IF;
    v_entry := v_entry + p_call_entries[c];
    v_event := v_event + p_call_events[c];
  END LOOP;
  v_n := COALESCE(array_length(v_accepted, 1), 0);
  IF v_n > 0 THEN
    -- The head first: the statement trigger that notifies subscribers reads it.
    UPDATE ledger_head SET position = v_position;
    -- The leaf text of each event around its previous hash (the only member the chain decides), as bytes, in
    -- position order: ledger_append's text, built for the whole group at once.
    WITH ins AS (
      INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
      SELECT v_event_position[e.o], e.id, p_streams[p_entry_slots[e.entry]], versions[e.entry] + e.k, e.t, e.sv, e.d, e.m
        FROM unnest(p_ids, p_event_entries, p_offsets, p_types, p_schema_versions, p_data, p_metadata)
             WITH ORDINALITY AS e(id, entry, k, t, sv, d, m, o)
       WHERE v_event_position[e.o] IS NOT NULL
      RETURNING position, version, recorded_at
    )
    SELECT array_agg(convert_to(p_leaf_heads[v_accepted[ins.position - v_head]] || ins.position || ',"previousHash":"', 'UTF8')
                     ORDER BY ins.position),
           array_agg(convert_to('","recordedAt":"' || to_char(ins.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"'
                                || p_leaf_tails[v_accepted[ins.position - v_head]] || ins.version || '}', 'UTF8') ORDER BY ins.position)
      INTO v_before, v_after FROM ins;
    -- The hash chain and the Merkle tree, as in ledger_append.
    FOR i IN 1..v_n LOOP
      v_index := v_head + i - 1;
      v_leaf := sha256(decode('00', 'hex') || v_before[i] || convert_to(encode(v_prev, 'hex'), 'UTF8') || v_after[i]);
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
  -- The accepted calls' idempotency records: what planGroup stores (storedResult).
  INSERT INTO ledger_idempotency (key, request_hash, result)
  SELECT p_keys[c], p_request_hashes[c], jsonb_build_object(
      'events', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', p_ids[e], 'streamId', p_streams[p_entry_slots[p_event_entries[e]]],
                                                             'version', versions[p_event_entries[e]] + p_offsets[e],
                                                             'position', v_event_position[e]) ORDER BY e)
                            FROM generate_series(v_event_start[c], v_event_start[c] + p_call_events[c] - 1) AS e), '[]'::jsonb),
      'streamVersions', COALESCE((SELECT jsonb_object_agg(p_streams[p_entry_slots[j]], versions[j] + p_counts[j])
                                    FROM generate_series(v_entry_start[c], v_entry_start[c] + p_call_entries[c] - 1) AS j), '{}'::jsonb),
      'firstPosition', first_positions[c],
      'lastPosition', first_positions[c] + p_call_events[c] - 1)
    FROM generate_series(1, v_calls) AS c
   WHERE statuses[c] = 'ok' AND p_keys[c] IS NOT NULL;
END
$fn$;
`,
};

/** The function's answer, one element per call (versions: one per entry, null where the call was not checked). */
export interface AppendGroupFunctionRow {
  statuses: Array<'ok' | 'conflict' | 'replay'>;
  versions: Array<number | null>;
  first_positions: Array<string | number | null>;
  stored_request_hashes: Array<string | null>;
  stored_results: Array<StoredAppendResult | null>;
}

export const APPEND_GROUP_FUNCTION = {
  name: 'ledger_append_group_function',
  text: 'SELECT * FROM ledger_append_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)',
};

/** The parameters of APPEND_GROUP_FUNCTION for a group, in queue order. */
export function appendGroupFunctionValues(group: QueuedAppend[]): unknown[] {
  const keys: Array<string | null> = [];
  const requestHashes: Array<string | null> = [];
  const callEntries: number[] = [];
  const callEvents: number[] = [];
  const slots = new Map<string, number>();
  const entrySlots: number[] = [];
  const expected: Array<number | null> = [];
  const counts: number[] = [];
  const eventEntries: number[] = [];
  const offsets: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  const heads: string[] = [];
  const tails: string[] = [];
  for (const queued of group) {
    keys.push(queued.key);
    requestHashes.push(queued.requestHash);
    callEntries.push(queued.appends.length);
    callEvents.push(queued.eventCount);
    for (const { streamId, expectedVersion, events } of queued.appends) {
      let slot = slots.get(streamId);
      if (slot === undefined) slots.set(streamId, (slot = slots.size + 1));
      entrySlots.push(slot);
      expected.push(expectedVersion === 'any' ? null : expectedVersion === 'no_stream' ? 0 : expectedVersion);
      counts.push(events.length);
      const entry = entrySlots.length;
      events.forEach((event, k) => {
        const { head, tail } = leafTextAround(event, streamId);
        eventEntries.push(entry);
        offsets.push(k + 1);
        ids.push(event.id);
        types.push(event.type);
        schemaVersions.push(event.schemaVersion);
        data.push(event.data);
        metadata.push(event.metadata);
        heads.push(head);
        tails.push(tail);
      });
    }
  }
  return [
    keys,
    requestHashes,
    callEntries,
    callEvents,
    [...slots.keys()],
    entrySlots,
    expected,
    counts,
    eventEntries,
    offsets,
    ids,
    types,
    schemaVersions,
    data,
    metadata,
    heads,
    tails,
  ];
}

/**
 * Each call's outcome from the function's answer, decided by planGroup on what the function read before that call
 * (the versions its predecessors in the group left, its stored key, its first position): the same decision the
 * function took, and the same result a group transaction returns.
 */
export function groupFunctionOutcomes(group: QueuedAppend[], row: AppendGroupFunctionRow): GroupOutcome[] {
  let entry = 0;
  return group.map((queued, c) => {
    const stored = new Map<string, { requestHash: string | null; result: StoredAppendResult }>();
    const result = row.stored_results[c];
    if (row.statuses[c] === 'replay' && queued.key !== null && result !== null) {
      stored.set(queued.key, { requestHash: row.stored_request_hashes[c], result });
    }
    const versions = new Map(queued.appends.map((a, k): [string, number] => [a.streamId, Number(row.versions[entry + k])]));
    entry += queued.appends.length;
    return planGroup([queued], { versions, stored }, Number(row.first_positions[c] ?? 1) - 1).outcomes[0];
  });
}
