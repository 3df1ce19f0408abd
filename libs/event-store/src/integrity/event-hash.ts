import { leafHashOfText } from '@renja/integrity';
import type { RecordedEvent } from '../port/event-store.port';
import { canonicalJson } from './canonical-json';

/** The previous hash of the first event: 32 zero bytes. */
export const GENESIS_HASH = Buffer.alloc(32);

const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);

/**
 * The RFC 8785 canonical JSON of an event's leaf (see eventLeafBytes). The members of the top level are
 * always the same ten, so for a well-formed event they are written in their sorted order directly; only
 * `data` and `metadata` go through the general canonicaliser. Anything unusual (a missing member, a
 * number where text belongs: an edited export line) takes the general path, which gives the same text.
 */
export function eventLeafText(event: RecordedEvent, previousHash: Buffer): string {
  const { position, id, streamId, version, type, schemaVersion, data, metadata, recordedAt } = event;
  if (!hasWellFormedHead(event) || data === undefined || metadata === undefined) {
    return canonicalJson({
      position,
      eventId: id,
      streamId,
      version,
      type,
      schemaVersion,
      data,
      metadata,
      recordedAt,
      previousHash: previousHash.toString('hex'),
    });
  }
  return leafTextOfCanonicalParts(event, canonicalJson(data), canonicalJson(metadata), previousHash);
}

/** Whether an event's members other than data and metadata have the types leafTextOfCanonicalParts writes directly. */
export function hasWellFormedHead(event: Omit<RecordedEvent, 'data' | 'metadata'>): boolean {
  const { position, id, streamId, version, type, schemaVersion, recordedAt } = event;
  return (
    isInteger(position) &&
    isInteger(version) &&
    isInteger(schemaVersion) &&
    typeof id === 'string' &&
    typeof streamId === 'string' &&
    typeof type === 'string' &&
    typeof recordedAt === 'string'
  );
}

/**
 * The leaf text of an event with a well-formed head (hasWellFormedHead) whose data and metadata are given
 * as their canonical JSON texts: the ten members written in their sorted order.
 */
export function leafTextOfCanonicalParts(
  event: Omit<RecordedEvent, 'data' | 'metadata'>,
  data: string,
  metadata: string,
  previousHash: Buffer,
): string {
  const { position, id, streamId, version, type, schemaVersion, recordedAt } = event;
  // Members sorted by UTF-16 code units: data, eventId, metadata, position, previousHash, recordedAt, schemaVersion, streamId, type, version.
  return (
    `{"data":${data},"eventId":${JSON.stringify(id)},"metadata":${metadata},"position":${position}` +
    `,"previousHash":"${previousHash.toString('hex')}","recordedAt":${JSON.stringify(recordedAt)},"schemaVersion":${schemaVersion}` +
    `,"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)},"version":${version}}`
  );
}

/**
 * The leaf bytes of an event (docs/verification.md): UTF-8 of the RFC 8785 canonical JSON of
 * everything that matters about it, including the previous event's hash — so the Merkle leaves
 * also form a hash chain, and changing, removing or reordering one event changes every hash after it.
 */
export function eventLeafBytes(event: RecordedEvent, previousHash: Buffer): Buffer {
  return Buffer.from(eventLeafText(event, previousHash), 'utf8');
}

/** The event's hash: its RFC 6962 leaf hash, SHA-256(0x00 || leaf bytes). */
export const eventHash = (event: RecordedEvent, previousHash: Buffer): Buffer => leafHashOfText(eventLeafText(event, previousHash));
