import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { rootFromLeafHashes } from '@renja/integrity';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase } from '@renja/infrastructure/testing/test-database';
import { eventHash, GENESIS_HASH } from '../integrity/event-hash';
import { extendTree } from '../integrity/merkle-frontier';
import { WrongExpectedVersionError } from '../port/errors';
import type { AppendResult, NewEvent } from '../port/event-store.port';
import { newEvents, sampleMetadata } from '../testing/contract/fixtures';
import { appendOneFunctionMigration } from './append-one-function';
import { LedgerTree } from './ledger-tree';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreMigrations } from './schema';

interface Opened {
  store: PostgresEventStore;
  pool: Pool;
  teardown: () => Promise<void>;
}

/** A store on one connection, on a database with every migration or without ledger_append_one (0006). */
async function open(withOne: boolean): Promise<Opened> {
  const db = await createTestDatabase('es');
  const pool = new Pool({ connectionString: db.url, max: 1 });
  await runMigrations(pool, withOne ? eventStoreMigrations : eventStoreMigrations.filter((m) => m.id !== appendOneFunctionMigration.id));
  const store = new PostgresEventStore(pool);
  return {
    store,
    pool,
    teardown: async () => {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
}

async function prepared(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
  return rows.map((r) => r.name);
}

/** The same calls, events and keys on a store: single events with expected versions, a conflict, keys and replays. */
async function scenario(store: PostgresEventStore, events: NewEvent[]): Promise<Array<AppendResult | string>> {
  const out: Array<AppendResult | string> = [];
  for (let i = 0; i < 35; i++) {
    const stream = i % 2 === 0 ? 'line-"ø"-a' : 'line-b';
    const expected = i < 2 ? 'no_stream' : i % 5 === 0 ? 'any' : Math.floor(i / 2);
    const key = i % 4 === 0 ? `k-${i}` : undefined;
    out.push(
      await store.append(
        stream,
        expected,
        [events[i]],
        key === undefined ? {} : { idempotencyKey: key, requestHash: i % 8 === 0 ? undefined : `h-${i}` },
      ),
    );
  }
  out.push(await store.append('line-b', 17, [events[35]], { idempotencyKey: 'k-4', requestHash: 'h-4' })); // a replay
  out.push(
    await store
      .append('line-b', 3, [events[36]])
      .catch((e: unknown) => (e instanceof WrongExpectedVersionError ? `conflict ${e.actual}` : String(e))),
  );
  out.push(await store.append('line-c', 'no_stream', [events[37]], { idempotencyKey: 'k-c' }));
  return out;
}

describe('ledger_append_one (migration 0006): one stream and one event', () => {
  let one: Opened;
  let arrays: Opened;
  beforeEach(async () => {
    one = await open(true);
    arrays = await open(false);
  });
  afterEach(async () => {
    await one.teardown();
    await arrays.teardown();
  });

  it('answers, stores and keys exactly as ledger_append does, with the hashes and Merkle nodes a verifier recomputes', async () => {
    const odd = { é: 'ü"\\\n\u2028 \ud83d\ude00', z: [1, 2.5, 1e21, 0.1, -3], a: { nested: null, yes: true } };
    const events = Array.from({ length: 38 }, (_, i): NewEvent => ({
      id: randomUUID().toUpperCase(),
      type: i % 3 === 0 ? 'pagu.set' : 'realisasi.recorded',
      schemaVersion: 1 + (i % 3),
      data: { ...odd, i },
      metadata: sampleMetadata,
    }));
    const viaOne = await scenario(one.store, events);
    const viaArrays = await scenario(arrays.store, events);
    expect(viaOne).toEqual(viaArrays);
    expect(viaOne[35]).toMatchObject({ replayed: true, firstPosition: 5 });
    expect(viaOne[36]).toBe('conflict 17');
    expect(await prepared(one.pool)).toEqual(['ledger_append_one']);
    expect(await prepared(arrays.pool)).toEqual(['ledger_append_function']);

    const rows = async (s: Opened, table: string, order: string) =>
      (await s.pool.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows.map((r: Record<string, unknown>) => ({
        ...r,
        recorded_at: null,
      }));
    expect(await rows(one, 'ledger_idempotency', 'key')).toEqual(await rows(arrays, 'ledger_idempotency', 'key'));
    expect(await rows(one, 'ledger_events', 'position')).toEqual(await rows(arrays, 'ledger_events', 'position'));

    for (const s of [one, arrays]) {
      const stored = await s.store.readAll();
      expect(stored).toHaveLength(36);
      let previous: Buffer = GENESIS_HASH;
      const chain = stored.map((e) => (previous = eventHash(e, previous)));
      const expected = extendTree(0, [], chain);
      const nodes = await s.pool.query<{ level: number; idx: string; hash: Buffer }>('SELECT level, idx, hash FROM ledger_merkle_nodes');
      const byKey = (n: { level: number; idx: number | string }): string => `${n.level}:${String(n.idx)}`;
      expect(new Map(nodes.rows.map((n) => [byKey(n), n.hash]))).toEqual(new Map(expected.nodes.map((n) => [byKey(n), n.hash])));
      const head = await s.pool.query('SELECT position, peaks, last_hash FROM ledger_head');
      expect(head.rows[0]).toEqual({ position: '36', peaks: expected.peaks, last_hash: chain[35] });
      const tree = new LedgerTree(s.pool);
      for (const size of [1, 2, 3, 31, 32, 33, 36]) expect(await tree.root(size)).toEqual(rootFromLeafHashes(chain.slice(0, size)));
    }
  });

  it('leaves several events or streams to ledger_append', async () => {
    await one.store.append('line-x', 'no_stream', newEvents(2));
    await one.store.append('line-x', 2, newEvents(1));
    expect(await prepared(one.pool)).toEqual(['ledger_append_function', 'ledger_append_one']);
    expect((await one.store.readStream('line-x')).map((e) => e.version)).toEqual([1, 2, 3]);
  });
});
