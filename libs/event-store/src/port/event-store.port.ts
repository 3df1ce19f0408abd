/**
 * The event-store port. Everything the ledger knows is an event appended here; nothing
 * appended is ever changed or removed. Implementations: PostgreSQL (the embedded default)
 * and, later, EventStoreDB. Both must pass the contract suite in ../testing.
 */

/** The legal instrument behind a change (dasar hukum): Perda, Perkada, DPA, PMK, ... */
export interface LegalBasis {
  kind: string;
  number: string;
  /** ISO date, YYYY-MM-DD */
  date: string;
}

/** Who, why and when (valid time) for an event. The recorded time is never part of this: the store sets it. */
export interface EventMetadata {
  actor: string;
  correlationId: string;
  causationId?: string | null;
  /** Valid time: when the change took legal effect (ISO date YYYY-MM-DD). */
  effectiveDate?: string | null;
  legalBasis?: LegalBasis | null;
  reason?: string | null;
}

/** JSON-serialisable payload. Amounts inside are decimal strings, never numbers. */
export type EventData = Record<string, unknown>;

export interface NewEvent<D extends EventData = EventData> {
  /** Unique id (UUID) chosen by the writer; a second event with the same id is refused. */
  id: string;
  /** Stable type string, e.g. "pagu.changed"; never derived from a class name. */
  type: string;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
}

export interface RecordedEvent<D extends EventData = EventData> extends NewEvent<D> {
  streamId: string;
  /** 1-based version of the event inside its stream. */
  version: number;
  /** Global position: 1-based, gap-free, in commit order. */
  position: number;
  /** System time, set by the database: ISO 8601 UTC with microseconds, e.g. 2022-11-03T09:15:02.123456Z */
  recordedAt: string;
}

/**
 * Expected version of a stream before an append:
 * - a number N: the stream's last version must be exactly N (0 = the stream must not exist yet);
 * - 'no_stream': the stream must not exist;
 * - 'any': no check.
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface StreamAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
}

export interface AppendOptions {
  /** Re-sending the same key returns the first append's result and writes nothing. */
  idempotencyKey?: string;
  /** Fingerprint of the request behind the key; the same key with another fingerprint is refused. */
  requestHash?: string;
}

export interface AppendedEventRef {
  id: string;
  streamId: string;
  version: number;
  position: number;
}

export interface AppendResult {
  /** The appended events in position order. */
  events: AppendedEventRef[];
  /** Last version of each stream written, after the append. */
  streamVersions: Record<string, number>;
  firstPosition: number;
  lastPosition: number;
  /** True when this result is the stored result of an earlier append with the same idempotency key. */
  replayed: boolean;
  /** The request fingerprint stored with the idempotency key, when one was given (findByIdempotencyKey). */
  requestHash?: string | null;
}

export interface ReadStreamOptions {
  /** First version to return (inclusive); default 1. */
  fromVersion?: number;
  limit?: number;
}

export interface ReadAllOptions {
  /** Return events with position strictly greater than this; default 0 (from the start). */
  after?: number;
  /** Batch size; default 1000. */
  limit?: number;
}

export interface SubscriptionOptions {
  /** Deliver events with position strictly greater than this. */
  after: number;
  batchSize?: number;
  /** Called with each batch, in position order; the next batch waits for the promise. */
  handler: (events: RecordedEvent[]) => Promise<void>;
  /**
   * Called for each failed read or handler call. The subscription does not stop: it waits
   * `retry.delayMs` (growing backoff with jitter) and reads again from `retry.position`, so the
   * failed batch is delivered again; it keeps trying until it succeeds or stop() is called.
   */
  onError?: (error: unknown, retry: SubscriptionRetry) => void;
  /** Called once a read or handler call succeeds again after failures. */
  onRecovered?: (recovery: SubscriptionRecovery) => void;
  /** Backoff between retries: the first wait about initialDelayMs (default 200), doubling up to maxDelayMs (default 10 000). */
  retry?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Names the subscription in the warnings it emits when no onError/onRecovered is given. */
  name?: string;
}

export interface SubscriptionRetry {
  /** 1 for the first failure in a row. */
  attempt: number;
  delayMs: number;
  /** The position the subscription resumes after. */
  position: number;
}

export interface SubscriptionRecovery {
  /** Failures in a row before this success. */
  attempts: number;
  /** Milliseconds since the first of them. */
  downMs: number;
  position: number;
}

export interface Subscription {
  /** Position of the last event handed to the handler. */
  readonly position: number;
  /** Resolves once the subscription has delivered everything committed when it started. */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  /** Atomic append to one stream. */
  append(streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Atomic append to several streams in one transaction: all events commit or none. */
  appendMany(appends: StreamAppend[], options?: AppendOptions): Promise<AppendResult>;
  /** The stored result of an earlier append with this idempotency key, or null. */
  findByIdempotencyKey(key: string): Promise<AppendResult | null>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Whole streams at once (an import loads thousands): each id maps to its events in version order,
   * an unknown stream to an empty list. Every id given is a key of the result.
   */
  readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Last version of a stream; 0 when the stream does not exist. */
  streamVersion(streamId: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last committed event; 0 for an empty store. */
  headPosition(): Promise<number>;
  findEvent(eventId: string): Promise<RecordedEvent | null>;
  /** Catch-up subscription to the global log: reads history from `after`, then follows live appends. */
  subscribeToAll(options: SubscriptionOptions): Subscription;
  close(): Promise<void>;
}
