/** RFC 9162 §2.1.3.2: verifying an inclusion proof. */
import { equalBytes } from './bytes';
import { nodeHash } from './leaf';

export type InclusionResult =
  | { ok: true; root: Uint8Array }
  | { ok: false; reason: 'index-out-of-range' | 'bad-node' | 'proof-too-long' | 'proof-too-short' | 'root-mismatch'; root?: Uint8Array };

/** The root an inclusion proof leads to, or why it leads nowhere (steps 1–5 of §2.1.3.2). */
export async function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<InclusionResult> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    return { ok: false, reason: 'index-out-of-range' };
  if (leaf.length !== 32 || proof.some((p) => p.length !== 32)) return { ok: false, reason: 'bad-node' };
  // BigInt: the bit walk stays exact above 2^31 (JS bitwise operators are 32-bit).
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return { ok: false, reason: 'proof-too-long' };
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return { ok: false, reason: 'proof-too-short' };
  return { ok: true, root: r };
}

/** Step 6 too: the computed root must equal `root`. */
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<InclusionResult> {
  const result = await rootFromInclusionProof(index, size, leaf, proof);
  if (!result.ok) return result;
  return equalBytes(result.root, root) ? result : { ok: false, reason: 'root-mismatch', root: result.root };
}
