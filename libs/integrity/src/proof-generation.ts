/**
 * Server side of RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (PROOF / SUBPROOF).
 *
 * Both algorithms only ever need MTH of O(log n) disjoint leaf ranges [start, end), so they are
 * written against a `SubtreeRootAt` accessor. The requested ranges are either perfect subtrees
 * (power-of-two size, aligned start) or a right edge ending at the tree size, which a server can
 * answer from stored subtree hashes. `subtreeRootFromLeaves` answers them by streaming the leaf
 * hashes through a MerkleAccumulator: because the ranges are disjoint, a whole proof then costs
 * O(n) leaf-hash reads and hashes but only O(log n) memory.
 */
import { MerkleAccumulator, splitPoint } from './merkle';

/** Returns the leaf hash (already leafHash()-ed) at a 0-based index. */
export type LeafHashAt = (index: number) => Buffer;
/** Returns MTH(D[start:end]) for 0 ≤ start < end ≤ tree size. */
export type SubtreeRootAt = (start: number, end: number) => Buffer;
/** Leaf hashes as an array or as an index accessor. */
export type LeafSource = readonly Buffer[] | LeafHashAt;

/** A SubtreeRootAt that streams the range's leaf hashes: O(end − start) time, O(log n) memory. */
export function subtreeRootFromLeaves(leaves: LeafSource): SubtreeRootAt {
  const at: LeafHashAt = typeof leaves === 'function' ? leaves : (i) => leaves[i];
  return (start, end) => {
    const acc = new MerkleAccumulator();
    for (let i = start; i < end; i++) acc.append(at(i));
    return acc.root();
  };
}

/** Inclusion proof (audit path) of leaf `index` in the tree of the first `size` leaves. */
export function inclusionProof(index: number, size: number, leaves: LeafSource): Buffer[] {
  return inclusionProofFromSubtrees(index, size, subtreeRootFromLeaves(leaves));
}

/** As inclusionProof, asking `subtreeRoot` for O(log size) ranges. Hashes are ordered bottom-up. */
export function inclusionProofFromSubtrees(index: number, size: number, subtreeRoot: SubtreeRootAt): Buffer[] {
  assertCount('size', size);
  assertCount('index', index);
  if (index >= size) throw new RangeError(`index ${index} is not below tree size ${size}`);
  const proof: Buffer[] = [];
  path(index, 0, size, subtreeRoot, proof);
  return proof;
}

// PATH(m, D[start:end]): the sibling on the other side of the split comes after the deeper part.
function path(m: number, start: number, end: number, subtreeRoot: SubtreeRootAt, out: Buffer[]): void {
  const n = end - start;
  if (n === 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(m, start, start + k, subtreeRoot, out);
    out.push(subtreeRoot(start + k, end));
  } else {
    path(m - k, start + k, end, subtreeRoot, out);
    out.push(subtreeRoot(start, start + k));
  }
}

/**
 * Consistency proof between the trees of the first `size1` and `size2` leaves.
 * size1 == size2 gives the empty proof. size1 == 0 is refused: every tree extends the empty
 * tree, there is nothing to prove, and verifiers (per the RFC 6962 vectors) reject it.
 */
export function consistencyProof(size1: number, size2: number, leaves: LeafSource): Buffer[] {
  return consistencyProofFromSubtrees(size1, size2, subtreeRootFromLeaves(leaves));
}

/** As consistencyProof, asking `subtreeRoot` for O(log size2) ranges. */
export function consistencyProofFromSubtrees(size1: number, size2: number, subtreeRoot: SubtreeRootAt): Buffer[] {
  assertCount('size1', size1);
  assertCount('size2', size2);
  if (size1 === 0) throw new RangeError('no consistency proof exists from the empty tree (size1 = 0)');
  if (size1 > size2) throw new RangeError(`size1 ${size1} is larger than size2 ${size2}`);
  const proof: Buffer[] = [];
  if (size1 < size2) subproof(size1, 0, size2, true, subtreeRoot, proof);
  return proof;
}

// SUBPROOF(m, D[start:end], b): b records whether D[start:start+m] is the old tree itself, whose
// root the verifier already has (so it is left out of the proof).
function subproof(m: number, start: number, end: number, b: boolean, subtreeRoot: SubtreeRootAt, out: Buffer[]): void {
  const n = end - start;
  if (m === n) {
    if (!b) out.push(subtreeRoot(start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(m, start, start + k, b, subtreeRoot, out);
    out.push(subtreeRoot(start + k, end));
  } else {
    subproof(m - k, start + k, end, false, subtreeRoot, out);
    out.push(subtreeRoot(start, start + k));
  }
}

function assertCount(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${v}`);
}
