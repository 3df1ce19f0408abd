import type { Pool, PoolClient } from 'pg';
import { IdempotencyKeyReusedError } from '../port/errors';
import type {
  AppendOptions,
  AppendResult,
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
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import { checkExpectedVersions, countEvents, isUuid, planAppend, prepareAppends } from './append-plan';
import { PgChangeNotifier } from './change-notifier';
import { LEDGER_NOTIFY_CHANNEL } from './schema';
import { eventHash } from '../integrity/event-hash';
import { extendTree } from '../integrity/merkle-frontier';
import * as sql from './sql';

export interface PostgresEventStoreOptions {
  /** Fallback poll interval of subscriptions, for a missed or lost notification; default 1000 ms. */
  pollIntervalMs?: number;
  /** Default batch size of subscriptions; default 500. */
  subscriptionBatchSize?: number;
  /**
   * An append transaction idle for longer than this (a frozen client holding the head, which
   * blocks every writer) is ended by PostgreSQL; default 5000 ms.
   */
  appendIdleTimeoutMs?: number;
}

/** Outcome of the work inside an append transaction: a replay rolls back what it started. */
type TransactionOutcome<T> = { value: T; commit: boolean };

function integerAtLeast(min: number, name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw new TypeError(`${name} must be an integer >= ${min}, got ${String(v)}`);
  return v;
}
const nonNegativeInteger = integerAtLeast.bind(null, 0);

/**
 * The event store on PostgreSQL (schema: ./schema.ts). Global positions are handed out by the
 * single ledger_head row, whose lock every append holds until COMMIT: positions are gap-free
 * and in commit order, so "everything after N" never misses an event that commits later.
 *
 * The pool belongs to the caller: close() stops subscriptions but does not end the pool.
 * Live subscriptions open one extra connection (LISTEN) outside the pool, with the pool's options.
 */
export class PostgresEventStore implements EventStore {
  private readonly notifier: PgChangeNotifier;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private readonly subscriptionBatchSize: number;
  private readonly begin: string;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.notifier = new PgChangeNotifier(pool, LEDGER_NOTIFY_CHANNEL);
    this.pollIntervalMs = nonNegativeInteger('pollIntervalMs', options.pollIntervalMs, 1000);
    this.subscriptionBatchSize = integerAtLeast(1, 'subscriptionBatchSize', options.subscriptionBatchSize, 500);
    this.begin = sql.begin(integerAtLeast(1, 'appendIdleTimeoutMs', options.appendIdleTimeoutMs, 5000));
  }

  append(streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.appendMany([{ streamId, expectedVersion, events }], options);
  }

  /**
   * One transaction, three statements while the head is held: take the head (serialises
   * appends), read stream versions and the idempotency key (a known key rolls back and replays),
   * write all events plus the key's result in one statement; then COMMIT.
   * An empty append checks the expected versions and writes nothing (positions: an empty range).
   */
  async appendMany(appends: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppends(appends);
    const { idempotencyKey: key = null, requestHash = null } = options;
    return this.inTransaction(async (client) => {
      const head = await client.query<sql.HeadRow>({ ...sql.TAKE_HEAD, values: [countEvents(prepared)] });
      const lastPosition = Number(head.rows[0].position);
      // A separate statement from the UPDATE, so its snapshot includes the append we waited for.
      const state = await client.query<sql.AppendStateRow>({
        ...sql.APPEND_STATE,
        values: [prepared.map((a) => a.streamId), key],
      });
      const { versions, request_hash, result: stored } = state.rows[0];
      if (key !== null && stored !== null) {
        if (requestHash !== null && request_hash !== null && request_hash !== requestHash) throw new IdempotencyKeyReusedError(key);
        return { value: sql.replayedResult(stored), commit: false };
      }
      const actual = new Map(prepared.map((a, i) => [a.streamId, Number(versions[i])]));
      checkExpectedVersions(prepared, actual);
      const { result, columns: c } = planAppend(prepared, actual, lastPosition);
      if (c.positions.length > 0 || key !== null) {
        const keyed = key === null ? [null, null, null] : [key, requestHash, JSON.stringify(sql.storedResult(result))];
        const written = await client.query<sql.EventRow>({
          ...sql.WRITE_APPEND,
          values: [c.positions, c.ids, c.streamIds, c.versions, c.types, c.schemaVersions, c.data, c.metadata, ...keyed],
        });
        if (written.rows.length > 0) await this.extendHashChain(client, head.rows[0], written.rows.map(sql.toRecordedEvent));
      }
      return { value: result, commit: true };
    });
  }

  /**
   * Chains the new events' hashes to the last one and adds them as leaves of the Merkle tree,
   * storing every node they complete, inside the append transaction (docs/verification.md).
   */
  private async extendHashChain(client: PoolClient, head: sql.HeadRow, events: RecordedEvent[]): Promise<void> {
    let previous: Buffer = head.last_hash;
    const leaves = events.map((event) => (previous = eventHash(event, previous)));
    const size = events[0].position - 1;
    const tree = extendTree(size, head.peaks, leaves);
    await client.query({
      ...sql.WRITE_TREE,
      values: [tree.nodes.map((n) => n.level), tree.nodes.map((n) => n.idx), tree.nodes.map((n) => n.hash), tree.peaks, previous],
    });
  }

  /** The stored result, marked replayed, with the request hash it was stored with (null if none). */
  async findByIdempotencyKey(key: string): Promise<AppendResult | null> {
    const { rows } = await this.pool.query<{ request_hash: string | null; result: sql.StoredAppendResult }>({
      ...sql.FIND_IDEMPOTENCY,
      values: [key],
    });
    return rows.length === 0 ? null : { ...sql.replayedResult(rows[0].result), requestHash: rows[0].request_hash };
  }

  /** Events of one stream in version order, from `fromVersion` (inclusive, default 1); no limit by default. */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const fromVersion = nonNegativeInteger('fromVersion', options.fromVersion, 1);
    const limit = options.limit === undefined ? null : nonNegativeInteger('limit', options.limit, 0);
    const { rows } = await this.pool.query<sql.EventRow>({ ...sql.READ_STREAM, values: [streamId, fromVersion, limit] });
    return rows.map(sql.toRecordedEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>({ ...sql.STREAM_VERSION, values: [streamId] });
    return rows.length === 0 ? 0 : Number(rows[0].version);
  }

  /**
   * Committed events with position > after. Safe to poll: a position becomes visible only after
   * every smaller one, because positions are taken under a lock held until commit.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = nonNegativeInteger('after', options.after, 0);
    const limit = nonNegativeInteger('limit', options.limit, 1000);
    const { rows } = await this.pool.query<sql.EventRow>({ ...sql.READ_ALL, values: [after, limit] });
    return rows.map(sql.toRecordedEvent);
  }

  /** The committed head: ledger_head changes only inside append transactions, so we read committed values. */
  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(sql.HEAD_POSITION);
    return Number(rows[0].position);
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    if (!isUuid(eventId)) return null; // not a uuid: cannot be in the store (and would be a cast error)
    const { rows } = await this.pool.query<sql.EventRow>({ ...sql.FIND_EVENT, values: [eventId] });
    return rows.length === 0 ? null : sql.toRecordedEvent(rows[0]);
  }

  subscribeToAll(options: SubscriptionOptions): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(
      {
        read: (after, limit) => this.readAll({ after, limit }),
        wakeups: this.notifier,
        pollIntervalMs: this.pollIntervalMs,
        defaultBatchSize: this.subscriptionBatchSize,
      },
      options,
      (finished) => this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops every subscription and the LISTEN connection. The pool is left to its owner. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.notifier.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresEventStore is closed');
  }

  /** Any failure rolls back everything, the head increment included: the store is left exactly as before. */
  private async inTransaction<T>(work: (client: PoolClient) => Promise<TransactionOutcome<T>>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // pg emits 'error' on a checked-out client whose connection dies; unheard, it would crash the process.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query(this.begin);
      const { value, commit } = await work(client);
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken ??= rollbackError; // the connection is unusable: the pool must discard it
      });
      throw sql.mapAppendError(error);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
