import { types, type PoolClient } from 'pg';
import type { RecordedEvent } from '@renja/event-store';
import { toRecordedEvent } from '@renja/event-store/postgres/sql';
import type { CheckpointEntry, LedgerEntry } from './report';

/**
 * The next `limit` positions after `after`: every event with its stored level-0 node (its hash), by
 * keyset pagination on position. A FULL JOIN, so an event without a stored hash and a hash
 * without its event both show up. Each side is cut to `limit` rows before joining, which is exact:
 * a position among the first `limit` of the union is among the first `limit` of each side.
 */
const BATCH_TEXT = `SELECT COALESCE(e.position, n.idx + 1) AS position, e.event_id, e.stream_id, e.version, e.type, e.schema_version,
          e.data, e.metadata,
          to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at, n.hash
     FROM (SELECT * FROM ledger_events WHERE position > $1 ORDER BY position LIMIT $2) e
     FULL JOIN (SELECT idx, hash FROM ledger_merkle_nodes WHERE level = 0 AND idx >= $1 ORDER BY idx LIMIT $2) n
       ON n.idx = e.position - 1
    ORDER BY 1 LIMIT $2`;

const BATCH = { name: 'renja_verify_batch', text: BATCH_TEXT };

/**
 * The same rows as one row per batch, built by PostgreSQL: the events as one JSON array of arrays (one
 * parse in the worker that hashes them, none here: the pg driver only copies a string), the stored
 * hashes concatenated in position order, and whether every row has a 32-byte hash (else they do not align).
 */
const PACKED_BATCH = {
  name: 'renja_verify_batch_packed',
  text: `SELECT count(*)::int AS rows, max(b.position)::text AS last,
                count(b.hash) = count(*) AND coalesce(bool_and(octet_length(b.hash) = 32), true) AS hashed,
                string_agg(b.hash, ''::bytea ORDER BY b.position) AS hashes,
                '[' || string_agg(json_build_array(b.position, b.event_id, b.stream_id, b.version, b.type, b.schema_version,
                                                   b.data, b.metadata, b.recorded_at)::text, ',' ORDER BY b.position) || ']' AS events
           FROM (${BATCH_TEXT}) b`,
};

interface BatchRow {
  position: string;
  event_id: string | null;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  recorded_at: string;
  hash: Buffer | null;
}

export async function readBatch(client: PoolClient, after: number, limit: number): Promise<LedgerEntry[]> {
  const { rows } = await client.query<BatchRow>({ ...BATCH, values: [after, limit] });
  return rows.map((r) => {
    const position = Number(r.position);
    const event: RecordedEvent | null = r.event_id === null ? null : toRecordedEvent({ ...r, event_id: r.event_id });
    return { position, event, hash: r.hash };
  });
}

/** One batch as the parallel pass reads it (see PACKED_BATCH); `last` is 0 for an empty batch. */
export interface PackedBatch {
  rows: number;
  last: number;
  hashed: boolean;
  hashes: Buffer | null;
  events: string | null;
}

/** readBatch's rows packed by PostgreSQL (for LeafHasher.packedIntact): the same query, so the same positions. */
export async function readPackedBatch(client: PoolClient, after: number, limit: number): Promise<PackedBatch> {
  const { rows } = await client.query<{
    rows: number;
    last: string | null;
    hashed: boolean | null;
    hashes: Buffer | null;
    events: string | null;
  }>({ ...PACKED_BATCH, values: [after, limit] });
  const r = rows[0];
  return { rows: r.rows, last: Number(r.last ?? 0), hashed: r.hashed === true, hashes: r.hashes, events: r.events };
}

/** pg's parsers, except that json and jsonb columns stay the text PostgreSQL sent (the worker parses them). */
const JSON_AS_TEXT = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === JSON_OID || oid === JSONB_OID ? (text: string) => text : types.getTypeParser(oid, format),
};
const JSON_OID = 114;
const JSONB_OID = 3802;
const RAW_BATCH = { name: 'renja_verify_batch_raw', text: BATCH_TEXT, types: JSON_AS_TEXT };

interface RawRow extends Omit<BatchRow, 'data' | 'metadata'> {
  data: string | null;
  metadata: string | null;
}

/**
 * The batch the parallel pass hands to a worker, packed here from readBatch's rows with their data and
 * metadata left as the JSON text PostgreSQL sent: this thread parses no JSON and PostgreSQL builds none
 * (packing in SQL, readPackedBatch, cost the server more than it saved here: on two cores the server
 * and the workers share them). The same text a worker would get from readPackedBatch, up to whitespace.
 */
export async function readRawBatch(client: PoolClient, after: number, limit: number): Promise<PackedBatch> {
  const { rows } = await client.query<RawRow>({ ...RAW_BATCH, values: [after, limit] });
  if (rows.length === 0) return { rows: 0, last: 0, hashed: true, hashes: null, events: null };
  const hashes = Buffer.allocUnsafe(rows.length * 32);
  const events: string[] = [];
  let hashed = true;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.hash === null || r.hash.length !== 32 || r.event_id === null) hashed = false;
    else r.hash.copy(hashes, i * 32);
    events.push(
      `[${r.position},${JSON.stringify(r.event_id)},${JSON.stringify(r.stream_id)},${r.version},${JSON.stringify(r.type)},${r.schema_version},${r.data},${r.metadata},${JSON.stringify(r.recorded_at)}]`,
    );
  }
  const last = Number(rows[rows.length - 1].position);
  return hashed
    ? { rows: rows.length, last, hashed, hashes, events: `[${events.join(',')}]` }
    : { rows: rows.length, last, hashed, hashes: null, events: null };
}

/**
 * An event read with its data and metadata as the jsonb text PostgreSQL sent: parsed only when asked
 * for (eventHash, when the text is outside what eventHashOfJsonbText takes, or to name a failure).
 */
class JsonbTextEvent implements RecordedEvent {
  private parsedData: RecordedEvent['data'] | undefined;
  private parsedMetadata: RecordedEvent['metadata'] | undefined;

  constructor(
    readonly id: string,
    readonly streamId: string,
    readonly version: number,
    readonly position: number,
    readonly type: string,
    readonly schemaVersion: number,
    readonly dataText: string,
    readonly metadataText: string,
    readonly recordedAt: string,
  ) {}

  get data(): RecordedEvent['data'] {
    return (this.parsedData ??= JSON.parse(this.dataText) as RecordedEvent['data']);
  }

  get metadata(): RecordedEvent['metadata'] {
    return (this.parsedMetadata ??= JSON.parse(this.metadataText) as RecordedEvent['metadata']);
  }
}

/**
 * readBatch's rows (the same query, so the same positions and failures) with each event's data and
 * metadata left as jsonb text in `entry.json`: the verifier canonicalises that text for the hash
 * (eventHashOfJsonbText) instead of parsing every event's JSON and canonicalising the objects.
 */
export async function readTextBatch(client: PoolClient, after: number, limit: number): Promise<LedgerEntry[]> {
  const { rows } = await client.query<RawRow>({ ...RAW_BATCH, values: [after, limit] });
  const entries: LedgerEntry[] = new Array<LedgerEntry>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const position = Number(r.position);
    if (r.event_id === null) {
      entries[i] = { position, event: null, hash: r.hash };
      continue;
    }
    // Both columns are NOT NULL; were one null, readBatch's event would hold null, whose text is null.
    const data = r.data ?? 'null';
    const metadata = r.metadata ?? 'null';
    const event = new JsonbTextEvent(
      r.event_id,
      r.stream_id,
      Number(r.version),
      position,
      r.type,
      Number(r.schema_version),
      data,
      metadata,
      r.recorded_at,
    );
    entries[i] = { position, event, hash: r.hash, json: { data, metadata } };
  }
  return entries;
}

/** Checkpoints with size in (from, to], smallest first (`to` null: the rest; only the first of those matters). */
export async function readCheckpoints(client: PoolClient, from: number, to: number | null): Promise<CheckpointEntry[]> {
  const { rows } = await client.query<{ size: string; root_hash: Buffer; note: string }>(
    'SELECT size, root_hash, note FROM ledger_checkpoints WHERE size > $1 AND ($2::bigint IS NULL OR size <= $2) ORDER BY size LIMIT 10000',
    [from, to],
  );
  return rows.map((r) => ({ size: Number(r.size), rootHash: r.root_hash, note: r.note }));
}

export async function readHead(client: PoolClient): Promise<{ size: number; lastHash: Buffer; peaks: Buffer[] }> {
  const { rows } = await client.query<{ position: string; last_hash: Buffer; peaks: Buffer[] }>(
    'SELECT position, last_hash, peaks FROM ledger_head',
  );
  return { size: Number(rows[0].position), lastHash: rows[0].last_hash, peaks: rows[0].peaks };
}
