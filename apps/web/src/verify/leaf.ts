/**
 * Leaf bytes and hashes (docs/verification.md §1–§2): the UTF-8 of the RFC 8785 serialisation of
 * an event's ten members; leaf hash = SHA-256(0x00 || bytes), node hash = SHA-256(0x01 || l || r).
 */
import { sha256, utf8 } from './bytes';
import { canonicalJson } from './canonical-json';

/** One event line of an export (docs/verification.md §4). `hash` and `inclusionProof` are not part of the leaf. */
export interface EvidenceEvent {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
  /** 64 lowercase hex digits: the hash of position − 1 (64 zeros for position 1). */
  previousHash: string;
  /** 64 lowercase hex digits: the hash the ledger stored for this event. */
  hash: string;
  /** RFC 9162 inclusion proof of `hash` at index position − 1 in the checkpoint's tree, base64 nodes. */
  inclusionProof: string[];
}

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** The canonical JSON text of an event's leaf (exactly ten members, whatever else the line holds). */
export function leafText(event: EvidenceEvent): string {
  const { position, eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt, previousHash } = event;
  return canonicalJson({ position, eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt, previousHash });
}

export const leafBytes = (event: EvidenceEvent): Uint8Array => utf8(leafText(event));

/** RFC 6962 leaf hash: SHA-256(0x00 || bytes). */
export const leafHash = (bytes: Uint8Array): Promise<Uint8Array> => sha256(LEAF_PREFIX, bytes);

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Promise<Uint8Array> => sha256(NODE_PREFIX, left, right);

/** The event's hash recomputed from its content and the previousHash it states. */
export const eventHash = (event: EvidenceEvent): Promise<Uint8Array> => leafHash(leafBytes(event));
