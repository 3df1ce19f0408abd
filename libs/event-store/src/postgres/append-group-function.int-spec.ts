import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { rootFromLeafHashes } from '@renja/integrity';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase } from '@renja/infrastructure/testing/test-database';
import { eventHash, GENESIS_HASH } from '../integrity/event-hash';
import { DuplicateEventIdError, IdempotencyKeyReusedError, WrongExpectedVersionError } from '../port/errors';
import type { AppendOptions, NewEvent, StreamAppend } from '../port/event-store.port';
import { newEvent, newEvents, positionsOf, range, sampleMetadata, streamName } from '../testing/contract/fixtures';
import { openTestStore, type TestStore } from '../testing/postgres-test-store';
import { appendGroupFunctionMigration } from './append-group-function';
import { LedgerTree } from './ledger-tree';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './schema';

/** A store whose database lacks ledger_append_group: its groups go by the group transaction (writeGroup). */
async function openStoreWithoutGroupFunction(): Promise<TestStore> {
  const db = await createTestDatabase('es');
  const pool = new Pool({ connectionString: db.url, max: 1 });
  await runMigrations(
    pool,
    eventStoreMigrations.filter((m) => m.id !== appendGroupFunctionMigration.id),
  );
  const store = new PostgresEventStore(pool);
  return {
    store,
    pool,
    url: db.url,
    teardown: async () => {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
}

/** Statements prepared on the pool's only connection: which road the appends took. */
async function prepared(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
  return rows.map((r) => r.name);
}

type Call = { appends: StreamAppend[]; options?: AppendOptions };

/** Sends every call in the same turn of the event loop, so the store commits them as one group; how each settled. */
async function group(store: PostgresEventStore, calls: Call[]): Promise<unknown[]> {
  const settled = await Promise.allSettled(calls.map((c) => store.appendMany(c.appends, c.options)));
  return settled.map((s) =>
    s.status === 'fulfilled' ? { ok: s.value } : { failed: (s.reason as Error).constructor.name, ...(s.reason as object) },
  );
}

/** What the ledger holds apart from the recorded times (two stores record at different moments). */
async function ledger(t: TestStore) {
  const events = (await t.store.readAll({ limit: 10_000 })).map(({ recordedAt: _recordedAt, ...event }) => event);
  const keys = await t.pool.query('SELECT key, request_hash, result FROM ledger_idempotency ORDER BY key');
  const nodes = await t.pool.query<{ level: number; n: string }>(
    'SELECT level, count(*) AS n FROM ledger_merkle_nodes GROUP BY level ORDER BY level',
  );
  return { events, keys: keys.rows, nodes: nodes.rows, head: await t.store.headPosition() };
}

/** The stored hash chain, Merkle nodes and head checked against the events as read back, as a verifier does. */
async function expectVerifiable(t: TestStore): Promise<void> {
  let previous: Buffer = GENESIS_HASH;
  const chain = (await t.store.readAll({ limit: 10_000 })).map((e) => (previous = eventHash(e, previous)));
  const tree = new LedgerTree(t.pool);
  expect(await tree.leafHashes(1, 10_000)).toEqual(chain);
  for (let size = 1; size <= chain.length; size++) expect(await tree.root(size)).toEqual(rootFromLeafHashes(chain.slice(0, size)));
  const { rows } = await t.pool.query<{ last_hash: Buffer }>('SELECT last_hash FROM ledger_head');
  expect(rows[0].last_hash).toEqual(previous);
}

describe('a group of calls written by the ledger_append_group function in one statement', () => {
  let byFunction: TestStore;
  let byTransaction: TestStore;
  beforeEach(async () => {
    byFunction = await openTestStore({}, 1); // one connection: pg_prepared_statements shows what it ran
    byTransaction = await openStoreWithoutGroupFunction();
  });
  afterEach(async () => {
    await byFunction.teardown();
    await byTransaction.teardown();
  });

  it('decides, writes, hashes and answers each call exactly as the group transaction does', async () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((p) => streamName(p));
    const odd = { é: 'ü"\\\n\u2028 \ud83d\ude00', z: [1, 2.5, 1e21, 0.1, -3], a: { nested: null, yes: true } };
    const oddEvent: NewEvent = { id: randomUUID(), type: 'pagu.set', schemaVersion: 2, data: odd, metadata: sampleMetadata };
    const seed: Call[] = [
      {
        appends: [{ streamId: a, expectedVersion: 'no_stream', events: newEvents(2) }],
        options: { idempotencyKey: 'seed', requestHash: 'h-s' },
      },
      {
        appends: [{ streamId: d, expectedVersion: 'no_stream', events: newEvents(1) }],
        options: { idempotencyKey: 'seed-2', requestHash: 'h-s2' },
      },
    ];
    const calls: Call[] = [
      { appends: [{ streamId: a, expectedVersion: 2, events: [oddEvent] }], options: { idempotencyKey: 'k-1', requestHash: 'h-1' } },
      { appends: [{ streamId: a, expectedVersion: 2, events: newEvents(1) }] }, // a is at 3 after the call before: refused
      {
        appends: [
          { streamId: b, expectedVersion: 'no_stream', events: newEvents(3) },
          { streamId: a, expectedVersion: 3, events: newEvents(2) },
          { streamId: d, expectedVersion: 'any', events: [] },
        ],
        options: { idempotencyKey: 'k-3' },
      },
      { appends: [{ streamId: c, expectedVersion: 'no_stream', events: [] }], options: { idempotencyKey: 'k-empty' } },
      { appends: [{ streamId: a, expectedVersion: 'any', events: newEvents(1) }], options: { idempotencyKey: 'seed', requestHash: 'h-s' } },
      {
        appends: [{ streamId: a, expectedVersion: 'any', events: newEvents(1) }],
        options: { idempotencyKey: 'seed-2', requestHash: 'other' },
      },
      { appends: [{ streamId: b, expectedVersion: 'no_stream', events: newEvents(1) }] }, // b has 3 events by now: refused
      { appends: [], options: { idempotencyKey: 'k-nothing' } },
      {
        appends: [
          { streamId: d, expectedVersion: 1, events: newEvents(2) },
          { streamId: c, expectedVersion: 'any', events: newEvents(1) },
        ],
      },
    ];
    const answers: unknown[][] = [];
    for (const t of [byFunction, byTransaction]) {
      // A group too: the store without the function finds out here (42883) and sends every later group by transaction.
      await group(t.store, seed);
      const connect = jest.spyOn(t.pool, 'connect');
      answers.push(await group(t.store, calls));
      expect(connect).toHaveBeenCalledTimes(1); // one group, one connection
      connect.mockRestore();
    }
    expect(await prepared(byFunction.pool)).toContain('ledger_append_group_function');
    expect(await prepared(byFunction.pool)).not.toContain('ledger_write_append');
    expect(await prepared(byTransaction.pool)).toContain('ledger_write_append');

    const [viaFunction, viaTransaction] = answers;
    expect(viaFunction).toEqual(viaTransaction);
    expect(viaFunction.map((x) => Object.keys(x as object)[0])).toEqual(['ok', 'failed', 'ok', 'ok', 'ok', 'failed', 'failed', 'ok', 'ok']);
    expect(viaFunction[1]).toMatchObject({ failed: WrongExpectedVersionError.name, streamId: a, expected: 2, actual: 3 });
    expect(viaFunction[5]).toMatchObject({ failed: IdempotencyKeyReusedError.name, key: 'seed-2' });
    expect(viaFunction[6]).toMatchObject({ failed: WrongExpectedVersionError.name, streamId: b, expected: 'no_stream', actual: 3 });
    expect(viaFunction[2]).toMatchObject({ ok: { firstPosition: 5, lastPosition: 9, streamVersions: { [b]: 3, [a]: 5, [d]: 1 } } });
    expect(viaFunction[3]).toMatchObject({ ok: { events: [], firstPosition: 10, lastPosition: 9, streamVersions: { [c]: 0 } } });
    expect(viaFunction[4]).toMatchObject({ ok: { replayed: true, firstPosition: 1, lastPosition: 2 } });
    expect(viaFunction[8]).toMatchObject({ ok: { firstPosition: 10, lastPosition: 12, streamVersions: { [d]: 3, [c]: 1 } } });

    const written = await ledger(byFunction);
    expect(written).toEqual(await ledger(byTransaction));
    expect(written.head).toBe(12);
    expect(positionsOf(written.events)).toEqual(range(1, 12));
    expect(written.events[3]).toMatchObject({ id: oddEvent.id, data: odd, version: 3, position: 4 });
    expect(written.keys.map((k: { key: string }) => k.key)).toEqual(['k-1', 'k-3', 'k-empty', 'k-nothing', 'seed', 'seed-2']);
    await expectVerifiable(byFunction);
    await expectVerifiable(byTransaction);
  });

  it('fails only the call whose event id is taken; the rest of the group commits, gap-free', async () => {
    const t = byFunction;
    const first = await t.store.append(streamName(), 'no_stream', newEvents(2));
    const taken = first.events[0].id;
    const twice = newEvent();
    const connect = jest.spyOn(t.pool, 'connect');
    const settled = await group(t.store, [
      { appends: [{ streamId: streamName(), expectedVersion: 'no_stream', events: newEvents(2) }] },
      { appends: [{ streamId: streamName(), expectedVersion: 'no_stream', events: [newEvent(), { ...newEvent(), id: taken }] }] },
      { appends: [{ streamId: streamName(), expectedVersion: 'no_stream', events: [twice] }], options: { idempotencyKey: 'k-twice' } },
      { appends: [{ streamId: streamName(), expectedVersion: 'no_stream', events: [twice] }] },
      { appends: [{ streamId: streamName(), expectedVersion: 'no_stream', events: newEvents(1) }] },
    ]);
    // The group's statement, then each call alone.
    expect(connect).toHaveBeenCalledTimes(6);
    connect.mockRestore();
    expect(settled.map((x) => Object.keys(x as object)[0])).toEqual(['ok', 'failed', 'ok', 'failed', 'ok']);
    expect(settled[1]).toMatchObject({ failed: DuplicateEventIdError.name, eventId: taken });
    expect(settled[3]).toMatchObject({ failed: DuplicateEventIdError.name, eventId: twice.id });
    expect(positionsOf(await t.store.readAll())).toEqual(range(1, 6));
    expect(await t.store.findByIdempotencyKey('k-twice')).toMatchObject({ firstPosition: 5, lastPosition: 5 });
    await expectVerifiable(t);
  });
});
