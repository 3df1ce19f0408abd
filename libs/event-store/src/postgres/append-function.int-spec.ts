import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { rootFromLeafHashes } from '@renja/integrity';
import { eventHash, GENESIS_HASH } from '../integrity/event-hash';
import { extendTree } from '../integrity/merkle-frontier';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '../port/errors';
import { newEvents, sampleMetadata, streamName } from '../testing/contract/fixtures';
import { openTestStore, type TestStore } from '../testing/postgres-test-store';
import { LedgerTree } from './ledger-tree';
import { PostgresEventStore } from './postgres-event-store';

/** Statements prepared on the pool's only connection: which road the appends took. */
async function prepared(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
  return rows.map((r) => r.name);
}

describe('a call alone, written by the ledger_append function in one statement', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore({}, 1); // one connection: pg_prepared_statements shows what it ran
  });
  afterEach(() => t.teardown());

  it('stores the hashes and Merkle nodes a verifier recomputes, for any JSON text, across streams', async () => {
    const odd = { é: 'ü"\\\n\u2028 \ud83d\ude00', z: [1, 2.5, 1e21, 0.1, -3], a: { nested: null, yes: true } };
    const a = streamName('a');
    const b = streamName('b');
    for (let i = 0; i < 6; i++)
      await t.store.append(a, 'any', [{ id: randomUUID(), type: 'pagu.set', schemaVersion: 2, data: odd, metadata: sampleMetadata }]);
    const both = await t.store.appendMany([
      { streamId: b, expectedVersion: 'no_stream', events: newEvents(3) },
      { streamId: a, expectedVersion: 6, events: newEvents(2) },
    ]);
    expect(both.streamVersions).toEqual({ [b]: 3, [a]: 8 });
    expect([both.firstPosition, both.lastPosition]).toEqual([7, 11]);
    expect(await prepared(t.pool)).toContain('ledger_append_function');
    expect(await prepared(t.pool)).not.toContain('ledger_write_append');

    let previous: Buffer = GENESIS_HASH;
    const chain = (await t.store.readAll()).map((e) => (previous = eventHash(e, previous)));
    const tree = new LedgerTree(t.pool);
    expect(await tree.leafHashes(1, 100)).toEqual(chain);
    for (let size = 1; size <= chain.length; size++) expect(await tree.root(size)).toEqual(rootFromLeafHashes(chain.slice(0, size)));
    const { rows } = await t.pool.query<{ last_hash: Buffer }>('SELECT last_hash FROM ledger_head');
    expect(rows[0].last_hash).toEqual(chain[chain.length - 1]);
  });

  it('replays a key with the stored result, refuses a wrong version, and writes nothing for either', async () => {
    const s = streamName();
    const first = await t.store.append(s, 'no_stream', newEvents(2), { idempotencyKey: 'k-1', requestHash: 'h-1' });
    const again = await t.store.append(s, 'no_stream', newEvents(2), { idempotencyKey: 'k-1', requestHash: 'h-1' });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await t.store.findByIdempotencyKey('k-1')).toEqual({ ...first, replayed: true, requestHash: 'h-1' });
    await expect(t.store.append(s, 'no_stream', newEvents(1), { idempotencyKey: 'k-1', requestHash: 'h-2' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    const refused = await t.store.append(s, 1, newEvents(1)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WrongExpectedVersionError);
    expect(refused).toMatchObject({ streamId: s, expected: 1, actual: 2 });
    const empty = await t.store.append(s, 2, [], { idempotencyKey: 'k-empty' });
    expect(empty).toMatchObject({ events: [], streamVersions: { [s]: 2 }, firstPosition: 3, lastPosition: 2 });
    expect(await t.store.findByIdempotencyKey('k-empty')).toMatchObject({ streamVersions: { [s]: 2 }, firstPosition: 3, lastPosition: 2 });
    expect(await t.store.headPosition()).toBe(2);
  });
});

describe('one stream or one event, the shorter statements of migration 0005', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore({}, 1);
  });
  afterEach(() => t.teardown());

  it('writes the rows, hashes, Merkle nodes, head and idempotency records a verifier recomputes', async () => {
    const odd = { é: 'ü"\\\n\u2028 \ud83d\ude00', z: [1, 2.5, 1e21, 0.1, -3], a: { nested: null, yes: true } };
    const a = streamName('a');
    const b = streamName('b');
    const c = streamName('c');
    const results = [];
    // 37 single events (tree nodes up to level 5), alternating streams, with expected versions.
    for (let i = 0; i < 37; i++) {
      const stream = i % 2 === 0 ? a : b;
      const event = { id: randomUUID(), type: 'pagu.set', schemaVersion: 1 + (i % 3), data: { ...odd, i }, metadata: sampleMetadata };
      results.push(await t.store.append(stream, Math.floor(i / 2) === 0 ? 'no_stream' : Math.floor(i / 2), [event]));
    }
    // A refused call and a keyed call with its replay.
    await expect(t.store.append(a, 3, newEvents(1))).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const keyed = await t.store.append(b, 18, newEvents(1), { idempotencyKey: 'k-one', requestHash: 'h' });
    expect(keyed).toMatchObject({ streamVersions: { [b]: 19 }, firstPosition: 38, lastPosition: 38, replayed: false });
    expect(await t.store.append(b, 18, newEvents(1), { idempotencyKey: 'k-one', requestHash: 'h' })).toEqual({ ...keyed, replayed: true });
    expect(await t.store.findByIdempotencyKey('k-one')).toEqual({ ...keyed, replayed: true, requestHash: 'h' });
    // One event behind an empty stream entry (the event's stream is the second), then several events of one stream.
    const behind = await t.store.appendMany([
      { streamId: c, expectedVersion: 'no_stream', events: [] },
      { streamId: b, expectedVersion: 19, events: newEvents(1) },
    ]);
    expect(behind).toMatchObject({ streamVersions: { [c]: 0, [b]: 20 }, firstPosition: 39, lastPosition: 39 });
    const three = await t.store.append(a, 19, newEvents(3), { idempotencyKey: 'k-three' });
    expect(three).toMatchObject({ streamVersions: { [a]: 22 }, firstPosition: 40, lastPosition: 42 });
    expect(await t.store.findByIdempotencyKey('k-three')).toEqual({ ...three, replayed: true, requestHash: null });
    expect(results.map((r) => r.firstPosition)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));

    const events = await t.store.readAll();
    expect(events.map((e) => e.position)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect((await t.store.readStream(a)).map((e) => e.version)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    let previous: Buffer = GENESIS_HASH;
    const chain = events.map((e) => (previous = eventHash(e, previous)));
    const expected = extendTree(0, [], chain);
    const nodes = await t.pool.query<{ level: number; idx: string; hash: Buffer }>('SELECT level, idx, hash FROM ledger_merkle_nodes');
    const byKey = (n: { level: number; idx: number | string }): string => `${n.level}:${String(n.idx)}`;
    expect(new Map(nodes.rows.map((n) => [byKey(n), n.hash]))).toEqual(new Map(expected.nodes.map((n) => [byKey(n), n.hash])));
    const head = await t.pool.query<{ position: string; peaks: Buffer[]; last_hash: Buffer }>(
      'SELECT position, peaks, last_hash FROM ledger_head',
    );
    expect(head.rows[0]).toEqual({ position: '42', peaks: expected.peaks, last_hash: chain[41] });
    const tree = new LedgerTree(t.pool);
    for (const size of [1, 2, 3, 31, 32, 33, 37, 42]) expect(await tree.root(size)).toEqual(rootFromLeafHashes(chain.slice(0, size)));
  });
});

describe('outside READ COMMITTED', () => {
  it('falls back to the group transaction, which sets its own isolation level', async () => {
    const t = await openTestStore();
    const pool = new Pool({ connectionString: t.url, max: 1, options: '-c default_transaction_isolation=serializable' });
    try {
      const store = new PostgresEventStore(pool);
      const s = streamName();
      await store.append(s, 'no_stream', newEvents(2));
      await store.append(s, 2, newEvents(1));
      expect(await store.streamVersion(s)).toBe(3);
      expect(await prepared(pool)).toContain('ledger_write_append');
      await store.close();
    } finally {
      await pool.end();
      await t.teardown();
    }
  });
});
