import { DuplicateEventIdError, IdempotencyKeyReusedError, WrongExpectedVersionError } from '../port/errors';
import type {
  AppendOptions,
  AppendResult,
  AppendedEventRef,
  EventData,
  EventMetadata,
  RecordedEvent,
  StreamAppend,
} from '../port/event-store.port';
import { eventHash, GENESIS_HASH } from '../integrity/event-hash';

/**
 * The ledger on EventStoreDB is ONE EventStoreDB stream, the log: the event at log revision r
 * is the ledger event at global position r + 1. What the port promises and EventStoreDB alone
 * does not give — atomic appends across ledger streams, gap-free global positions in commit
 * order, idempotency keys, the hash chain — follows from that one stream: an append writes all
 * its events to the log in one EventStoreDB append guarded by the log's expected revision, so
 * appends are serialised exactly as the PostgreSQL store serialises them on its head row.
 *
 * The ledger stream, version, position, recorded time, hash chain and idempotency key of each
 * event travel in its EventStoreDB metadata (the envelope below); the ledger's own metadata
 * (actor, reason, legal basis, ...) is nested inside it unchanged.
 *
 * This file is pure: the index of the log and the planning of an append, with no I/O, so it
 * is unit-tested without a server. The adapter (./eventstoredb-event-store.ts) feeds it.
 */

/** What the log stores in each EventStoreDB event's metadata. */
export interface LogEnvelope {
  ledger: {
    streamId: string;
    version: number;
    position: number;
    schemaVersion: number;
    /** ISO 8601 UTC with microseconds; set by the adapter, never by the caller, never decreasing. */
    recordedAt: string;
    /** Hex SHA-256 leaf hash (docs/verification.md) and the previous event's. */
    hash: string;
    previousHash: string;
    /** On the first event of an append made with an idempotency key: the key and the append's result. */
    idempotency?: { key: string; requestHash: string | null; result: StoredResult };
  };
  metadata: EventMetadata;
}

/** The result of an append as kept with its idempotency key. */
export interface StoredResult {
  events: AppendedEventRef[];
  streamVersions: Record<string, number>;
  firstPosition: number;
  lastPosition: number;
}

/** One event as read from the log: its EventStoreDB id, type, data and metadata. */
export interface LogRecord {
  id: string;
  type: string;
  data: EventData;
  metadata: LogEnvelope;
}

/** An append ready to write: the log events and the revision the log must be at. */
export interface PlannedAppend {
  records: LogRecord[];
  result: AppendResult;
  /** The log's last revision before this append (-1: the log is empty). */
  expectedLogRevision: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UTC, microseconds, fixed width: string order is time order. */
export function formatMicros(micros: bigint): string {
  const millis = micros / 1000n;
  const iso = new Date(Number(millis)).toISOString(); // 2022-11-03T09:15:02.123Z
  const sub = (micros % 1000n).toString().padStart(3, '0');
  return `${iso.slice(0, 23)}${sub}Z`;
}

export function parseMicros(recordedAt: string): bigint {
  const millis = BigInt(Date.parse(`${recordedAt.slice(0, 23)}Z`));
  return millis * 1000n + BigInt(recordedAt.slice(23, 26));
}

export function toRecordedEvent(record: LogRecord): RecordedEvent {
  const { ledger, metadata } = record.metadata;
  return {
    id: record.id,
    type: record.type,
    schemaVersion: ledger.schemaVersion,
    data: record.data,
    metadata,
    streamId: ledger.streamId,
    version: ledger.version,
    position: ledger.position,
    recordedAt: ledger.recordedAt,
  };
}

/**
 * In-memory index of the log, built by applying its records in order: stream versions and the
 * positions of each stream's events, event ids, idempotency keys, the last hash and time.
 * Every adapter instance keeps one and catches it up from the log before it decides anything.
 */
export class LedgerLogIndex {
  private readonly streams = new Map<string, number[]>();
  private readonly eventIds = new Map<string, number>();
  private readonly keys = new Map<string, { requestHash: string | null; result: StoredResult }>();
  private lastHash: Buffer = GENESIS_HASH;
  private lastRecordedMicros = 0n;
  private head = 0;

  /** Position of the last event applied (0: none); the log revision is head - 1. */
  get headPosition(): number {
    return this.head;
  }

  streamVersion(streamId: string): number {
    return this.streams.get(streamId)?.length ?? 0;
  }

  /** Global positions of a stream's events, version 1 first. */
  streamPositions(streamId: string): readonly number[] {
    return this.streams.get(streamId) ?? [];
  }

  positionOf(eventId: string): number | undefined {
    return this.eventIds.get(eventId.toLowerCase());
  }

  /** Applies the next record of the log; refuses a record out of order (a log that is not ours). */
  apply(record: LogRecord): void {
    const { ledger } = record.metadata ?? ({} as LogEnvelope);
    if (!ledger || ledger.position !== this.head + 1) {
      throw new Error(
        `the ledger log is not in order at position ${this.head + 1}: found ${ledger ? ledger.position : 'an event without a ledger envelope'}`,
      );
    }
    const positions = this.streams.get(ledger.streamId) ?? [];
    positions.push(ledger.position);
    this.streams.set(ledger.streamId, positions);
    this.eventIds.set(record.id.toLowerCase(), ledger.position);
    if (ledger.idempotency)
      this.keys.set(ledger.idempotency.key, { requestHash: ledger.idempotency.requestHash, result: ledger.idempotency.result });
    this.lastHash = Buffer.from(ledger.hash, 'hex');
    this.lastRecordedMicros = parseMicros(ledger.recordedAt);
    this.head = ledger.position;
  }

  /** The stored result of an earlier append with this key, or null. */
  findByIdempotencyKey(key: string): AppendResult | null {
    const stored = this.keys.get(key);
    return stored ? { ...stored.result, replayed: true, requestHash: stored.requestHash } : null;
  }

  /**
   * Decides an append against the index: a known idempotency key replays (or is refused for
   * another request), wrong expected versions and duplicate ids are refused, otherwise the log
   * records to write with their versions, positions, time and hash chain.
   * `nowMicros` is the adapter's clock; recorded time never goes backwards along the log.
   */
  plan(appends: StreamAppend[], options: AppendOptions, nowMicros: bigint): PlannedAppend | { replay: AppendResult } {
    validateAppends(appends);
    const { idempotencyKey: key, requestHash = null } = options;
    if (key !== undefined) {
      const stored = this.keys.get(key);
      if (stored) {
        if (requestHash !== null && stored.requestHash !== null && requestHash !== stored.requestHash)
          throw new IdempotencyKeyReusedError(key);
        return { replay: { ...stored.result, replayed: true } };
      }
    }
    for (const { streamId, expectedVersion } of appends) {
      const actual = this.streamVersion(streamId);
      if (expectedVersion === 'any') continue;
      const expected = expectedVersion === 'no_stream' ? 0 : expectedVersion;
      if (actual !== expected) throw new WrongExpectedVersionError(streamId, expectedVersion, actual);
    }
    for (const { events } of appends) {
      for (const event of events) {
        if (this.positionOf(event.id) !== undefined) throw new DuplicateEventIdError(event.id);
      }
    }

    const recordedAt = formatMicros(nowMicros > this.lastRecordedMicros ? nowMicros : this.lastRecordedMicros);
    let position = this.head;
    let previous = this.lastHash;
    const records: LogRecord[] = [];
    const refs: AppendedEventRef[] = [];
    const streamVersions: Record<string, number> = {};
    for (const { streamId, events } of appends) {
      let version = this.streamVersion(streamId);
      for (const event of events) {
        position += 1;
        version += 1;
        const recorded: RecordedEvent = { ...event, id: event.id.toLowerCase(), streamId, version, position, recordedAt };
        const hash = eventHash(recorded, previous);
        records.push({
          id: recorded.id,
          type: event.type,
          data: event.data,
          metadata: {
            ledger: {
              streamId,
              version,
              position,
              schemaVersion: event.schemaVersion,
              recordedAt,
              hash: hash.toString('hex'),
              previousHash: previous.toString('hex'),
            },
            metadata: event.metadata,
          },
        });
        refs.push({ id: recorded.id, streamId, version, position });
        previous = hash;
      }
      streamVersions[streamId] = version;
    }
    const stored: StoredResult = { events: refs, streamVersions, firstPosition: this.head + 1, lastPosition: position };
    if (key !== undefined && records.length > 0) records[0].metadata.ledger.idempotency = { key, requestHash, result: stored };
    return { records, result: { ...stored, replayed: false }, expectedLogRevision: this.head - 1 };
  }
}

/** Refuses what no store may accept, before anything is read or written. */
function validateAppends(appends: StreamAppend[]): void {
  const streams = new Set<string>();
  const ids = new Set<string>();
  for (const { streamId, expectedVersion, events } of appends) {
    if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
    if (streams.has(streamId)) throw new TypeError(`appendMany: stream ${streamId} appears more than once`);
    streams.add(streamId);
    if (!(expectedVersion === 'any' || expectedVersion === 'no_stream' || (Number.isInteger(expectedVersion) && expectedVersion >= 0))) {
      throw new TypeError(`expectedVersion of ${streamId} must be 'any', 'no_stream' or an integer >= 0`);
    }
    for (const event of events) {
      if (!UUID.test(event.id)) throw new TypeError(`event id ${String(event.id)} is not a UUID`);
      const id = event.id.toLowerCase();
      if (ids.has(id)) throw new DuplicateEventIdError(event.id);
      ids.add(id);
    }
  }
}
