import type { RecordedEvent } from '@renja/event-store';
import type { LedgerEntry } from './report';
import { validateFilter, type Selection } from './selection';

/** JSON Lines: this header first, then one EventLine per event in position order (docs/verification.md). */
export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: 1;
  origin: string;
  /** The key the exporter says signed the checkpoint; informational only, a verifier brings its own. */
  verifierKey: string;
  /** The signed checkpoint note (C2SP tlog-checkpoint) the events are verified against. */
  checkpoint: string;
  filter: Selection;
}

export interface EventLine {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: RecordedEvent['metadata'];
  recordedAt: string;
  /** Lowercase hex; 64 zeros before position 1. */
  previousHash: string;
  hash: string;
  /** Partial exports: the RFC 9162 inclusion proof of `hash` at index position − 1 in the checkpoint's tree, base64. */
  inclusionProof?: string[];
}

export const EXPORT_FORMAT = 'renja-ledger-export';

/** A file the verifier cannot read as an export at all: a usage problem, not a tampered ledger. */
export class ExportFormatError extends Error {
  override readonly name = 'ExportFormatError';
}

export function eventLine(event: RecordedEvent, previousHash: Buffer | null, hash: Buffer | null, proof?: Buffer[]): EventLine {
  const line: EventLine = {
    position: event.position,
    eventId: event.id,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    previousHash: previousHash ? previousHash.toString('hex') : '',
    hash: hash ? hash.toString('hex') : '',
  };
  return proof ? { ...line, inclusionProof: proof.map((p) => p.toString('base64')) } : line;
}

export function parseHeader(text: string): ExportHeader {
  let header: Partial<ExportHeader>;
  try {
    header = JSON.parse(text) as Partial<ExportHeader>;
  } catch {
    throw new ExportFormatError('the first line is not JSON: not a renja-ledger export');
  }
  if (header?.format !== EXPORT_FORMAT) throw new ExportFormatError(`not a ${EXPORT_FORMAT} file`);
  if (header.version !== 1) throw new ExportFormatError(`unsupported export version ${String(header.version)}`);
  if (typeof header.checkpoint !== 'string') throw new ExportFormatError('the header has no checkpoint');
  try {
    const filter = header.filter === 'all' ? 'all' : validateFilter(header.filter ?? {});
    return { ...(header as ExportHeader), filter };
  } catch (error) {
    throw new ExportFormatError(`the header's filter is invalid: ${(error as Error).message}`);
  }
}

const HEX32 = /^[0-9a-f]{64}$/;
/** Absent or empty: no hash at all (null); anything else that is not 64 lowercase hex digits: an empty, never-matching hash. */
function hash(value: unknown): Buffer | null {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' && HEX32.test(value) ? Buffer.from(value, 'hex') : Buffer.alloc(0);
}
const int = (value: unknown, name: string): number => {
  if (!Number.isSafeInteger(value)) throw new Error(`${name} is not an integer`);
  return value as number;
};
const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string') throw new Error(`${name} is not a string`);
  return value;
};

/** An event line as a LedgerEntry; throws (naming the field) on a line that is not one. */
export function parseEventLine(line: string): LedgerEntry {
  const v = JSON.parse(line) as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
  const position = int(v.position, 'position');
  const event: RecordedEvent = {
    position,
    id: text(v.eventId, 'eventId'),
    streamId: text(v.streamId, 'streamId'),
    version: int(v.version, 'version'),
    type: text(v.type, 'type'),
    schemaVersion: int(v.schemaVersion, 'schemaVersion'),
    data: v.data as RecordedEvent['data'],
    metadata: v.metadata as RecordedEvent['metadata'],
    recordedAt: text(v.recordedAt, 'recordedAt'),
  };
  const proof = v.inclusionProof;
  if (proof !== undefined && (!Array.isArray(proof) || proof.some((p) => typeof p !== 'string')))
    throw new Error('inclusionProof is not a list of base64 strings');
  return {
    position,
    event,
    hash: hash(v.hash),
    previousHash: hash(v.previousHash),
    ...(proof !== undefined && { inclusionProof: (proof as string[]).map((p) => Buffer.from(p, 'base64')) }),
  };
}
