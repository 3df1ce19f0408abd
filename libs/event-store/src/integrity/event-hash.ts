import { leafHash } from '@renja/integrity';
import type { RecordedEvent } from '../port/event-store.port';
import { canonicalJson } from './canonical-json';

/** The previous hash of the first event: 32 zero bytes. */
export const GENESIS_HASH = Buffer.alloc(32);

/**
 * The leaf bytes of an event (docs/verification.md): UTF-8 of the RFC 8785 canonical JSON of
 * everything that matters about it, including the previous event's hash — so the Merkle leaves
 * also form a hash chain, and changing, removing or reordering one event changes every hash after it.
 */
export function eventLeafBytes(event: RecordedEvent, previousHash: Buffer): Buffer {
  return Buffer.from(
    canonicalJson({
      position: event.position,
      eventId: event.id,
      streamId: event.streamId,
      version: event.version,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
      recordedAt: event.recordedAt,
      previousHash: previousHash.toString('hex'),
    }),
    'utf8',
  );
}

/** The event's hash: its RFC 6962 leaf hash, SHA-256(0x00 || leaf bytes). */
export const eventHash = (event: RecordedEvent, previousHash: Buffer): Buffer => leafHash(eventLeafBytes(event, previousHash));
