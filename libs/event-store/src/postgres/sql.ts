import { DuplicateEventIdError } from '../port/errors';
import type { AppendResult, EventData, EventMetadata, RecordedEvent } from '../port/event-store.port';

/**
 * SQL of the PostgreSQL event store. Hot-path statements are named so that each connection
 * parses and plans them once.
 */

// READ COMMITTED on purpose, whatever default_transaction_isolation says: every statement
// after the head lock takes a fresh snapshot, so it sees the commits we waited for.
// The idle timeout bounds how long a stalled client (a frozen process, a lost network) can
// hold the head and so block every writer: PostgreSQL ends such a session.
// One simple-protocol round trip: BEGIN, SET LOCAL, the head lock (SELECT ... FOR UPDATE waits
// for the holder's COMMIT and then returns the row as that commit left it) and the state read.
// The state read must stay a statement of its own, after the lock: under READ COMMITTED each
// statement of a simple query takes a new snapshot, so it sees the append we waited for (a CTE
// of the locking statement would use the snapshot taken before the wait and miss it).
// The simple protocol has no parameters: the inlined values are an integer and literals
// escaped by the client (escapeLiteral), stream ids and idempotency keys.
export function beginLockAndReadState(idleTimeoutMs: number, streams: string[], keys: string[], escape: (s: string) => string): string {
  const texts = (values: string[]) => (values.length === 0 ? `'{}'::text[]` : `ARRAY[${values.map(escape).join(',')}]::text[]`);
  return (
    `BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(idleTimeoutMs)}; ` +
    `SELECT position, peaks, last_hash FROM ledger_head FOR UPDATE; ` +
    appendState(texts(streams), texts(keys))
  );
}

export interface HeadRow {
  position: string;
  peaks: Buffer[];
  last_hash: Buffer;
}

// The hash chain and Merkle tree move with the log, in the same transaction: the completed tree
// nodes and the new right edge and last hash of the head, then COMMIT, in one simple-protocol
// round trip. Every value is a number or a hex string, inlined as array literals (nothing to escape).
export function writeTreeAndCommit(nodes: { level: number; idx: number; hash: Buffer }[], peaks: Buffer[], lastHash: Buffer): string {
  const ints = (values: number[]) => `'{${values.join(',')}}'`;
  const hexes = (values: Buffer[]) => `'{${values.map((b) => b.toString('hex')).join(',')}}'`;
  return `WITH nodes AS (
            INSERT INTO ledger_merkle_nodes (level, idx, hash)
            SELECT l, i, decode(h, 'hex') FROM unnest(${ints(nodes.map((n) => n.level))}::smallint[],
              ${ints(nodes.map((n) => n.idx))}::bigint[], ${hexes(nodes.map((n) => n.hash))}::text[]) AS n(l, i, h)
          )
          UPDATE ledger_head SET peaks = ARRAY(SELECT decode(p, 'hex') FROM unnest(${hexes(peaks)}::text[]) WITH ORDINALITY AS x(p, o) ORDER BY o),
                                 last_hash = decode('${lastHash.toString('hex')}', 'hex');
          COMMIT`;
}

export const FIND_IDEMPOTENCY = {
  name: 'ledger_find_idempotency',
  text: 'SELECT request_hash, result FROM ledger_idempotency WHERE key = $1',
};

// Everything a group of appends decides on, read while the head lock is held: the last version
// of each stream (in input order; 0 = no stream) and the stored results of the group's
// idempotency keys. ORDER BY version DESC LIMIT 1 walks the (stream_id, version) index
// backwards: one probe per stream.
function appendState(streams: string, keys: string): string {
  return `SELECT ARRAY(SELECT COALESCE((SELECT e.version FROM ledger_events e
                                     WHERE e.stream_id = s.stream_id ORDER BY e.version DESC LIMIT 1), 0)
                      FROM unnest(${streams}) WITH ORDINALITY AS s(stream_id, n) ORDER BY s.n) AS versions,
                (SELECT COALESCE(json_agg(json_build_object('key', i.key, 'requestHash', i.request_hash, 'result', i.result)), '[]'::json)
                   FROM ledger_idempotency i WHERE i.key = ANY(${keys})) AS stored`;
}

export interface AppendStateRow {
  versions: number[];
  stored: Array<{ key: string; requestHash: string | null; result: StoredAppendResult }>;
}

// One statement writes the whole group ($1..$8 as column arrays, recorded_at left to the
// trigger), the idempotency records of its keys ($9..$11) and the new head position ($12).
const EVENT_COLUMNS = `position, event_id, stream_id, version, type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at`;

// Only the recorded time comes back (set by the trigger, as a verifier will read it): the hashes are
// computed from the data and metadata as JSON.parse reads back the JSON text sent here, which is
// what a read of the jsonb returns for JSON.stringify output (same keys, strings and numbers).
export const WRITE_APPEND = {
  name: 'ledger_write_append',
  text: `WITH head AS (
           UPDATE ledger_head SET position = $12::bigint
         ), events AS (
           INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata)
           SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::integer[], $5::text[], $6::integer[],
                                $7::jsonb[], $8::jsonb[])
           RETURNING position, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at
         ), keyed AS (
           INSERT INTO ledger_idempotency (key, request_hash, result)
           SELECT * FROM unnest($9::text[], $10::text[], $11::jsonb[])
         )
         SELECT recorded_at FROM events ORDER BY position`,
};

// A large group (PostgresEventStoreOptions.copyFromEvents) sends its events with COPY instead: first
// the new head position and the idempotency records ($1, $2..$4), then COPY_EVENTS, then the recorded
// times the trigger set (READ_RECORDED_AT), all in the append transaction under the head lock.
export const WRITE_HEAD_AND_KEYS = {
  name: 'ledger_write_head_and_keys',
  text: `WITH head AS (
           UPDATE ledger_head SET position = $1::bigint
         )
         INSERT INTO ledger_idempotency (key, request_hash, result)
         SELECT * FROM unnest($2::text[], $3::text[], $4::jsonb[])`,
};

// Text format: the columns of EventColumns in this order, recorded_at left to the trigger (which
// fires for COPY as for INSERT), so nothing the client sends can set it.
export const COPY_EVENTS = 'COPY ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata) FROM STDIN';

export const READ_RECORDED_AT = {
  name: 'ledger_read_recorded_at',
  text: `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at
           FROM ledger_events WHERE position BETWEEN $1 AND $2 ORDER BY position`,
};

// For large groups the Merkle nodes go as binary parameters (hex literals would make a statement of
// megabytes), and COMMIT follows as its own round trip.
export const WRITE_TREE = {
  name: 'ledger_write_tree',
  text: `WITH nodes AS (
           INSERT INTO ledger_merkle_nodes (level, idx, hash)
           SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])
         )
         UPDATE ledger_head SET peaks = $4::bytea[], last_hash = $5::bytea`,
};

// The nodes of a part of a large group's tree (PostgresEventStore.extendTree): WRITE_TREE writes the last part's
// nodes with the head's new right edge and last hash.
export const WRITE_TREE_NODES = {
  name: 'ledger_write_tree_nodes',
  text: `INSERT INTO ledger_merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
};

export const READ_STREAM = {
  name: 'ledger_read_stream',
  text: `SELECT ${EVENT_COLUMNS} FROM ledger_events
          WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3`,
};

// Many whole streams in one statement: one probe of the (stream_id, version) index per id.
export const READ_STREAMS = {
  name: 'ledger_read_streams',
  text: `SELECT ${EVENT_COLUMNS} FROM ledger_events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, version`,
};
export const READ_STREAMS_CHUNK = 1000;

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
