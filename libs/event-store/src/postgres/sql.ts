import { DuplicateEventIdError } from '../port/errors';
import type { AppendResult, EventData, EventMetadata, RecordedEvent } from '../port/event-store.port';

/**
 * SQL of the PostgreSQL event store. Hot-path statements are named so that each connection
 * parses and plans them once.
 */

// READ COMMITTED on purpose, whatever default_transaction_isolation says: every statement
// after the head UPDATE takes a fresh snapshot, so it sees the commits we waited for.
// The idle timeout bounds how long a stalled client (a frozen process, a lost network) can
// hold the head and so block every writer: PostgreSQL ends such a session.
// Two statements in one simple-protocol round trip (no parameters, hence the inlined integer).
export function begin(idleTimeoutMs: number): string {
  return `BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(idleTimeoutMs)}`;
}

// Must stay a statement of its own: a query that also read ledger_events (a CTE, say) would
// use the snapshot taken before waiting for the lock and miss the append that held it.
export const TAKE_HEAD = {
  name: 'ledger_take_head',
  text: 'UPDATE ledger_head SET position = position + $1 RETURNING position, peaks, last_hash',
};

export interface HeadRow {
  position: string;
  peaks: Buffer[];
  last_hash: Buffer;
}

// The hash chain and Merkle tree move with the log, in the same transaction: the completed tree
// nodes ($1-$3 as column arrays) and the new right edge and last hash of the head.
export const WRITE_TREE = {
  name: 'ledger_write_tree',
  text: `WITH nodes AS (
           INSERT INTO ledger_merkle_nodes (level, idx, hash)
           SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])
         )
         UPDATE ledger_head SET peaks = $4::bytea[], last_hash = $5::bytea`,
};

export const FIND_IDEMPOTENCY = {
  name: 'ledger_find_idempotency',
  text: 'SELECT request_hash, result FROM ledger_idempotency WHERE key = $1',
};

// Everything the append decides on, read in one round trip while the head lock is held:
// the last version of each stream ($1, in input order; 0 = no stream) and the stored result
// for the idempotency key $2 (result null: no key or a new key). ORDER BY version
// DESC LIMIT 1 walks the (stream_id, version) index backwards: one probe per stream.
export const APPEND_STATE = {
  name: 'ledger_append_state',
  text: `SELECT ARRAY(SELECT COALESCE((SELECT e.version FROM ledger_events e
                                     WHERE e.stream_id = s.stream_id ORDER BY e.version DESC LIMIT 1), 0)
                      FROM unnest($1::text[]) WITH ORDINALITY AS s(stream_id, n) ORDER BY s.n) AS versions,
                i.request_hash, i.result
           FROM (VALUES (1)) AS one(x) LEFT JOIN ledger_idempotency i ON i.key = $2::text`,
};

export interface AppendStateRow {
  versions: number[];
  request_hash: string | null;
  result: StoredAppendResult | null;
}

// One statement writes the whole batch ($1..$8 as column arrays, recorded_at left to the
// trigger) and, when a key is given ($9), the idempotency record in the same round trip.
const EVENT_COLUMNS = `position, event_id, stream_id, version, type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at`;

// The inserted rows come back exactly as stored (jsonb as read, recorded_at as set by the
// trigger): their hashes are computed from what a verifier will later read, nothing else.
export const WRITE_APPEND = {
  name: 'ledger_write_append',
  text: `WITH events AS (
           INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
           SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::integer[], $5::text[], $6::integer[],
                                $7::jsonb[], $8::jsonb[])
           RETURNING ${EVENT_COLUMNS}
         ), keyed AS (
           INSERT INTO ledger_idempotency (key, request_hash, result)
           SELECT $9::text, $10::text, $11::jsonb WHERE $9::text IS NOT NULL
         )
         SELECT * FROM events ORDER BY position`,
};

export const READ_STREAM = {
  name: 'ledger_read_stream',
  text: `SELECT ${EVENT_COLUMNS} FROM ledger_events
          WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3`,
};

export const READ_ALL = {
  name: 'ledger_read_all',
  text: `SELECT ${EVENT_COLUMNS} FROM ledger_events WHERE position > $1 ORDER BY position LIMIT $2`,
};

export const FIND_EVENT = {
  name: 'ledger_find_event',
  text: `SELECT ${EVENT_COLUMNS} FROM ledger_events WHERE event_id = $1`,
};

export const STREAM_VERSION = {
  name: 'ledger_stream_version',
  text: 'SELECT version FROM ledger_events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1',
};

export const HEAD_POSITION = { name: 'ledger_head_position', text: 'SELECT position FROM ledger_head' };

export interface EventRow {
  position: string | number; // bigint: a string unless the pool owner installed an int8 parser
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: EventData;
  metadata: EventMetadata;
  recorded_at: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    version: Number(row.version),
    position: Number(row.position),
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

/** What ledger_idempotency.result holds: the first append's result, minus the replay flag (the hash has its own column). */
export type StoredAppendResult = Omit<AppendResult, 'replayed' | 'requestHash'>;

export function storedResult(result: AppendResult): StoredAppendResult {
  const { replayed: _replayed, requestHash: _requestHash, ...stored } = result;
  return stored;
}

export function replayedResult(stored: StoredAppendResult): AppendResult {
  return { ...stored, replayed: true };
}

/** Turns a unique violation on event_id into the port's typed error; anything else passes through. */
export function mapAppendError(error: unknown): unknown {
  // Duck-typed rather than instanceof pg.DatabaseError: pg-native and duplicated pg copies throw other classes.
  const e = error as { code?: unknown; constraint?: unknown; detail?: unknown } | null;
  if (e?.code === '23505' && e.constraint === 'ledger_events_event_id_key') {
    const id = /\(event_id\)=\(([^)]+)\)/.exec(typeof e.detail === 'string' ? e.detail : '')?.[1];
    return new DuplicateEventIdError(id ?? 'unknown');
  }
  return error;
}
