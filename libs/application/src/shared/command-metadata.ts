import type { Principal } from './principal';

/** What every command carries besides its payload: who, which request chain, and concurrency controls. */
export interface CommandMetadata {
  /** The verified identity acting; its name is recorded as the event's actor and its roles are checked. */
  principal: Principal;
  correlationId: string;
  causationId?: string | null;
  /** Re-sending the same key returns the first result and writes nothing. */
  idempotencyKey?: string;
  /** Fingerprint of the request, to refuse a key reused for a different request. */
  requestHash?: string;
  /** From If-Match: the version the client last saw of the stream it writes. */
  expectedVersion?: number;
}

export interface CommandResult {
  eventIds: string[];
  /** Stream version after the write, per stream written (the ETag of a line is its version). */
  streamVersions: Record<string, number>;
  /** Global position of the last event written. */
  position: number;
  /** True when an earlier request with the same idempotency key produced this result. */
  replayed: boolean;
}
