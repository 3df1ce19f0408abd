import { nodeHash } from '@renja/integrity';

/** A stored Merkle tree node: level 0 are the event hashes (idx = position − 1). */
export interface MerkleNode {
  level: number;
  idx: number;
  hash: Buffer;
}

/**
 * Appends leaf hashes to the right edge of the tree. `peaks` are the roots of the perfect subtrees
 * covering the first `size` leaves, largest first (one per set bit of size). Returns every node that
 * the new leaves complete — the leaves themselves and the interior nodes — so proofs and roots of any
 * size can later be read from stored nodes instead of re-hashing the log.
 */
export function extendTree(size: number, peaks: Buffer[], leaves: Buffer[]): { peaks: Buffer[]; nodes: MerkleNode[] } {
  const stack = [...peaks];
  const nodes: MerkleNode[] = [];
  leaves.forEach((leaf, offset) => {
    const index = size + offset;
    nodes.push({ level: 0, idx: index, hash: leaf });
    let carry = leaf;
    let level = 0;
    // Binary increment: each trailing 1 bit of `index` is a complete left sibling to merge with.
    for (let n = index; n % 2 === 1; n = Math.floor(n / 2)) {
      carry = nodeHash(stack.pop()!, carry);
      level += 1;
      nodes.push({ level, idx: (index + 1) / 2 ** level - 1, hash: carry });
    }
    stack.push(carry);
  });
  return { peaks: stack, nodes };
}
