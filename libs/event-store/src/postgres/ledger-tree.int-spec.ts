import { rootFromLeafHashes, verifyConsistency, verifyInclusion } from '@renja/integrity';
import { eventHash, GENESIS_HASH } from '../integrity/event-hash';
import { newEvents, streamName } from '../testing/contract/fixtures';
import { openTestStore, type TestStore } from '../testing/postgres-test-store';
import { LedgerTree } from './ledger-tree';

describe('hash chain and Merkle tree of the PostgreSQL ledger', () => {
  let t: TestStore;
  let tree: LedgerTree;
  let chain: Buffer[];

  beforeAll(async () => {
    t = await openTestStore();
    tree = new LedgerTree(t.pool);
    // 35 events in uneven batches, some across two streams, some concurrent
    for (const size of [1, 3, 2, 5, 1, 8]) await t.store.append(streamName(), 'no_stream', newEvents(size));
    await t.store.appendMany([
      { streamId: streamName('a'), expectedVersion: 'no_stream', events: newEvents(4) },
      { streamId: streamName('b'), expectedVersion: 'no_stream', events: newEvents(3) },
    ]);
    await Promise.all([1, 2, 3, 4].map(() => t.store.append(streamName(), 'no_stream', newEvents(2))));
    // recompute the chain independently from what a reader sees
    let previous: Buffer = GENESIS_HASH;
    chain = (await t.store.readAll({ after: 0, limit: 1000 })).map((e) => (previous = eventHash(e, previous)));
  });
  afterAll(() => t.teardown());

  it('stores each event hash, chained to the previous one, as the tree leaves', async () => {
    expect(chain).toHaveLength(35);
    expect(await tree.leafHashes(1, 1000)).toEqual(chain);
    const { rows } = await t.pool.query('SELECT last_hash FROM ledger_head');
    expect(rows[0].last_hash).toEqual(chain[34]);
  });

  it('answers the RFC 6962 root of every size from stored nodes', async () => {
    for (let size = 0; size <= 35; size++) expect(await tree.root(size)).toEqual(rootFromLeafHashes(chain.slice(0, size)));
  });

  it('serves inclusion and consistency proofs that verify', async () => {
    for (const size of [1, 2, 7, 16, 31, 35]) {
      const root = await tree.root(size);
      for (let index = 0; index < size; index++) {
        const proof = await tree.inclusionProof(index, size);
        expect(() => verifyInclusion({ index, size, leafHash: chain[index], proof, root })).not.toThrow();
      }
      for (const size1 of [1, 3, 8, size]) {
        if (size1 > size) continue;
        const [proof, root1] = [await tree.consistencyProof(size1, size), await tree.root(size1)];
        expect(() => verifyConsistency({ size1, size2: size, root1, root2: root, proof })).not.toThrow();
      }
    }
  });

  it('refuses to change a stored node', async () => {
    await expect(t.pool.query('UPDATE ledger_merkle_nodes SET hash = $1 WHERE level = 0 AND idx = 0', [Buffer.alloc(32)])).rejects.toThrow(
      /append-only/,
    );
  });
});
