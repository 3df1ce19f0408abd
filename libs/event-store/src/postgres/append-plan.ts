import { DuplicateEventIdError, WrongExpectedVersionError } from '../port/errors';
import type { AppendResult, AppendedEventRef, ExpectedVersion, StreamAppend } from '../port/event-store.port';
import { canonicalJsonOfPlain } from '../integrity/canonical-json';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An event ready for INSERT: serialised and normalised before the head lock is taken, so the lock is held briefly. */
interface PreparedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  /**
   * Whether data and metadata are their RFC 8785 text (canonicalJsonOfPlain), which the leaf text then takes as it
   * is; otherwise they are JSON.stringify's text, canonicalised from JSON.parse of it. The stored jsonb is the same.
   */
  canonical: boolean;
}

/**
 * Calls of up to this many events serialise their data and metadata straight to RFC 8785 text (they go by the append
 * functions, whose leaf text needs it before the lock); bigger ones, likely bulk imports by COPY, keep
 * JSON.stringify (several times faster than the canonical walk) and are canonicalised when hashed.
 */
const CANONICAL_EVENTS = 100;

export interface PreparedAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: PreparedEvent[];
}

/** Column arrays for one multi-row INSERT ... SELECT FROM unnest(...). */
export interface EventColumns {
  positions: number[];
  ids: string[];
  streamIds: string[];
  versions: number[];
  types: string[];
  schemaVersions: number[];
  data: string[];
  metadata: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkExpectedVersion(streamId: string, expected: unknown): asserts expected is ExpectedVersion {
  if (expected === 'any' || expected === 'no_stream') return;
  if (typeof expected === 'number' && Number.isInteger(expected) && expected >= 0) return;
  throw new TypeError(`stream ${streamId}: expected version must be 'any', 'no_stream' or an integer >= 0, got ${String(expected)}`);
}

/**
 * Validates and serialises a request. Refusing malformed input here, before a connection is
 * taken, gives errors that name the culprit instead of a PostgreSQL cast error.
 * The same stream twice in one call is refused: its expected versions would be ambiguous.
 */
export function prepareAppends(appends: StreamAppend[]): PreparedAppend[] {
  const streams = new Set<string>();
  const ids = new Set<string>();
  const canonical = countRequested(appends) <= CANONICAL_EVENTS;
  return appends.map(({ streamId, expectedVersion, events }) => {
    if (typeof streamId !== 'string' || streamId === '') throw new TypeError('streamId must be a non-empty string');
    if (streams.has(streamId)) {
      throw new Error(`appendMany: stream ${streamId} appears more than once; put all its events in one StreamAppend`);
    }
    streams.add(streamId);
    checkExpectedVersion(streamId, expectedVersion);
    if (!Array.isArray(events)) throw new TypeError(`stream ${streamId}: events must be an array`);
    const prepared = events.map((event): PreparedEvent => {
      if (!isUuid(event.id)) throw new TypeError(`event id ${String(event.id)} is not a UUID`);
      const id = event.id.toLowerCase(); // PostgreSQL prints uuids in lower case; results must match reads
      if (ids.has(id)) throw new DuplicateEventIdError(event.id);
      ids.add(id);
      if (typeof event.type !== 'string' || event.type === '') throw new TypeError(`event ${id}: type must be a non-empty string`);
      if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
        throw new TypeError(`event ${id}: schemaVersion must be an integer >= 1`);
      }
      if (!isPlainObject(event.data)) throw new TypeError(`event ${id}: data must be a JSON object`);
      if (!isPlainObject(event.metadata)) throw new TypeError(`event ${id}: metadata must be a JSON object`);
      const data = canonical ? canonicalJsonOfPlain(event.data) : undefined;
      const metadata = data === undefined ? undefined : canonicalJsonOfPlain(event.metadata);
      if (data !== undefined && metadata !== undefined)
        return { id, type: event.type, schemaVersion: event.schemaVersion, data, metadata, canonical };
      return {
        id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        canonical: false,
      };
    });
    return { streamId, expectedVersion, events: prepared };
  });
}

/** Events requested (before validation: whatever is not an array counts as none, and is refused below). */
function countRequested(appends: StreamAppend[]): number {
  let n = 0;
  for (const { events } of appends) n += Array.isArray(events) ? events.length : 0;
  return n;
}

export function countEvents(appends: PreparedAppend[]): number {
  return appends.reduce((n, a) => n + a.events.length, 0);
}

/** Throws WrongExpectedVersionError for the first stream whose actual version does not match. */
export function checkExpectedVersions(appends: PreparedAppend[], actual: Map<string, number>): void {
  for (const { streamId, expectedVersion } of appends) {
    if (expectedVersion === 'any') continue;
    const current = actual.get(streamId) ?? 0;
    const wanted = expectedVersion === 'no_stream' ? 0 : expectedVersion;
    if (current !== wanted) throw new WrongExpectedVersionError(streamId, expectedVersion, current);
  }
}

/**
 * Gives the events consecutive positions ending at `lastPosition` (the head after the
 * increment) and consecutive versions per stream. For an empty append the range is empty:
 * firstPosition = lastPosition + 1, so lastPosition - firstPosition + 1 is always the count.
 */
export function planAppend(
  appends: PreparedAppend[],
  actual: Map<string, number>,
  lastPosition: number,
): { result: AppendResult; columns: EventColumns } {
  const columns: EventColumns = {
    positions: [],
    ids: [],
    streamIds: [],
    versions: [],
    types: [],
    schemaVersions: [],
    data: [],
    metadata: [],
  };
  const refs: AppendedEventRef[] = [];
  const streamVersions: Record<string, number> = {};
  const firstPosition = lastPosition - countEvents(appends) + 1;
  let position = firstPosition;
  for (const { streamId, events } of appends) {
    let version = actual.get(streamId) ?? 0;
    for (const event of events) {
      version += 1;
      refs.push({ id: event.id, streamId, version, position });
      columns.positions.push(position);
      columns.ids.push(event.id);
      columns.streamIds.push(streamId);
      columns.versions.push(version);
      columns.types.push(event.type);
      columns.schemaVersions.push(event.schemaVersion);
      columns.data.push(event.data);
      columns.metadata.push(event.metadata);
      position += 1;
    }
    streamVersions[streamId] = version;
  }
  return { result: { events: refs, streamVersions, firstPosition, lastPosition, replayed: false }, columns };
}
