import { eventHash, GENESIS_HASH } from '@renja/event-store/integrity/event-hash';
import type { RecordedEvent } from '@renja/event-store';
import { parseEventLine } from './export-format';

/**
 * The per-event work of verifying a whole log, cut into batches that a worker thread can do on its
 * own (docs/verification.md §8). A batch is only ever judged *all good* or *not*: when every event
 * hashes, from the hash the ledger claims for its predecessor, to the hash claimed for itself, the
 * claims are the computed hashes by induction and the main thread can fold them into the tree. Any
 * doubt answers "not good", and the caller re-verifies sequentially to name the first bad position.
 */

const HASH_SIZE = 32;

/** A batch of database rows as PostgreSQL packed it (database-source.ts, PACKED_BATCH). */
export interface PackedRows {
  /** The position the first row must have. */
  first: number;
  /** The hash claimed for position first − 1 (32 zero bytes before position 1). */
  previousHash: Uint8Array;
  /** JSON: an array of [position, eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt] per row. */
  events: string;
  /** The stored hashes of the rows, 32 bytes each, in row order. */
  hashes: Uint8Array;
}

const view = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The same event the sequential path builds from a row (toRecordedEvent over pg's parsed columns). */
function rowEvent(row: unknown[]): RecordedEvent {
  return {
    id: row[1] as string,
    streamId: row[2] as string,
    version: Number(row[3]),
    position: Number(row[0]),
    type: row[4] as string,
    schemaVersion: Number(row[5]),
    data: row[6] as RecordedEvent['data'],
    metadata: row[7] as RecordedEvent['metadata'],
    recordedAt: row[8] as string,
  };
}

/** True when the rows are positions first, first + 1, ... and each hashes from its predecessor's stored hash to its own. */
export function packedRowsAreIntact(batch: PackedRows): boolean {
  const rows = JSON.parse(batch.events) as unknown[][];
  const hashes = view(batch.hashes);
  if (!Array.isArray(rows) || hashes.length !== rows.length * HASH_SIZE || batch.previousHash.length !== HASH_SIZE) return false;
  let previous = view(batch.previousHash);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== 9 || row[0] !== batch.first + i || typeof row[1] !== 'string') return false;
    const claimed = hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
    if (!eventHash(rowEvent(row), previous).equals(claimed)) return false;
    previous = claimed;
  }
  return true;
}

/** What a chunk of a full export's event lines proved: `count` consecutive positions from `first`, or nothing. */
export type LineBatchResult =
  { intact: true; count: number; first: number; previousHash: Uint8Array; hashes: Uint8Array } | { intact: false };

const NOT_INTACT: LineBatchResult = { intact: false };
const CR = 0x0d;

/**
 * Parses and hashes whole event lines (the chunk ends after a `\n` or at the end of the file). Intact
 * when every non-blank line is an event line with its hash and previous hash, positions are consecutive,
 * each line's previousHash is the preceding line's hash and each hashes to its hash. A `\r` anywhere
 * answers "not intact": the sequential reader splits lines at a lone `\r` too, so only it may judge.
 */
export function hashLineChunk(bytes: Uint8Array): LineBatchResult {
  const chunk = view(bytes);
  if (chunk.includes(CR)) return NOT_INTACT;
  // An event line holds at least its two 64-digit hashes, so its 32-byte hash needs under half its length.
  const hashes = Buffer.allocUnsafeSlow(HASH_SIZE + (chunk.length >> 1));
  let count = 0;
  let first = 0;
  let previousHash: Buffer = GENESIS_HASH;
  let last: Buffer | null = null;
  for (const line of chunk.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    let entry;
    try {
      entry = parseEventLine(line);
    } catch {
      return NOT_INTACT;
    }
    const { event, hash, previousHash: claimedPrevious } = entry;
    if (!event || hash?.length !== HASH_SIZE || claimedPrevious?.length !== HASH_SIZE) return NOT_INTACT;
    if (last === null) {
      first = entry.position;
      previousHash = claimedPrevious;
    } else if (entry.position !== first + count || !claimedPrevious.equals(last)) {
      return NOT_INTACT;
    }
    if (!eventHash(event, claimedPrevious).equals(hash)) return NOT_INTACT;
    hash.copy(hashes, count * HASH_SIZE);
    last = hash;
    count += 1;
  }
  // A copy: the parsed hash is a view into a shared pool slab, which posting would copy whole.
  return { intact: true, count, first, previousHash: new Uint8Array(previousHash), hashes: hashes.subarray(0, count * HASH_SIZE) };
}
