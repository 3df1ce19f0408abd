import type { Pool, PoolClient, QueryResult } from 'pg';
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
import { SubscriptionSet } from '../subscription/subscription-set';
import { countEvents, isUuid, prepareAppends, type EventColumns } from './append-plan';
import { groupKeys, groupStreams, planGroup, takeGroup, type GroupOutcome, type GroupWrite, type QueuedAppend } from './append-group';
import { writeGroupByCopy } from './append-copy';
import {
  APPEND_FUNCTION,
  appendFunctionValues,
  isAppendFunctionUnavailable,
  loneFunctionOutcome,
  type AppendFunctionRow,
} from './append-function';
import { APPEND_ONE_FUNCTION, appendOneFunctionValues, isOneEvent } from './append-one-function';
import {
  APPEND_GROUP_FUNCTION,
  appendGroupFunctionValues,
  groupFunctionOutcomes,
  type AppendGroupFunctionRow,
} from './append-group-function';
import { PgChangeNotifier } from './change-notifier';
import { LEDGER_NOTIFY_CHANNEL } from './schema';
import { leafHashOfText } from '@renja/integrity';
import { eventHash, hasWellFormedHead, leafTextOfCanonicalParts } from '../integrity/event-hash';
import { extendTree } from '../integrity/merkle-frontier';
import * as sql from './sql';

/**
 * Extra idle time an append transaction is allowed per event it writes (see appendIdleTimeoutMs): room for a
 * machine loaded many times over (0.2 ms was exceeded by a 5,000-event group at a load average of 21 on 2 cores).
 */
const IDLE_MS_PER_EVENT = 1;

export interface PostgresEventStoreOptions {
  /** Fallback poll interval of subscriptions, for a missed or lost notification; default 1000 ms. */
  pollIntervalMs?: number;
  /** Default batch size of subscriptions; default 500. */
  subscriptionBatchSize?: number;
  /**
   * An append transaction idle for longer than this (a frozen client holding the head, which
   * blocks every writer) is ended by PostgreSQL; default 5000 ms. A group gets 1 ms more per event:
   * between its statements the store hashes and serialises every event (an import of 200,000 rows
   * may legitimately spend seconds there). A group below copyFromEvents events is one statement (ledger_append,
   * ledger_append_group): its transaction never waits on the client, so this timeout does not concern it.
   */
  appendIdleTimeoutMs?: number;
  /** Most calls committed in one group transaction; default 100 (1: no group commit). */
  maxGroupAppends?: number;
  /** Most events in one group transaction, unless a single call has more; default 5000. */
  maxGroupEvents?: number;
  /**
   * A group with at least this many events sends them with COPY FROM STDIN instead of one INSERT of
   * column arrays (a bulk import); default 1000. The rows and guarantees are the same either way.
   */
  copyFromEvents?: number;
}

/** Up to this many Merkle nodes are inlined into the COMMIT round trip. */
const INLINE_TREE_NODES = 512;

/** Leaves hashed before their Merkle nodes are sent (PostgresEventStore.extendTree). */
const TREE_PART_LEAVES = 4096;

/**
 * The hash of the i-th event of a group written at `recordedAt`: its RFC 8785 leaf text made around the data and
 * metadata text as sent when prepareAppends wrote that text, otherwise from JSON.parse of it (eventHash).
 */
function leafHashOf(c: EventColumns, i: number, recordedAt: string, previous: Buffer): Buffer {
  const head = {
    id: c.ids[i],
    streamId: c.streamIds[i],
    version: c.versions[i],
    position: c.positions[i],
    type: c.types[i],
    schemaVersion: c.schemaVersions[i],
    recordedAt,
  };
  if (c.canonical[i] && hasWellFormedHead(head)) return leafHashOfText(leafTextOfCanonicalParts(head, c.data[i], c.metadata[i], previous));
  const event: RecordedEvent = {
    ...head,
    data: JSON.parse(c.data[i]) as RecordedEvent['data'],
    metadata: JSON.parse(c.metadata[i]) as RecordedEvent['metadata'],
  };
  return eventHash(event, previous);
}

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation): caused by what one call sent. */
function isDataOrConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** Outcome of the work inside an append transaction: a replay rolls back what it started. */
type TransactionOutcome<T> = { value: T; commit: string | null };

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
  private readonly subscriptions: SubscriptionSet;
  private readonly appendIdleTimeoutMs: number;
  private readonly maxGroupAppends: number;
  private readonly maxGroupEvents: number;
  private readonly copyFromEvents: number;
  private readonly queue: QueuedAppend[] = [];
  /** Whether a lone call goes through the ledger_append function (off after it answered RJ001 or 42883). */
  private appendFunction = true;
  /** Whether a lone call of one event goes through ledger_append_one (off after it answered RJ001 or 42883: then ledger_append). */
  private oneFunction = true;
  /** Whether a group of several calls goes through the ledger_append_group function (likewise). */
  private groupFunction = true;
  private draining = false;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.notifier = new PgChangeNotifier(pool, LEDGER_NOTIFY_CHANNEL);
    const pollIntervalMs = nonNegativeInteger('pollIntervalMs', options.pollIntervalMs, 1000);
    const subscriptionBatchSize = integerAtLeast(1, 'subscriptionBatchSize', options.subscriptionBatchSize, 500);
    this.subscriptions = new SubscriptionSet({
      read: (after, limit) => this.readAll({ after, limit }),
      wakeups: this.notifier,
      pollIntervalMs,
      defaultBatchSize: subscriptionBatchSize,
    });
    this.appendIdleTimeoutMs = integerAtLeast(1, 'appendIdleTimeoutMs', options.appendIdleTimeoutMs, 5000);
    this.maxGroupAppends = integerAtLeast(1, 'maxGroupAppends', options.maxGroupAppends, 100);
    this.maxGroupEvents = integerAtLeast(1, 'maxGroupEvents', options.maxGroupEvents, 5000);
    this.copyFromEvents = integerAtLeast(1, 'copyFromEvents', options.copyFromEvents, 1000);
  }

  append(streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.appendMany([{ streamId, expectedVersion, events }], options);
  }

  /**
   * Atomic per call, committed in groups: calls that arrive while a transaction is running wait
   * in a queue and are written together by the next one (group commit). Each call is decided on
   * its own (expected versions, idempotency key); a refused call takes no position, and a call
   * that makes the group's statement fail is retried alone, so it cannot take its neighbours down.
   * An empty append checks the expected versions and writes nothing (positions: an empty range).
   */
  appendMany(appends: StreamAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    try {
      this.assertOpen();
      const prepared = prepareAppends(appends);
      const { idempotencyKey: key = null, requestHash = null } = options;
      return new Promise<AppendResult>((resolve, reject) => {
        this.queue.push({ appends: prepared, key, requestHash, eventCount: countEvents(prepared), resolve, reject });
        this.drainQueue();
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** One group transaction at a time per store; whatever queued meanwhile goes into the next one. */
  private drainQueue(): void {
    if (this.draining) return;
    this.draining = true;
    void (async () => {
      try {
        while (this.queue.length > 0) {
          // One turn of the event loop first: callers whose appends just committed (and anyone else
          // ready now) queue their next append in time to share this transaction.
          await new Promise<void>((resolve) => setImmediate(resolve));
          await this.commitGroup(takeGroup(this.queue, this.maxGroupAppends, this.maxGroupEvents));
        }
      } finally {
        this.draining = false;
      }
    })();
  }

  /** Settles every call of the group; never throws. */
  private async commitGroup(group: QueuedAppend[]): Promise<void> {
    // Below copyFromEvents events a group (or a call alone, the usual case with one writer) is one statement and one
    // round trip: ledger_append for a call alone, ledger_append_group for several. A bulk one goes by COPY.
    const events = group.reduce((n, queued) => n + queued.eventCount, 0);
    const lone = group.length === 1;
    if ((lone ? this.appendFunction : this.groupFunction) && events < this.copyFromEvents) {
      const one = lone && this.oneFunction && isOneEvent(group[0]);
      try {
        const outcomes = await this.appendByFunction(group, one);
        outcomes.forEach((outcome, i) => (outcome.ok ? group[i].resolve(outcome.result) : group[i].reject(outcome.error)));
        return;
      } catch (error) {
        if (one && isAppendFunctionUnavailable(error)) {
          // ledger_append writes this call and every later one (it answers the same RJ001, if that was the cause).
          this.oneFunction = false;
          return this.commitGroup(group);
        }
        if (isAppendFunctionUnavailable(error)) {
          // The group transaction below writes this group and every later one of its kind.
          if (lone) this.appendFunction = false;
          else this.groupFunction = false;
        } else if (!lone && isDataOrConstraintError(error)) {
          for (const queued of group) await this.commitGroup([queued]); // see below: only the call at fault fails
          return;
        } else {
          const mapped = sql.mapAppendError(error);
          group.forEach((queued) => queued.reject(mapped));
          return;
        }
      }
    }
    let outcomes: GroupOutcome[];
    try {
      outcomes = await this.inTransaction(group, (client, head, state) => this.writeGroup(client, group, head, state));
    } catch (error) {
      // Bad data or a constraint (SQLSTATE classes 22 and 23) belongs to one call: find it by running each alone.
      if (group.length > 1 && isDataOrConstraintError(error)) {
        for (const queued of group) await this.commitGroup([queued]);
        return;
      }
      const mapped = sql.mapAppendError(error);
      group.forEach((queued) => queued.reject(mapped));
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? group[i].resolve(outcome.result) : group[i].reject(outcome.error)));
  }

  /**
   * With the head locked and the versions and stored keys the group needs read (in the opening round
   * trip), decides each call, then writes all accepted events, their keys and the new head in one
   * statement, and the hash chain and Merkle nodes with the COMMIT. The lock is held for two round
   * trips after the one that takes it, however many calls the group has; a group of copyFromEvents
   * events or more is written by COPY (writeGroupByCopy: two round trips more, for thousands of events).
   */
  private async writeGroup(
    client: PoolClient,
    group: QueuedAppend[],
    head: sql.HeadRow,
    state: sql.AppendStateRow,
  ): Promise<TransactionOutcome<GroupOutcome[]>> {
    const streams = groupStreams(group);
    const { outcomes, write } = planGroup(
      group,
      {
        versions: new Map(streams.map((streamId, i) => [streamId, Number(state.versions[i])])),
        stored: new Map(state.stored.map((s) => [s.key, { requestHash: s.requestHash, result: s.result }])),
      },
      Number(head.position),
    );
    const c = write.columns;
    if (c.positions.length === 0 && write.keys.length === 0) return { value: outcomes, commit: null };
    const recordedAt =
      c.positions.length >= this.copyFromEvents ? await writeGroupByCopy(client, write) : await this.writeGroupByInsert(client, write);
    return { value: outcomes, commit: await this.extendTree(client, head, c, recordedAt) };
  }

  /**
   * One call in one statement (append-function.ts), or several (append-group-function.ts): the function locks the
   * head, reads the versions and the stored keys, and writes the events, the keys, the hash chain, the Merkle nodes
   * and the head, or nothing; its transaction is the statement's. Each call is then decided by planGroup on what
   * the function read before it, exactly as in the group transaction: a replay, a conflict, or the positions it wrote.
   */
  private async appendByFunction(group: QueuedAppend[], one: boolean): Promise<GroupOutcome[]> {
    // Canonical JSON before a connection is taken. One stream and one event: ledger_append_one, scalar parameters.
    const statement = one
      ? { ...APPEND_ONE_FUNCTION, values: appendOneFunctionValues(group[0]) }
      : group.length === 1
        ? { ...APPEND_FUNCTION, values: appendFunctionValues(group[0].appends, group[0].key, group[0].requestHash) }
        : { ...APPEND_GROUP_FUNCTION, values: appendGroupFunctionValues(group) };
    const row = await this.withClient(async (client, discard) => {
      try {
        return (await client.query<AppendFunctionRow & AppendGroupFunctionRow>(statement)).rows[0];
      } catch (error) {
        // A statement error leaves the connection usable (the statement's transaction is rolled back);
        // anything else (no SQLSTATE, or the server ending the session) discards it.
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code !== 'string' || code.startsWith('57') || code.startsWith('08')) discard(error as Error);
        throw error;
      }
    });
    return group.length === 1 ? [loneFunctionOutcome(group[0], row)] : groupFunctionOutcomes(group, row);
  }

  /** The group's events, idempotency records and new head in one statement; the recorded times in position order. */
  private async writeGroupByInsert(client: PoolClient, write: GroupWrite): Promise<string[]> {
    const c = write.columns;
    const { rows } = await client.query<{ recorded_at: string }>({
      ...sql.WRITE_APPEND,
      values: [
        c.positions,
        c.ids,
        c.streamIds,
        c.versions,
        c.types,
        c.schemaVersions,
        c.data,
        c.metadata,
        write.keys,
        write.requestHashes,
        write.results,
        write.lastPosition,
      ],
    });
    return rows.map((r) => r.recorded_at);
  }

  /**
   * Chains the new events' hashes to the last one and adds them as leaves of the Merkle tree,
   * storing every node they complete, inside the append transaction (docs/verification.md).
   * Returns the statement that ends the transaction: small trees travel with the COMMIT. A big group's
   * nodes go in parts of TREE_PART_LEAVES leaves: each part's INSERT runs while the next part is hashed.
   */
  private async extendTree(client: PoolClient, head: sql.HeadRow, c: EventColumns, recordedAt: string[]): Promise<string> {
    const count = recordedAt.length;
    if (count === 0) return 'COMMIT';
    let previous: Buffer = head.last_hash;
    let peaks = head.peaks;
    // The part sent last: one statement in flight on the connection (pg queues no second one).
    let inFlight: Promise<unknown> = Promise.resolve();
    for (let start = 0; start < count; start += TREE_PART_LEAVES) {
      const end = Math.min(start + TREE_PART_LEAVES, count);
      const leaves: Buffer[] = [];
      for (let i = start; i < end; i++) leaves.push((previous = leafHashOf(c, i, recordedAt[i], previous)));
      const tree = extendTree(c.positions[start] - 1, peaks, leaves);
      peaks = tree.peaks;
      const [levels, idxs, hashes] = [tree.nodes.map((n) => n.level), tree.nodes.map((n) => n.idx), tree.nodes.map((n) => n.hash)];
      const last = end === count;
      if (last && start === 0 && tree.nodes.length <= INLINE_TREE_NODES) return sql.writeTreeAndCommit(tree.nodes, peaks, previous);
      await inFlight;
      inFlight = last
        ? client.query({ ...sql.WRITE_TREE, values: [levels, idxs, hashes, peaks, previous] })
        : client.query({ ...sql.WRITE_TREE_NODES, values: [levels, idxs, hashes] });
      // Its failure is thrown by the next await of it; until then it must not count as unhandled.
      inFlight.catch(() => undefined);
    }
    await inFlight;
    return 'COMMIT';
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

  /** One query per READ_STREAMS_CHUNK ids instead of one per stream. */
  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>(streamIds.map((id) => [id, []]));
    const ids = [...streams.keys()];
    for (let start = 0; start < ids.length; start += sql.READ_STREAMS_CHUNK) {
      const { rows } = await this.pool.query<sql.EventRow>({
        ...sql.READ_STREAMS,
        values: [ids.slice(start, start + sql.READ_STREAMS_CHUNK)],
      });
      for (const row of rows) streams.get(row.stream_id)!.push(sql.toRecordedEvent(row));
    }
    return streams;
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
    return this.subscriptions.open(options);
  }

  /** Stops every subscription and the LISTEN connection. The pool is left to its owner. */
  async close(): Promise<void> {
    this.closed = true;
    await this.subscriptions.stopAll();
    await this.notifier.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresEventStore is closed');
  }

  /**
   * Any failure rolls back everything, the head position included: the store is left exactly as
   * before. `work` runs with the head locked; it returns the statement that ends the transaction
   * (null: nothing to keep, roll back).
   */
  private async inTransaction<T>(
    group: QueuedAppend[],
    work: (client: PoolClient, head: sql.HeadRow, state: sql.AppendStateRow) => Promise<TransactionOutcome<T>>,
  ): Promise<T> {
    return this.withClient(async (client, discard) => {
      try {
        const events = group.reduce((n, queued) => n + queued.eventCount, 0);
        const idleTimeoutMs = this.appendIdleTimeoutMs + Math.ceil(events * IDLE_MS_PER_EVENT);
        const opening = sql.beginLockAndReadState(idleTimeoutMs, groupStreams(group), groupKeys(group), (s) => client.escapeLiteral(s));
        const [, , head, state] = (await client.query(opening)) as unknown as [
          QueryResult,
          QueryResult,
          QueryResult<sql.HeadRow>,
          QueryResult<sql.AppendStateRow>,
        ];
        const { value, commit } = await work(client, head.rows[0], state.rows[0]);
        await client.query(commit ?? 'ROLLBACK');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(discard); // the connection is unusable: the pool must discard it
        throw error;
      }
    });
  }

  /**
   * A pooled connection for `work`, released when it is done, or discarded if it broke: pg emits 'error' on a
   * checked-out client whose connection dies (unheard, it would crash the process), or `work` says so (`discard`).
   */
  private async withClient<T>(work: (client: PoolClient, discard: (error: Error) => void) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const discard = (error: Error): void => {
      broken ??= error;
    };
    client.on('error', discard);
    try {
      return await work(client, discard);
    } finally {
      client.off('error', discard);
      client.release(broken);
    }
  }
}
