/**
 * Every RFC 6962 vector file under testdata/inclusion/** and testdata/consistency/** (copied from
 * transparency-dev/merkle): happy paths must verify, every wantErr mutation must be rejected
 * with a ProofError (not some accidental TypeError).
 */
import { ProofError, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './proof-verification';
import { loadConsistency, loadInclusion, vectorFiles } from './testing/rfc6962-vectors';

const inclusionFiles = vectorFiles('inclusion');
const consistencyFiles = vectorFiles('consistency');

describe('RFC 6962 vector folder', () => {
  it('holds all the vector files (a missing or empty folder must fail, never pass)', () => {
    expect(inclusionFiles.length).toBeGreaterThan(50);
    expect(consistencyFiles.length).toBeGreaterThan(50);
    expect(inclusionFiles.length + consistencyFiles.length).toBe(196);
  });
});

describe('inclusion vectors', () => {
  test.each(inclusionFiles)('%s', (file) => {
    const v = loadInclusion(file);
    const check = { index: v.leafIdx, size: v.treeSize, leafHash: v.leafHash, proof: v.proof, root: v.root };
    if (v.wantErr) {
      expect(() => verifyInclusion(check)).toThrow(ProofError);
    } else {
      expect(() => verifyInclusion(check)).not.toThrow();
      expect(rootFromInclusionProof(check).equals(v.root)).toBe(true);
    }
  });
});

describe('consistency vectors', () => {
  test.each(consistencyFiles)('%s', (file) => {
    const v = loadConsistency(file);
    const check = { size1: v.size1, size2: v.size2, root1: v.root1, root2: v.root2, proof: v.proof };
    if (v.wantErr) expect(() => verifyConsistency(check)).toThrow(ProofError);
    else expect(() => verifyConsistency(check)).not.toThrow();
  });
});

describe('rejection reasons', () => {
  const reasonOf = (f: () => void): string => {
    try {
      f();
    } catch (e) {
      return e instanceof ProofError ? e.reason : `not a ProofError: ${String(e)}`;
    }
    return 'accepted';
  };
  const happy = loadInclusion('inclusion/1/happy-path.json');
  const base = { index: happy.leafIdx, size: happy.treeSize, leafHash: happy.leafHash, proof: happy.proof, root: happy.root };

  it('names why an inclusion proof fails', () => {
    expect(reasonOf(() => verifyInclusion({ ...base, index: 8 }))).toBe('INDEX_OUT_OF_RANGE');
    expect(reasonOf(() => verifyInclusion({ ...base, index: -1 }))).toBe('BAD_SIZE');
    expect(reasonOf(() => verifyInclusion({ ...base, size: 2 ** 64 }))).toBe('BAD_SIZE');
    expect(reasonOf(() => verifyInclusion({ ...base, size: 1n << 64n }))).toBe('BAD_SIZE');
    expect(reasonOf(() => verifyInclusion({ ...base, proof: base.proof.slice(0, 2) }))).toBe('PROOF_TOO_SHORT');
    expect(reasonOf(() => verifyInclusion({ ...base, proof: [...base.proof, base.root] }))).toBe('PROOF_TOO_LONG');
    expect(reasonOf(() => verifyInclusion({ ...base, proof: [Buffer.alloc(0), ...base.proof] }))).toBe('BAD_HASH_LENGTH');
    expect(reasonOf(() => verifyInclusion({ ...base, leafHash: Buffer.from('WrongLeaf') }))).toBe('BAD_HASH_LENGTH');
    expect(reasonOf(() => verifyInclusion({ ...base, root: Buffer.alloc(32) }))).toBe('ROOT_MISMATCH');
    expect(reasonOf(() => verifyInclusion({ ...base, size: 8n, index: 0n }))).toBe('accepted');
  });

  it('names why a consistency proof fails', () => {
    const v = loadConsistency('consistency/2/happy-path.json');
    const c = { size1: v.size1, size2: v.size2, root1: v.root1, root2: v.root2, proof: v.proof };
    expect(reasonOf(() => verifyConsistency(c))).toBe('accepted');
    expect(reasonOf(() => verifyConsistency({ ...c, size1: 9 }))).toBe('SIZE_DECREASED');
    expect(reasonOf(() => verifyConsistency({ ...c, size1: 0 }))).toBe('EMPTY_TREE');
    expect(reasonOf(() => verifyConsistency({ ...c, proof: [] }))).toBe('EMPTY_PROOF');
    expect(reasonOf(() => verifyConsistency({ ...c, size2: c.size1, root2: c.root1 }))).toBe('NON_EMPTY_PROOF');
    expect(reasonOf(() => verifyConsistency({ ...c, proof: c.proof.slice(0, 2) }))).toBe('PROOF_TOO_SHORT');
    expect(reasonOf(() => verifyConsistency({ ...c, proof: [...c.proof, c.root1] }))).toBe('PROOF_TOO_LONG');
    expect(reasonOf(() => verifyConsistency({ ...c, root1: c.root2, root2: c.root1 }))).toBe('ROOT_MISMATCH');
    expect(reasonOf(() => verifyConsistency({ ...c, root1: Buffer.from('WrongRoot') }))).toBe('BAD_HASH_LENGTH');
  });
});
