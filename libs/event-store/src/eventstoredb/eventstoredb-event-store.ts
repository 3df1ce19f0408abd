import {
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  Subscription,
  SubscriptionOptions,
} from '../port/event-store.port';
import { EventStoreError } from '../port/errors';
import type { WakeSource } from '../subscription/catch-up-subscription';
import { SubscriptionSet } from '../subscription/subscription-set';
import { LedgerLogIndex, toRecordedEvent, type LogEnvelope, type LogRecord } from './ledger-log';

export interface EventStoreDbEventStoreOptions {
  /** The EventStoreDB stream that holds the ledger log; default "renja-ledger". One ledger, one log. */
  logStream?: string;
  /** How often an append retries after another writer moved the log first; default 50. */
  maxAppendAttempts?: number;
  /** Poll interval of subscriptions between reads of the log's tail; default 200 ms. */
  pollIntervalMs?: number;
  /** Default batch size of reads and subscriptions; default 500. */
  batchSize?: number;
}

/** Subscriptions here are woken by this process's own appends and otherwise poll the log's tail. */
class LocalWakeups implements WakeSource {
  private readonly listeners = new Set<() => void>();
  add(listener: () => void): Promise<void> {
    this.listeners.add(listener);
    return Promise.resolve();
  }
  remove(listener: () => void): Promise<void> {
    this.listeners.delete(listener);
    return Promise.resolve();
  }
  wake(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Microseconds since the epoch from this process's clock (ms resolution plus a monotonic sub-ms part). */
function nowMicros(): bigint {
  return BigInt(Date.now()) * 1000n + BigInt(Math.floor((performance.now() % 1) * 1000));
}

/**
 * The event-store port on EventStoreDB (KurrentDB), for deployments that outgrow one
 * PostgreSQL node: the log lives in a replicated EventStoreDB cluster while read models stay
 * in PostgreSQL. How it keeps the port's promises is explained in ./ledger-log.ts; it passes
 * the same contract suite as the PostgreSQL store (run it with EVENTSTORE_URL set).
 *
 * Appends from this process go one at a time (a local queue), appends from other processes
 * are serialised by the log's expected revision: a writer that lost the race catches up and
 * decides again, so a wrong expected version is still reported against the true state.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly index = new LedgerLogIndex();
  private readonly logStream: string;
  private readonly maxAppendAttempts: number;
  private readonly batchSize: number;
  private readonly wakeups = new LocalWakeups();
  private readonly subscriptions: SubscriptionSet;
  private queue: Promise<unknown> = Promise.resolve();
  private catchingUp: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.logStream = options.logStream ?? 'renja-ledger';
    this.maxAppendAttempts = options.maxAppendAttempts ?? 50;
    this.batchSize = options.batchSize ?? 500;
    this.subscriptions = new SubscriptionSet({
      read: (after, limit) => this.readAll({ after, limit }),
      wakeups: this.wakeups,
      pollIntervalMs: options.pollIntervalMs ?? 200,
      defaultBatchSize: this.batchSize,
    });
  }

  /** Connects with an EventStoreDB connection string, e.g. esdb://localhost:2113?tls=false. */
  static connect(connectionString: string, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  append(streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.appendMany([{ streamId, expectedVersion, events }], options);
  }

  appendMany(appends: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const run = this.queue.then(() => this.appendNow(appends, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(appends: StreamAppend[], options: AppendOptions): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      await this.catchUp();
      const planned = this.index.plan(appends, options, nowMicros());
      if ('replay' in planned) return planned.replay;
      if (planned.records.length === 0) return planned.result;
      try {
        await this.client.appendToStream(
          this.logStream,
          planned.records.map((r) => jsonEvent({ id: r.id, type: r.type, data: r.data as never, metadata: r.metadata as never })),
          { expectedRevision: planned.expectedLogRevision < 0 ? NO_STREAM : BigInt(planned.expectedLogRevision) },
        );
      } catch (error) {
        // Another writer appended to the log first: catch up and decide again against the new state.
        if (error instanceof EsdbWrongExpectedVersionError && attempt < this.maxAppendAttempts) continue;
        if (error instanceof EsdbWrongExpectedVersionError) {
          throw new EventStoreError(`the ledger log kept moving: gave up after ${attempt} attempts`);
        }
        throw error;
      }
      await this.catchUp();
      this.wakeups.wake();
      return planned.result;
    }
  }

  async findByIdempotencyKey(key: string): Promise<AppendResult | null> {
    await this.catchUp();
    return this.index.findByIdempotencyKey(key);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    await this.catchUp();
    const from = Math.max(1, options.fromVersion ?? 1);
    const positions = this.index
      .streamPositions(streamId)
      .slice(from - 1, options.limit === undefined ? undefined : from - 1 + options.limit);
    return Promise.all(positions.map((position) => this.readAt(position)));
  }

  /** Stream by stream, six at a time (each stream is one round trip per event read). */
  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>(streamIds.map((id) => [id, []]));
    const queue = [...streams.keys()];
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) streams.set(id, await this.readStream(id));
    };
    await Promise.all(Array.from({ length: Math.min(6, queue.length) }, worker));
    return streams;
  }

  async streamVersion(streamId: string): Promise<number> {
    await this.catchUp();
    return this.index.streamVersion(streamId);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const records = await this.readLog(options.after ?? 0, options.limit ?? 1000);
    return records.map(toRecordedEvent);
  }

  async headPosition(): Promise<number> {
    await this.catchUp();
    return this.index.headPosition;
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    await this.catchUp();
    const position = this.index.positionOf(eventId);
    return position === undefined ? null : this.readAt(position);
  }

  subscribeToAll(options: SubscriptionOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.open(options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    await this.queue;
    await this.client.dispose();
  }

  /** Applies every log record after the index's head; concurrent callers share one catch-up. */
  private catchUp(): Promise<void> {
    if (!this.catchingUp) {
      this.catchingUp = (async () => {
        for (;;) {
          const records = await this.readLog(this.index.headPosition, this.batchSize);
          for (const record of records) this.index.apply(record);
          if (records.length < this.batchSize) return;
        }
      })().finally(() => {
        this.catchingUp = null;
      });
    }
    return this.catchingUp;
  }

  /** Records with position > after (log revision >= after), at most `limit`. */
  private async readLog(after: number, limit: number): Promise<LogRecord[]> {
    const records: LogRecord[] = [];
    try {
      for await (const resolved of this.client.readStream(this.logStream, { fromRevision: BigInt(after), maxCount: limit })) {
        records.push(toLogRecord(resolved));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return records;
  }

  private async readAt(position: number): Promise<RecordedEvent> {
    const [record] = await this.readLog(position - 1, 1);
    if (!record || record.metadata.ledger.position !== position)
      throw new EventStoreError(`the ledger log has no event at position ${position}`);
    return toRecordedEvent(record);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreError('the event store is closed');
  }
}

function toLogRecord(resolved: ResolvedEvent): LogRecord {
  const event = resolved.event;
  if (!event || !event.isJson) throw new EventStoreError('the ledger log holds an event that is not JSON');
  return { id: event.id, type: event.type, data: event.data as EventData, metadata: event.metadata as unknown as LogEnvelope };
}
