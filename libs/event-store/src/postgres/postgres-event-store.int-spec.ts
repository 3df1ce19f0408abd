import { randomUUID } from 'node:crypto';
import { Client, Pool, type PoolClient } from 'pg';
import { eventStoreContract } from '../testing/event-store.contract';
import { newEvent, newEvents, positionsOf, range, streamName } from '../testing/contract/fixtures';
import { openTestStore, type TestStore } from '../testing/postgres-test-store';
import { PostgresEventStore } from './postgres-event-store';

eventStoreContract('PostgresEventStore', () => openTestStore());

describe('PostgresEventStore on PostgreSQL', () => {
  let ctx: TestStore;
  beforeEach(async () => {
    ctx = await openTestStore();
  });
  afterEach(async () => {
    await ctx.teardown();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log, even for the connecting superuser', async () => {
    const { store, pool } = ctx;
    const { rows } = await pool.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    expect(rows[0].rolsuper).toBe(true);
    await store.append(streamName(), 'no_stream', newEvents(3), { idempotencyKey: 'k1' });
    const before = await store.readAll();

    for (const statement of [
      `UPDATE ledger_events SET data = '{"amount":"0.00"}'`,
      `UPDATE ledger_events SET recorded_at = now() - interval '1 year' WHERE position = 2`,
      'DELETE FROM ledger_events WHERE position = 3',
      'TRUNCATE ledger_events',
      `UPDATE ledger_idempotency SET result = '{}'`,
      'DELETE FROM ledger_idempotency',
      'TRUNCATE ledger_idempotency',
    ]) {
      await expect(pool.query(statement)).rejects.toThrow(
        /^ledger_(events|idempotency) is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/,
      );
    }
    await expect(pool.query('UPDATE ledger_head SET position = 1')).rejects.toThrow(/ledger_head only moves forward/);
    await expect(pool.query('DELETE FROM ledger_head')).rejects.toThrow(/ledger_head only moves forward/);
    expect(await store.readAll()).toEqual(before);
    expect(await store.headPosition()).toBe(3);
    expect(await store.findByIdempotencyKey('k1')).not.toBeNull();
  });

  it('can only be bypassed by explicitly switching triggers off (what tamper-evidence must catch)', async () => {
    const { store, pool } = ctx;
    await store.append(streamName(), 'no_stream', newEvents(1));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(`UPDATE ledger_events SET data = '{"forged":true}' WHERE position = 1`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect((await store.readAll())[0].data).toEqual({ forged: true });
  });

  it('overrides a recorded_at sent by the client with the database clock', async () => {
    const { store, pool } = ctx;
    const id = randomUUID();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE ledger_head SET position = position + 1');
      await client.query(
        `INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata, recorded_at)
         VALUES (1, $1, 'forged', 1, 'pagu.set', 1, '{}', '{}', '2001-01-01T00:00:00Z')`,
        [id],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const event = await store.findEvent(id);
    expect(event?.recordedAt.startsWith('2001')).toBe(false);
    expect(Math.abs(Date.parse(event?.recordedAt ?? '') - Date.now())).toBeLessThan(60_000);
  });

  it('a statement failing mid-append leaves no rows and no position gap', async () => {
    const { store } = ctx;
    await store.append(streamName(), 'no_stream', newEvents(2));
    const s = streamName();
    // jsonb refuses the NUL character: the INSERT fails after the head was already taken.
    const poisoned = [newEvent(), newEvent({ note: 'bad\u0000byte' }), newEvent()];
    await expect(store.append(s, 'no_stream', poisoned)).rejects.toThrow(/unsupported Unicode escape|\\u0000/);
    expect(await store.headPosition()).toBe(2);
    expect(await store.streamVersion(s)).toBe(0);
    const next = await store.append(s, 'no_stream', newEvents(1));
    expect(next.firstPosition).toBe(3);
  });

  it('a call whose rows PostgreSQL refuses fails alone: the rest of its group commits, gap-free', async () => {
    const { store, pool } = ctx;
    await store.append(streamName(), 'no_stream', newEvents(2));
    const spy = jest.spyOn(pool, 'connect');
    const good = [streamName('a'), streamName('b'), streamName('c')];
    const poisoned = [newEvent(), newEvent({ note: 'bad\u0000byte' })];
    const settled = await Promise.allSettled([
      store.append(good[0], 'no_stream', newEvents(1)),
      store.append(good[1], 'no_stream', newEvents(2)),
      store.append(streamName('poisoned'), 'no_stream', poisoned),
      store.append(good[2], 'no_stream', newEvents(1)),
    ]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[2] as PromiseRejectedResult).reason)).toMatch(/unsupported Unicode escape|\\u0000/);
    // One group transaction, then each call alone (4) after the group's statement failed.
    expect(spy.mock.calls.length).toBe(5);
    spy.mockRestore();
    expect(await store.findEvent(poisoned[0].id)).toBeNull();
    expect(positionsOf(await store.readAll())).toEqual(range(1, 6));
    expect(await store.headPosition()).toBe(6);
    expect((await pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger_merkle_nodes WHERE level = 0')).rows[0].n).toBe('6');
  });

  it('a backend killed mid-append leaves no rows and no position gap', async () => {
    const { store, url } = ctx;
    await store.append(streamName(), 'no_stream', newEvents(2));
    // A SHARE lock makes the append wait inside its INSERT, after it has taken the head.
    const blocker = new Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE ledger_events IN SHARE MODE');
      const victim = newEvents(3);
      const append = store.append(streamName('victim'), 'no_stream', victim).catch((e: unknown) => e);
      let pid: number | undefined;
      for (let i = 0; pid === undefined && i < 200; i++) {
        // Only the INSERT conflicts with SHARE, so the backend we block is inside it, holding the head.
        // (Not matched by query text: a re-bound prepared statement can wait before the text is reported.)
        const { rows } = await blocker.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))',
        );
        pid = rows[0]?.pid;
        if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(pid).toBeDefined();
      await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
      expect(await append).toMatchObject({ code: '57P01' }); // admin_shutdown
      await blocker.query('COMMIT');
      expect(await store.findEvent(victim[0].id)).toBeNull();
    } finally {
      await blocker.end();
    }
    expect(await store.headPosition()).toBe(2);
    const next = await store.append(streamName(), 'no_stream', newEvents(2));
    expect([next.firstPosition, next.lastPosition]).toEqual([3, 4]);
    expect(positionsOf(await store.readAll())).toEqual(range(1, 4));
  });

  it('a stalled appender holds the head only until the idle timeout ends its session', async () => {
    const { store, url } = ctx;
    await store.append(streamName(), 'no_stream', newEvents(1));
    // A second store whose connections stall for a second before the INSERT, holding the head.
    const stallingPool = new Pool({ connectionString: url, max: 1 });
    const connect = stallingPool.connect.bind(stallingPool) as () => Promise<PoolClient>;
    Object.assign(stallingPool, {
      connect: async (): Promise<PoolClient> => {
        const client = await connect();
        const query = client.query.bind(client) as (config: unknown) => Promise<unknown>;
        const stalling = async (config: { name?: string }): Promise<unknown> => {
          if (config?.name === 'ledger_write_head_and_keys') await new Promise((resolve) => setTimeout(resolve, 1000));
          return query(config);
        };
        return Object.assign(client, { query: stalling });
      },
    });
    try {
      // Every group by COPY: a transaction of several statements. (Below copyFromEvents a group is one statement,
      // ledger_append or ledger_append_group, whose transaction never waits on the client while it holds the head.)
      const frozenStore = new PostgresEventStore(stallingPool, { appendIdleTimeoutMs: 150, copyFromEvents: 1 });
      const started = Date.now();
      const frozen = Promise.all([
        frozenStore.append(streamName('frozen'), 'no_stream', newEvents(2)),
        frozenStore.append(streamName('frozen'), 'no_stream', newEvents(1)),
      ]).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let it take the head first
      const other = await store.append(streamName(), 'no_stream', newEvents(1));
      expect(Date.now() - started).toBeLessThan(900); // did not wait for the frozen client
      expect(other.firstPosition).toBe(2);
      expect(await frozen).toBeInstanceOf(Error);
      expect(positionsOf(await store.readAll())).toEqual([1, 2]);
    } finally {
      await stallingPool.end();
    }
  });

  it('gives a big append time to hash its events: the idle timeout grows with the events written', async () => {
    const { url } = ctx;
    const pool = new Pool({ connectionString: url, max: 2 });
    try {
      // 1 ms would end any transaction that spends a moment in Node between its statements.
      const impatient = new PostgresEventStore(pool, { appendIdleTimeoutMs: 1 });
      const streams = Array.from({ length: 50 }, (_, i) => ({
        streamId: streamName(`bulk-${i}`),
        expectedVersion: 'no_stream' as const,
        events: newEvents(100),
      }));
      const result = await impatient.appendMany(streams);
      expect(result.lastPosition - result.firstPosition + 1).toBe(5000);
      await impatient.close();
    } finally {
      await pool.end();
    }
  });

  it('close() stops subscriptions but leaves the pool to its owner', async () => {
    const { store, pool } = ctx;
    const subscription = store.subscribeToAll({ after: 0, handler: async () => undefined });
    await subscription.caughtUp;
    await store.close();
    await expect(store.append(streamName(), 'any', newEvents(1))).rejects.toThrow(/closed/);
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });
});
