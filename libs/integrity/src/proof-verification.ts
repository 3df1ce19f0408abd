/**
 * Client side of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), following the RFC's
 * fn/sn bit-walking algorithms step by step. Sizes and indices may be bigint so that any uint64
 * a peer sends (e.g. 2^64 − 1) is judged exactly instead of being rounded by a JS number.
 * Every failure throws a ProofError whose `reason` says why.
 */
import { HASH_SIZE, nodeHash } from './merkle';

export type ProofFailure =
  | 'BAD_SIZE' // not a uint64
  | 'INDEX_OUT_OF_RANGE' // leaf index ≥ tree size
  | 'SIZE_DECREASED' // size2 < size1
  | 'EMPTY_TREE' // consistency from size1 = 0 is meaningless
  | 'BAD_HASH_LENGTH' // a leaf hash, root or proof element is not 32 bytes
  | 'EMPTY_PROOF' // size1 < size2 but no proof given
  | 'NON_EMPTY_PROOF' // size1 = size2 but a proof was given
  | 'PROOF_TOO_LONG'
  | 'PROOF_TOO_SHORT'
  | 'ROOT_MISMATCH';

export class ProofError extends Error {
  constructor(
    readonly reason: ProofFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ProofError';
  }
}

/** A tree size or leaf index: a safe-integer number or a bigint below 2^64. */
export type TreeIndex = number | bigint;

export interface InclusionCheck {
  index: TreeIndex;
  size: TreeIndex;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  root: Uint8Array;
}

export interface ConsistencyCheck {
  size1: TreeIndex;
  size2: TreeIndex;
  root1: Uint8Array;
  root2: Uint8Array;
  proof: readonly Uint8Array[];
}

/** Throws ProofError unless `proof` shows `leafHash` at `index` in the tree with `root`. */
export function verifyInclusion(check: InclusionCheck): void {
  assertHashLength(check.root, 'root');
  const computed = rootFromInclusionProof(check);
  if (!computed.equals(check.root)) throw new ProofError('ROOT_MISMATCH', 'inclusion proof leads to a different root');
}

/** The root implied by an inclusion proof (RFC 9162 §2.1.3.2 steps 1–5 minus the comparison). */
export function rootFromInclusionProof(check: Omit<InclusionCheck, 'root'>): Buffer {
  const index = toUint64('index', check.index);
  const size = toUint64('size', check.size);
  if (index >= size) throw new ProofError('INDEX_OUT_OF_RANGE', `leaf index ${index} is not below tree size ${size}`);
  assertHashLength(check.leafHash, 'leaf hash');
  check.proof.forEach((p, i) => assertHashLength(p, `proof[${i}]`));

  let fn = index;
  let sn = size - 1n;
  let r: Buffer = Buffer.from(check.leafHash);
  for (const p of check.proof) {
    if (sn === 0n) throw new ProofError('PROOF_TOO_LONG', 'inclusion proof has more hashes than the tree has levels');
    if ((fn & 1n) === 1n || fn === sn) {
      // Node is a right child, or the last node of its level (no right sibling): sibling on the left.
      r = nodeHash(p, r);
      // Skip the levels where the node is promoted unchanged along the right border.
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('PROOF_TOO_SHORT', 'inclusion proof ends before reaching the root');
  return r;
}

/** Throws ProofError unless `proof` shows the tree (size2, root2) extends the tree (size1, root1). */
export function verifyConsistency(check: ConsistencyCheck): void {
  const size1 = toUint64('size1', check.size1);
  const size2 = toUint64('size2', check.size2);
  const { root1, root2, proof } = check;
  if (size2 < size1) throw new ProofError('SIZE_DECREASED', `size2 ${size2} is smaller than size1 ${size1}`);
  // Checked before size1 == size2: the vectors reject even (0, 0) — a proof from the empty
  // tree proves nothing, and callers must not mistake it for evidence.
  if (size1 === 0n) throw new ProofError('EMPTY_TREE', 'consistency proof from the empty tree is meaningless');
  if (size1 === size2) {
    if (proof.length > 0) throw new ProofError('NON_EMPTY_PROOF', 'sizes are equal, so the proof must be empty');
    // Plain equality, no length check: identical roots at identical sizes are consistent by
    // definition (and the vectors accept it for arbitrary byte strings).
    if (!Buffer.from(root1).equals(Buffer.from(root2))) throw new ProofError('ROOT_MISMATCH', 'same size, different roots');
    return;
  }
  if (proof.length === 0) throw new ProofError('EMPTY_PROOF', 'consistency proof is empty'); // §2.1.4.2 step 1
  assertHashLength(root1, 'root1');
  assertHashLength(root2, 'root2');
  proof.forEach((p, i) => assertHashLength(p, `proof[${i}]`));

  // Step 2: if size1 is a power of two the old tree is a complete subtree of the new one and
  // its root is not repeated in the proof.
  const path = (size1 & (size1 - 1n)) === 0n ? [root1, ...proof] : [...proof];
  // Steps 3–4: start at the node of the old tree's last leaf, climbing while it is a right child.
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  // Step 5: fr rebuilds the old root, sr the new one, from the same starting subtree.
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new ProofError('PROOF_TOO_LONG', 'consistency proof has more hashes than needed');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c); // a right sibling only exists in the new tree
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  // Step 7.
  if (sn !== 0n) throw new ProofError('PROOF_TOO_SHORT', 'consistency proof ends before reaching the new root');
  if (!fr.equals(root1)) throw new ProofError('ROOT_MISMATCH', 'consistency proof does not lead to root1');
  if (!sr.equals(root2)) throw new ProofError('ROOT_MISMATCH', 'consistency proof does not lead to root2');
}

const UINT64_LIMIT = 1n << 64n;

function toUint64(name: string, v: TreeIndex): bigint {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  } else if (typeof v === 'bigint' && v >= 0n && v < UINT64_LIMIT) {
    return v;
  }
  throw new ProofError('BAD_SIZE', `${name} must be an unsigned 64-bit integer, got ${String(v)}`);
}

function assertHashLength(h: Uint8Array, what: string): void {
  if (h.length !== HASH_SIZE) throw new ProofError('BAD_HASH_LENGTH', `${what} must be ${HASH_SIZE} bytes, got ${h.length}`);
}
