import { createHash } from 'node:crypto';
import { emptyRoot, leafHash, MerkleAccumulator, nodeHash, rootFromLeafHashes } from './merkle';
import { REFERENCE_LEAF_HASHES, REFERENCE_LEAVES, REFERENCE_ROOTS } from './testing/reference-tree';

const hex = (b: Buffer) => b.toString('hex');
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

describe('RFC 6962 hashing', () => {
  it('prefixes leaves with 0x00 and nodes with 0x01; the empty tree hashes to SHA-256("")', () => {
    const a = Buffer.from('a');
    expect(hex(leafHash(a))).toBe(hex(sha(Buffer.from([0]), a)));
    expect(hex(nodeHash(leafHash(a), leafHash(a)))).toBe(hex(sha(Buffer.from([1]), leafHash(a), leafHash(a))));
    expect(hex(emptyRoot())).toBe(hex(REFERENCE_ROOTS[0]));
  });
});

describe('8-leaf reference tree roots (sizes 0..8)', () => {
  test.each(REFERENCE_ROOTS.map((root, n) => [n, root] as const))('size %i with rootFromLeafHashes', (n, root) => {
    expect(hex(rootFromLeafHashes(REFERENCE_LEAF_HASHES.slice(0, n)))).toBe(hex(root));
  });

  it('the incremental accumulator yields every prefix root along the way', () => {
    const acc = new MerkleAccumulator();
    const seen = [hex(acc.root())];
    for (const leaf of REFERENCE_LEAVES) {
      acc.appendData(leaf);
      seen.push(hex(acc.root()));
    }
    expect(seen).toEqual(REFERENCE_ROOTS.map(hex));
    expect(acc.size).toBe(8);
  });
});

describe('MerkleAccumulator', () => {
  const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));

  it('matches the recursive MTH at every size up to 300 while keeping one peak per set bit', () => {
    const acc = new MerkleAccumulator();
    const wrong: number[] = [];
    for (let n = 1; n <= leaves.length; n++) {
      acc.append(leaves[n - 1]);
      if (!acc.root().equals(rootFromLeafHashes(leaves.slice(0, n)))) wrong.push(n);
      const bits = n.toString(2).replace(/0/g, '').length;
      if (acc.state().peaks.length !== bits) wrong.push(-n);
    }
    expect(wrong).toEqual([]);
  });

  it('streams 70 000 leaves one by one without holding them (O(log n) state)', () => {
    const acc = new MerkleAccumulator();
    const slow = new MerkleAccumulator();
    for (let i = 0; i < 70_000; i++) acc.append(leafHash(Buffer.from(`e${i}`)));
    expect(acc.state().peaks.length).toBe((70_000).toString(2).replace(/0/g, '').length);
    // Cross-check by a different route: root = MTH(left 65536) ⊕ MTH(right 4464).
    for (let i = 0; i < 65_536; i++) slow.append(leafHash(Buffer.from(`e${i}`)));
    const right = new MerkleAccumulator();
    for (let i = 65_536; i < 70_000; i++) right.append(leafHash(Buffer.from(`e${i}`)));
    expect(acc.root().equals(nodeHash(slow.root(), right.root()))).toBe(true);
  });

  it('survives a persist/restore round trip and refuses inconsistent states', () => {
    const acc = new MerkleAccumulator();
    leaves.slice(0, 13).forEach((l) => acc.append(l));
    const restored = MerkleAccumulator.fromState(
      JSON.parse(JSON.stringify(acc.state()), (_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data) : v)),
    );
    leaves.slice(13, 40).forEach((l) => {
      acc.append(l);
      restored.append(l);
    });
    expect(restored.root().equals(acc.root())).toBe(true);
    expect(restored.root().equals(rootFromLeafHashes(leaves.slice(0, 40)))).toBe(true);
    const clone = acc.clone();
    clone.append(leaves[40]);
    expect(acc.size).toBe(40);
    expect(() => MerkleAccumulator.fromState({ size: 3, peaks: [leaves[0]] })).toThrow(RangeError);
    expect(() => MerkleAccumulator.fromState({ size: -1, peaks: [] })).toThrow(RangeError);
  });

  it('rejects anything that is not a 32-byte leaf hash (raw data must go through appendData)', () => {
    expect(() => new MerkleAccumulator().append(Buffer.from('raw event'))).toThrow(RangeError);
    expect(() => rootFromLeafHashes([Buffer.alloc(31)])).toThrow(RangeError);
  });
});
