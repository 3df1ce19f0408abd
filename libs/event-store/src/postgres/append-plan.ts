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
   * is; otherwise (what is not plainly JSON: a Date, a toJSON) they are JSON.stringify's text, canonicalised from
   * JSON.parse of it when hashed. The stored jsonb is the same either way.
   */
  canonical: boolean;
}

/**
 * The same text as one flat string. The canonical walk builds its text by concatenation, which V8 keeps as a
 * tree of the pieces until something reads it whole (COPY's escaping, the leaf hash): a bulk call would keep
 * tens of thousands of such trees alive until then, for the garbage collector to trace and move, and pay for
 * the flattening under the head lock. Converting a string to a number flattens it (the number is not used).
 */
function flat(text: string | undefined): string | undefined {
  if (text !== undefined) Number(text);
  return text;
}

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
  /** Per event: data and metadata are their RFC 8785 text (PreparedEvent.canonical), which the hash takes as it is. */
  canonical: boolean[];
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
      // Every call, however big: the hash needs this text anyway, and a bulk call would otherwise pay for
      // JSON.stringify here and JSON.parse and the canonical walk after the COPY, with the head locked.
      const data = flat(canonicalJsonOfPlain(event.data));
      const metadata = data === undefined ? undefined : flat(canonicalJsonOfPlain(event.metadata));
      if (data !== undefined && metadata !== undefined)
        return { id, type: event.type, schemaVersion: event.schemaVersion, data, metadata, canonical: true };
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
    canonical: [],
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
      columns.canonical.push(event.canonical);
      position += 1;
    }
    streamVersions[streamId] = version;
  }
  return { result: { events: refs, streamVersions, firstPosition, lastPosition, replayed: false }, columns };
}
