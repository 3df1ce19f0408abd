import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { grantAppPrivileges } from '@renja/infrastructure/database/roles';
import { rootFromLeafHashes } from '@renja/integrity';
import { extendTree } from '../integrity/merkle-frontier';
import type { StreamAppend } from '../port/event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import { newEvent, newEvents, positionsOf, range, streamName } from '../testing/contract/fixtures';
import { openTestStore, type TestStore } from '../testing/postgres-test-store';
import { eventHash, GENESIS_HASH } from '../integrity/event-hash';
import { LedgerTree } from './ledger-tree';
import { PostgresEventStore } from './postgres-event-store';

// Every append of the contract through COPY: the bulk path must behave exactly like the INSERT one.
eventStoreContract('PostgresEventStore writing every group with COPY', () => openTestStore({ copyFromEvents: 1 }));

/** Data that exercises COPY's text escaping: tabs, newlines, backslashes, quotes, non-ASCII. */
const awkward = (i: number) => ({
  note: `row ${i}\twith tab\nnew line \\ backslash "quoted" \r Rp 1.000,00 — é ✓`,
  amount: `${i}.25`,
  nested: { list: [i, `\\N`, null] },
});

function bulk(streams: number, perStream: number): StreamAppend[] {
  return Array.from({ length: streams }, () => ({
    streamId: streamName('bulk'),
    expectedVersion: 'no_stream' as const,
    events: Array.from({ length: perStream }, (_, i) => newEvent(awkward(i))),
  }));
}

/** What the ledger holds, without the recorded times (two stores record at different moments). */
async function ledger(ctx: TestStore) {
  const events = (await ctx.store.readAll({ limit: 100_000 })).map(({ recordedAt: _recordedAt, ...event }) => event);
  const nodes = await ctx.pool.query<{ n: string }>('SELECT count(*) AS n FROM ledger_merkle_nodes');
  return { events, nodes: Number(nodes.rows[0].n), head: await ctx.store.headPosition() };
}

describe('PostgresEventStore: a large appendMany goes by COPY', () => {
  let copying: TestStore;
  let inserting: TestStore;
  beforeEach(async () => {
    copying = await openTestStore({ copyFromEvents: 100 });
    inserting = await openTestStore({ copyFromEvents: 1_000_000 });
  });
  afterEach(async () => {
    await copying.teardown();
    await inserting.teardown();
  });

  it('stores the same events, hash chain and Merkle nodes as the same events appended one by one', async () => {
    const appends = bulk(40, 30); // 1,200 events: above the COPY threshold
    await copying.store.appendMany(appends.slice(0, 1)); // 30 events: below it, by INSERT
    const copied = await copying.store.appendMany(appends.slice(1));
    for (const a of appends) await inserting.store.append(a.streamId, a.expectedVersion, a.events);
    expect([copied.firstPosition, copied.lastPosition]).toEqual([31, 1200]);

    const a = await ledger(copying);
    const b = await ledger(inserting);
    expect(a.head).toBe(1200);
    expect(positionsOf(a.events)).toEqual(range(1, 1200));
    expect(a.events).toEqual(b.events);
    expect(a.events[40].data).toEqual(awkward(10));
    expect(a.nodes).toBe(b.nodes);

    // Hashes cover the recorded time, which each store takes from the clock: so check the COPY store's
    // chain and tree against the events as read back, as a verifier does, at sizes inside and across the bulk.
    const events = await copying.store.readAll({ limit: 2000 });
    let previous: Buffer = GENESIS_HASH;
    const leaves = events.map((event) => (previous = eventHash(event, previous)));
    const tree = new LedgerTree(copying.pool);
    expect(await tree.leafHashes(1, 2000)).toEqual(leaves);
    const head = await copying.pool.query<{ last_hash: Buffer }>('SELECT last_hash FROM ledger_head');
    expect(head.rows[0].last_hash).toEqual(previous);
    for (const size of [1, 30, 31, 64, 517, 1024, 1199, 1200])
      expect(await tree.root(size)).toEqual(rootFromLeafHashes(leaves.slice(0, size)));
  });

  it('a call of many COPY buffers and Merkle parts: the rows of the INSERT path, and every hash and node a verifier computes', async () => {
    // 9,000 events: 18 buffers of COPY rows made while the server inserts the ones before, and three parts of
    // Merkle nodes, each sent while the next is hashed. Some events are not plain JSON (a Date): their text is
    // JSON.stringify's, and their hash is made from JSON.parse of it.
    const appends = bulk(90, 100);
    appends[3].events[7] = newEvent({ at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) as unknown as string, n: 1 });
    appends[88].events[99] = newEvent({ at: new Date(0) as unknown as string });
    await copying.store.append(streamName(), 'no_stream', [newEvent({ first: true })]); // the tree does not start empty
    await inserting.store.append(streamName(), 'no_stream', [newEvent({ first: true })]);
    const copied = await copying.store.appendMany(appends);
    for (const a of appends) await inserting.store.append(a.streamId, a.expectedVersion, a.events);
    expect([copied.firstPosition, copied.lastPosition]).toEqual([2, 9001]);

    const rows = (ctx: TestStore) =>
      ctx.pool.query<Record<string, unknown>>(
        'SELECT position, event_id, stream_id, version, type, schema_version, data::text, metadata::text FROM ledger_events ORDER BY position',
      );
    const [a, b] = [(await rows(copying)).rows, (await rows(inserting)).rows];
    expect(a.length).toBe(9001);
    // The first event's stream and id differ (each store has its own); the bulk's rows are the same, byte for byte.
    expect(a.slice(1)).toEqual(b.slice(1));
    expect((await copying.store.readAll({ after: 1 + 3 * 100 + 7, limit: 1 }))[0].data).toEqual({ at: '2024-01-02T03:04:05.006Z', n: 1 });

    const events = await copying.store.readAll({ limit: 10_000 });
    let previous: Buffer = GENESIS_HASH;
    const leaves = events.map((event) => (previous = eventHash(event, previous)));
    const nodes = await copying.pool.query<{ level: number; idx: string; hash: Buffer }>(
      'SELECT level, idx, hash FROM ledger_merkle_nodes ORDER BY level, idx',
    );
    const expected = extendTree(0, [], leaves);
    const order = (n: { level: number; idx: number }, m: { level: number; idx: number }) => n.level - m.level || n.idx - m.idx;
    expect(nodes.rows.map((n) => ({ level: n.level, idx: Number(n.idx), hash: n.hash }))).toEqual([...expected.nodes].sort(order));
    const head = await copying.pool.query<{ last_hash: Buffer; peaks: Buffer[] }>('SELECT last_hash, peaks FROM ledger_head');
    expect(head.rows[0]).toEqual({ last_hash: previous, peaks: expected.peaks });
  });

  it('leaves the ledger unchanged when a call of many COPY buffers fails in a late one: a duplicate id, bad data', async () => {
    const { store, pool } = copying;
    await store.appendMany(bulk(10, 110)); // 1,100 events first: the failing calls' Merkle parts start inside a subtree
    const before = await ledger(copying);
    const state = async () =>
      (
        await pool.query<{ h: string; p: string }>(
          "SELECT encode(last_hash, 'hex') AS h, array_to_string(peaks, ',') AS p FROM ledger_head",
        )
      ).rows[0];
    const headBefore = await state();

    const duplicate = bulk(80, 100);
    const existing = (await store.readAll())[500];
    duplicate[79].events[50] = { ...duplicate[79].events[50], id: existing.id };
    await expect(store.appendMany(duplicate)).rejects.toThrow(existing.id);

    const poisoned = bulk(80, 100);
    poisoned[77].events[3] = newEvent({ note: 'bad\u0000byte' });
    await expect(store.appendMany(poisoned)).rejects.toThrow(/unsupported Unicode escape|\\u0000/);

    expect(await ledger(copying)).toEqual(before);
    expect(await state()).toEqual(headBefore);
    const next = await store.appendMany(bulk(80, 100));
    expect([next.firstPosition, next.lastPosition]).toEqual([1101, 9100]);
  });

  it('leaves the ledger unchanged when the batch fails: a duplicate event id, a wrong expected version, bad data', async () => {
    const { store, pool } = copying;
    await store.append(streamName(), 'no_stream', newEvents(2));
    const before = await ledger(copying);
    const lastHash = async () => (await pool.query<{ h: string }>("SELECT encode(last_hash, 'hex') AS h FROM ledger_head")).rows[0].h;
    const hashBefore = await lastHash();

    const duplicate = bulk(10, 20);
    const existing = (await store.readAll())[0];
    duplicate[9].events[19] = { ...duplicate[9].events[19], id: existing.id };
    await expect(store.appendMany(duplicate)).rejects.toThrow(existing.id);

    const stale = bulk(10, 20);
    stale[5] = { ...stale[5], expectedVersion: 3 };
    await expect(store.appendMany(stale)).rejects.toThrow(/expected/i);

    const poisoned = bulk(10, 20);
    poisoned[7].events[3] = newEvent({ note: 'bad\u0000byte' });
    await expect(store.appendMany(poisoned)).rejects.toThrow(/unsupported Unicode escape|\\u0000/);

    expect(await ledger(copying)).toEqual(before);
    expect(await lastHash()).toBe(hashBefore);
    const next = await store.appendMany(bulk(10, 20));
    expect(next.firstPosition).toBe(3);
  });

  it('works as the application role, which may only SELECT and INSERT the evidence tables', async () => {
    const role = `bulk_app_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await copying.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    const owner = await copying.pool.connect();
    try {
      await grantAppPrivileges(owner, role);
    } finally {
      owner.release();
    }
    const url = new URL(copying.url);
    url.username = role;
    url.password = password;
    const appPool = new Pool({ connectionString: url.toString(), max: 2 });
    const appStore = new PostgresEventStore(appPool, { copyFromEvents: 100 });
    try {
      const result = await appStore.appendMany(bulk(20, 10), { idempotencyKey: 'bulk-1' });
      expect(result.lastPosition).toBe(200);
      expect((await appStore.appendMany(bulk(20, 10), { idempotencyKey: 'bulk-1' })).replayed).toBe(true);
      expect(await appStore.headPosition()).toBe(200);
      await expect(appPool.query('UPDATE ledger_events SET type = type')).rejects.toThrow(/permission denied/);
    } finally {
      await appStore.close();
      await appPool.end();
      await copying.pool.query(`DROP OWNED BY ${role}`);
      await copying.pool.query(`DROP ROLE ${role}`);
    }
  });
});
