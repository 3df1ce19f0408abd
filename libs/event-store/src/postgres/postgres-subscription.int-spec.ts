import type { RecordedEvent, Subscription } from '../port/event-store.port';
import { newEvents, positionsOf, range, streamName, waitFor } from '../testing/contract/fixtures';
import { openTestStore, type TestStore } from '../testing/postgres-test-store';

/** How subscriptions learn about new events on PostgreSQL: NOTIFY first, polling as the safety net. */
describe('PostgresEventStore subscriptions', () => {
  let ctx: TestStore | undefined;
  let subscription: Subscription | undefined;
  const received: RecordedEvent[] = [];

  async function start(pollIntervalMs: number): Promise<TestStore> {
    ctx = await openTestStore({ pollIntervalMs });
    subscription = ctx.store.subscribeToAll({ after: 0, handler: async (events) => void received.push(...events) });
    await subscription.caughtUp;
    return ctx;
  }

  afterEach(async () => {
    await subscription?.stop();
    await ctx?.teardown();
    received.length = 0;
  });

  it('is woken by NOTIFY: live events arrive long before the next poll', async () => {
    const { store } = await start(60_000);
    await store.append(streamName(), 'no_stream', newEvents(2));
    await waitFor(() => received.length === 2, 'a notified append', 3000);
    await store.append(streamName(), 'no_stream', newEvents(1));
    await waitFor(() => received.length === 3, 'a second notified append', 3000);
    expect(positionsOf(received)).toEqual([1, 2, 3]);
  });

  it('falls back to polling for a commit that sent no notification', async () => {
    const { store, pool } = await start(100);
    // With triggers switched off (replica role) the insert sends no NOTIFY; we fill recorded_at ourselves.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query('UPDATE ledger_head SET position = position + 1');
      await client.query(
        `INSERT INTO ledger_events (position, event_id, stream_id, version, type, schema_version, data, metadata, recorded_at)
         VALUES (1, gen_random_uuid(), 'silent', 1, 'pagu.set', 1, '{}', '{}', clock_timestamp())`,
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await waitFor(() => received.length === 1, 'the polled event', 3000);
    expect(received[0].streamId).toBe('silent');
    expect(await store.headPosition()).toBe(1);
  });

  it('re-opens a lost LISTEN connection and misses nothing', async () => {
    const { store, pool } = await start(60_000);
    const listeners = async (): Promise<number[]> =>
      (
        await pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
        )
      ).rows.map((r) => r.pid);
    const [first] = await listeners();
    expect(first).toBeDefined();
    await pool.query('SELECT pg_terminate_backend($1)', [first]);
    await store.append(streamName(), 'no_stream', newEvents(1)); // possibly while nobody listens
    await waitFor(() => received.length === 1, 'the event appended around the reconnect', 5000);

    let again: number[] = [];
    for (let i = 0; i < 100 && !(again.length === 1 && again[0] !== first); i++) {
      again = await listeners();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(again).toHaveLength(1);
    expect(again[0]).not.toBe(first);
    await store.append(streamName(), 'no_stream', newEvents(2));
    await waitFor(() => received.length === 3, 'an append after the reconnect', 3000);
    expect(positionsOf(received)).toEqual(range(1, 3));
  });
});
