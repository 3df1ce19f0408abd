import { consistencyProof, generateSignerKey, leafHash, parseSignerKey, rootFromLeafHashes, signCheckpoint } from '@renja/integrity';
import { WitnessRejection, witnessCheckpoint, type WitnessRejectionKind, type WitnessState } from './witness';

const ORIGIN = 'renja-ledger.test/witness';
const key = generateSignerKey(ORIGIN);
const signer = parseSignerKey(key.signerKey);
const leaves = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`${prefix}-${i}`)));
const honest = leaves('event', 40);

const checkpointOf = (tree: Buffer[], size: number, by = signer, origin = ORIGIN) =>
  signCheckpoint({ origin, size, rootHash: rootFromLeafHashes(tree.slice(0, size)) }, by);
const proofBetween = (tree: Buffer[], from: number, to: number) =>
  consistencyProof(from, to, tree.slice(0, to)).map((b) => b.toString('base64'));

function rejection(fn: () => unknown): WitnessRejectionKind {
  try {
    fn();
  } catch (e) {
    if (e instanceof WitnessRejection) return e.kind;
    throw e;
  }
  throw new Error('expected the witness to refuse');
}

describe('witness', () => {
  const first = (): WitnessState =>
    witnessCheckpoint(null, { oldSize: 0, proof: [], checkpoint: checkpointOf(honest, 10) }, key.verifierKey);

  it('trusts the first checkpoint, then accepts honest growth with a consistency proof', () => {
    const s10 = first();
    expect(s10.size).toBe(10);
    const s25 = witnessCheckpoint(
      s10,
      { oldSize: 10, proof: proofBetween(honest, 10, 25), checkpoint: checkpointOf(honest, 25) },
      key.verifierKey,
    );
    expect(s25).toMatchObject({ origin: ORIGIN, size: 25, rootHash: rootFromLeafHashes(honest.slice(0, 25)).toString('base64') });
    const again = witnessCheckpoint(s25, { oldSize: 25, proof: [], checkpoint: checkpointOf(honest, 25) }, key.verifierKey);
    expect(again).toEqual(s25);
  });

  it('catches a rewritten history, even when the operator re-signs it with the right key', () => {
    const rewritten = [...honest];
    rewritten[3] = leafHash(Buffer.from('a quietly changed event'));
    const s10 = first();
    const forged = checkpointOf(rewritten, 25);
    expect(
      rejection(() => witnessCheckpoint(s10, { oldSize: 10, proof: proofBetween(rewritten, 10, 25), checkpoint: forged }, key.verifierKey)),
    ).toBe('inconsistent');
    expect(
      rejection(() => witnessCheckpoint(s10, { oldSize: 10, proof: proofBetween(honest, 10, 25), checkpoint: forged }, key.verifierKey)),
    ).toBe('inconsistent');
    expect(
      rejection(() => witnessCheckpoint(s10, { oldSize: 10, proof: [], checkpoint: checkpointOf(rewritten, 10) }, key.verifierKey)),
    ).toBe('inconsistent');
  });

  it('refuses another key, another origin, a stale old size and a smaller tree', () => {
    const s10 = first();
    const other = parseSignerKey(generateSignerKey(ORIGIN).signerKey);
    const growth = { oldSize: 10, proof: proofBetween(honest, 10, 25) };
    expect(rejection(() => witnessCheckpoint(s10, { ...growth, checkpoint: checkpointOf(honest, 25, other) }, key.verifierKey))).toBe(
      'bad_signature',
    );
    const elsewhere = generateSignerKey('another.log/x');
    const foreign = checkpointOf(honest, 25, parseSignerKey(elsewhere.signerKey), 'another.log/x');
    expect(rejection(() => witnessCheckpoint(s10, { ...growth, checkpoint: foreign }, elsewhere.verifierKey))).toBe('bad_signature');
    expect(
      rejection(() =>
        witnessCheckpoint(s10, { oldSize: 8, proof: proofBetween(honest, 8, 25), checkpoint: checkpointOf(honest, 25) }, key.verifierKey),
      ),
    ).toBe('conflict');
    expect(rejection(() => witnessCheckpoint(s10, { oldSize: 10, proof: [], checkpoint: checkpointOf(honest, 5) }, key.verifierKey))).toBe(
      'smaller',
    );
  });
});
