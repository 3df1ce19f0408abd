/**
 * Proof generation round trips: every generated proof for trees up to 33 leaves verifies, tampered
 * ones do not, and on the README's 8-leaf tree the generated proofs equal the vectors' proofs.
 */
import { leafHash, MerkleAccumulator } from './merkle';
import {
  consistencyProof,
  consistencyProofFromSubtrees,
  inclusionProof,
  inclusionProofFromSubtrees,
  subtreeRootFromLeaves,
} from './proof-generation';
import { ProofError, verifyConsistency, verifyInclusion } from './proof-verification';
import { REFERENCE_LEAF_HASHES, REFERENCE_ROOTS } from './testing/reference-tree';
import { loadConsistency, loadInclusion, vectorFiles } from './testing/rfc6962-vectors';

const MAX = 33;
// The reference tree's 8 leaves, then more, so the small cases coincide with the vectors' tree.
const leaves = [...REFERENCE_LEAF_HASHES, ...Array.from({ length: MAX - 8 }, (_, i) => leafHash(Buffer.from(`leaf ${i + 8}`)))];
const roots = [new MerkleAccumulator().root()];
{
  const acc = new MerkleAccumulator();
  for (const l of leaves) {
    acc.append(l);
    roots.push(acc.root());
  }
}
const flipped = (proof: Buffer[], i: number) => proof.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ 1 : b))) : p));
const rejects = (f: () => void) => {
  try {
    f();
    return false;
  } catch (e) {
    return e instanceof ProofError;
  }
};

describe('inclusion proof round trip (every index < size ≤ 33)', () => {
  it('generated proofs verify, and flipping any bit or shifting the index breaks them', () => {
    const failures: string[] = [];
    for (let size = 1; size <= MAX; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, leaves);
        const check = { index, size, leafHash: leaves[index], proof, root: roots[size] };
        if (rejects(() => verifyInclusion(check))) failures.push(`(${index}, ${size}) did not verify`);
        proof.forEach((_, i) => {
          if (!rejects(() => verifyInclusion({ ...check, proof: flipped(proof, i) }))) failures.push(`(${index}, ${size}) bit flip ${i}`);
        });
        if (size > 1 && !rejects(() => verifyInclusion({ ...check, index: (index + 1) % size }))) {
          failures.push(`(${index}, ${size}) accepted at the wrong index`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses impossible requests', () => {
    expect(() => inclusionProof(3, 3, leaves)).toThrow(RangeError);
    expect(() => inclusionProof(0, 0, leaves)).toThrow(RangeError);
    expect(() => inclusionProof(-1, 3, leaves)).toThrow(RangeError);
  });
});

describe('consistency proof round trip (every 1 ≤ m ≤ n ≤ 33)', () => {
  it('generated proofs verify, and flipping any bit or swapping roots breaks them', () => {
    const failures: string[] = [];
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, leaves);
        const check = { size1: m, size2: n, root1: roots[m], root2: roots[n], proof };
        if (rejects(() => verifyConsistency(check))) failures.push(`(${m}, ${n}) did not verify`);
        if (m === n && proof.length !== 0) failures.push(`(${m}, ${n}) proof not empty`);
        proof.forEach((_, i) => {
          if (!rejects(() => verifyConsistency({ ...check, proof: flipped(proof, i) }))) failures.push(`(${m}, ${n}) bit flip ${i}`);
        });
        if (m < n && !rejects(() => verifyConsistency({ ...check, root1: roots[n], root2: roots[m] }))) {
          failures.push(`(${m}, ${n}) swapped roots accepted`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses m = 0 (nothing to prove from the empty tree) and m > n', () => {
    expect(() => consistencyProof(0, 5, leaves)).toThrow(RangeError);
    expect(() => consistencyProof(6, 5, leaves)).toThrow(RangeError);
  });
});

describe('generated proofs equal the vectors on the 8-leaf reference tree', () => {
  // Happy paths whose roots belong to the reference tree (single-entry/additional use other data).
  const onReferenceTree = <T>(files: string[], load: (f: string) => T, match: (v: T) => boolean) =>
    files
      .filter((f) => f.endsWith('/happy-path.json'))
      .map((f) => ({ file: f, v: load(f) }))
      .filter(({ v }) => match(v));

  it('inclusion: (0,1) (0,8) (5,8) (2,3) (1,5)', () => {
    const cases = onReferenceTree(
      vectorFiles('inclusion'),
      loadInclusion,
      (v) =>
        v.treeSize <= 8n &&
        v.root.equals(REFERENCE_ROOTS[Number(v.treeSize)]) &&
        v.leafHash.equals(REFERENCE_LEAF_HASHES[Number(v.leafIdx)]),
    );
    expect(cases.map(({ v }) => `${v.leafIdx}/${v.treeSize}`).sort()).toEqual(['0/1', '0/8', '1/5', '2/3', '5/8']);
    for (const { file, v } of cases) {
      const generated = inclusionProof(Number(v.leafIdx), Number(v.treeSize), REFERENCE_LEAF_HASHES);
      expect({ file, proof: generated.map((p) => p.toString('base64')) }).toEqual({
        file,
        proof: v.proof.map((p) => p.toString('base64')),
      });
    }
  });

  it('consistency: (1,1) (1,8) (6,8) (2,5) (6,7)', () => {
    const cases = onReferenceTree(
      vectorFiles('consistency'),
      loadConsistency,
      (v) => v.size2 <= 8n && v.root1.equals(REFERENCE_ROOTS[Number(v.size1)]) && v.root2.equals(REFERENCE_ROOTS[Number(v.size2)]),
    );
    expect(cases.map(({ v }) => `${v.size1}/${v.size2}`).sort()).toEqual(['1/1', '1/8', '2/5', '6/7', '6/8']);
    for (const { file, v } of cases) {
      const generated = consistencyProof(Number(v.size1), Number(v.size2), REFERENCE_LEAF_HASHES);
      expect({ file, proof: generated.map((p) => p.toString('base64')) }).toEqual({
        file,
        proof: v.proof.map((p) => p.toString('base64')),
      });
    }
  });
});

describe('proofs from a subtree-root accessor', () => {
  it('asks for O(log n) ranges and streams leaves through a function (no array)', () => {
    const size = 5000;
    const leafAt = (i: number) => leafHash(Buffer.from(`event ${i}`));
    const requested: Array<[number, number]> = [];
    const streaming = subtreeRootFromLeaves(leafAt);
    const subtreeRoot = (start: number, end: number) => {
      requested.push([start, end]);
      return streaming(start, end);
    };
    const acc = new MerkleAccumulator();
    for (let i = 0; i < size; i++) acc.append(leafAt(i));
    const root = acc.root();

    const proof = inclusionProofFromSubtrees(1234, size, subtreeRoot);
    expect(requested.length).toBe(proof.length);
    expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
    verifyInclusion({ index: 1234, size, leafHash: leafAt(1234), proof, root });

    const old = new MerkleAccumulator();
    for (let i = 0; i < 3000; i++) old.append(leafAt(i));
    requested.length = 0;
    const cproof = consistencyProofFromSubtrees(3000, size, subtreeRoot);
    expect(requested.length).toBe(cproof.length);
    expect(cproof.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)));
    // Requested ranges are disjoint, so the whole proof streams each leaf at most once.
    const covered = requested.reduce((n, [s, e]) => n + (e - s), 0);
    expect(covered).toBeLessThanOrEqual(size);
    verifyConsistency({ size1: 3000, size2: size, root1: old.root(), root2: root, proof: cproof });
  });
});
