/**
 * RFC 6962 / RFC 9162 §2.1.1 Merkle tree hashing.
 *
 * Leaves and interior nodes are hashed with different one-byte prefixes (0x00 / 0x01) so that a
 * leaf can never be passed off as an interior node (second-preimage resistance of the tree).
 * Everything here is pure: SHA-256 from node:crypto, no I/O, no clock.
 */
import { createHash, hash } from 'node:crypto';

/** SHA-256 output size: every leaf hash, node hash and root in this library is this long. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 || d): the hash of one log entry's bytes. */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/**
 * MTH({d}) for d the UTF-8 bytes of `text`: the 0x00 prefix is the character U+0000, whose UTF-8 is
 * that one byte, so one-shot hashing of "\0" + text hashes exactly 0x00 || d (and skips the Hash
 * object that dominates the cost of hashing a few hundred bytes).
 */
export function leafHashOfText(text: string): Buffer {
  // crypto.hash exists from Node 20.12; package.json allows any Node 20.
  return typeof hash === 'function'
    ? hash('sha256', `\0${text}`, 'buffer')
    : createHash('sha256').update(LEAF_PREFIX).update(text, 'utf8').digest();
}

/** SHA-256(0x01 || left || right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (typeof hash !== 'function' || left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  }
  // One-shot over a scratch buffer (synchronous, so never shared): no Hash object per node.
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return hash('sha256', NODE_INPUT, 'buffer');
}

const NODE_INPUT = Buffer.concat([NODE_PREFIX, Buffer.alloc(2 * HASH_SIZE)]);

/** MTH({}) = SHA-256(""): the root of the empty tree. */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/**
 * Largest power of two strictly smaller than n (n ≥ 2): the RFC's split point k.
 * Arithmetic rather than bit operators, because JS bit operators truncate to 32 bits.
 */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[n]) over already-computed leaf hashes, written literally after the RFC's recursive
 * definition (split at the largest power of two below n). It is the reference the streaming
 * accumulator is tested against. O(n) hashing, O(log n) stack.
 */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Buffer {
  for (const h of hashes) assertHash(h, 'leaf hash');
  return hashes.length === 0 ? emptyRoot() : mth(hashes, 0, hashes.length);
}

function mth(hashes: readonly Uint8Array[], start: number, end: number): Buffer {
  if (end - start === 1) return Buffer.from(hashes[start]);
  const k = splitPoint(end - start);
  return nodeHash(mth(hashes, start, start + k), mth(hashes, start + k, end));
}

/** Serializable state of a MerkleAccumulator, e.g. to persist it next to the last sequence number. */
export interface AccumulatorState {
  size: number;
  /** Roots of the perfect subtrees covering [0, size), largest (leftmost) first. */
  peaks: Buffer[];
}

/**
 * Streaming MTH ("compact range" of [0, size)): append leaf hashes one by one and ask for the
 * root of everything appended so far, keeping only O(log n) hashes — one perfect-subtree root
 * per set bit of `size`. This is how roots over millions of events are computed without
 * holding them in memory. append() is amortised O(1) hashes, root() is O(log n).
 *
 * Why it matches the RFC: the RFC tree of size n splits at the largest power of two k < n,
 * so its left child is the perfect subtree of the highest set bit and its right child is the
 * RFC tree of the remaining n − k leaves — recursively, exactly the peaks folded right to left.
 */
export class MerkleAccumulator {
  private count = 0;
  private readonly peaks: Buffer[] = [];

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash (32 bytes, i.e. already leafHash()-ed). */
  append(hash: Uint8Array): void {
    assertHash(hash, 'leaf hash');
    if (this.count >= Number.MAX_SAFE_INTEGER) throw new RangeError('MerkleAccumulator is full (2^53 - 1 leaves)');
    let carry: Buffer = Buffer.from(hash);
    // Like binary increment: every trailing 1 bit of count is a complete subtree of equal
    // size to the left of the new node, so the two merge into one subtree twice as large.
    for (let n = this.count; n % 2 === 1; n = Math.floor(n / 2)) {
      carry = nodeHash(this.peaks.pop() as Buffer, carry);
    }
    this.peaks.push(carry);
    this.count += 1;
  }

  /** Convenience: append(leafHash(data)). */
  appendData(data: Uint8Array): void {
    this.append(leafHash(data));
  }

  /** MTH of the first `size` leaves. */
  root(): Buffer {
    if (this.peaks.length === 0) return emptyRoot();
    let root = this.peaks[this.peaks.length - 1];
    for (let i = this.peaks.length - 2; i >= 0; i--) root = nodeHash(this.peaks[i], root);
    return root;
  }

  state(): AccumulatorState {
    return { size: this.count, peaks: this.peaks.map((p) => Buffer.from(p)) };
  }

  /** Resumes from a persisted state; rejects states whose peak count cannot match the size. */
  static fromState(state: AccumulatorState): MerkleAccumulator {
    if (!Number.isSafeInteger(state.size) || state.size < 0) throw new RangeError(`Bad accumulator size ${state.size}`);
    if (state.peaks.length !== popCount(state.size)) {
      throw new RangeError(`Accumulator of size ${state.size} needs ${popCount(state.size)} peaks, got ${state.peaks.length}`);
    }
    const acc = new MerkleAccumulator();
    for (const p of state.peaks) assertHash(p, 'peak');
    acc.peaks.push(...state.peaks.map((p) => Buffer.from(p)));
    acc.count = state.size;
    return acc;
  }

  clone(): MerkleAccumulator {
    return MerkleAccumulator.fromState(this.state());
  }
}

function popCount(n: number): number {
  let ones = 0;
  for (; n > 0; n = Math.floor(n / 2)) ones += n % 2;
  return ones;
}

function assertHash(h: Uint8Array, what: string): void {
  if (h.length !== HASH_SIZE) throw new RangeError(`${what} must be ${HASH_SIZE} bytes, got ${h.length}`);
}
