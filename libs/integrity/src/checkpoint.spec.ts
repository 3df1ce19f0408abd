import { CheckpointError, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint';
import { MerkleAccumulator } from './merkle';
import { NoteError } from './note-error';
import { generateSignerKey, parseSignerKey } from './note-keys';
import { signNote } from './signed-note';
import { verifyConsistency } from './proof-verification';
import { consistencyProof } from './proof-generation';
import { REFERENCE_LEAF_HASHES, REFERENCE_ROOTS } from './testing/reference-tree';

// The example body from https://c2sp.org/tlog-checkpoint.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const ROOT = REFERENCE_ROOTS[8];
const ROOT_B64 = ROOT.toString('base64');

describe('format and parse', () => {
  it('parses the spec example and formats it back byte for byte', () => {
    const cp = parseCheckpoint(SPEC_BODY);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(cp.rootHash.toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(cp.extensions).toBeUndefined();
    expect(formatCheckpoint(cp)).toBe(SPEC_BODY);
  });

  it('round-trips size 0, extension lines and the largest safe size', () => {
    for (const cp of [
      { origin: 'renja.example/ledger', size: 0, rootHash: REFERENCE_ROOTS[0] },
      { origin: 'renja.example/ledger', size: 8, rootHash: ROOT, extensions: ['x-ext one', 'two'] },
      { origin: 'o', size: Number.MAX_SAFE_INTEGER, rootHash: ROOT },
    ]) {
      expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp);
    }
  });

  test.each([
    ['no final newline', `o\n8\n${ROOT_B64}`],
    ['only two lines', 'o\n8\n'],
    ['empty origin', `\n8\n${ROOT_B64}\n`],
    ['leading zero', `o\n08\n${ROOT_B64}\n`],
    ['"00"', `o\n00\n${ROOT_B64}\n`],
    ['sign', `o\n+8\n${ROOT_B64}\n`],
    ['negative', `o\n-1\n${ROOT_B64}\n`],
    ['spaces around size', `o\n 8\n${ROOT_B64}\n`],
    ['hex size', `o\n0x8\n${ROOT_B64}\n`],
    ['empty size', `o\n\n${ROOT_B64}\n`],
    ['size beyond 2^53 - 1', `o\n9007199254740992\n${ROOT_B64}\n`],
    ['31-byte root', `o\n8\n${ROOT.subarray(1).toString('base64')}\n`],
    ['unpadded root', `o\n8\n${ROOT_B64.replace(/=$/, '')}\n`],
    ['base64url root', `o\n8\n${ROOT.toString('base64url')}=\n`],
    ['empty extension line', `o\n8\n${ROOT_B64}\n\next\n`],
    ['control character in origin', `o\u0000\n8\n${ROOT_B64}\n`],
    ['CRLF', `o\r\n8\r\n${ROOT_B64}\r\n`],
  ])('rejects %s', (_desc, text) => {
    expect(() => parseCheckpoint(text)).toThrow(CheckpointError);
  });

  it('refuses to format what it would refuse to parse', () => {
    expect(() => formatCheckpoint({ origin: '', size: 1, rootHash: ROOT })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: ROOT })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: -1, rootHash: ROOT })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash: ROOT })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: ROOT.subarray(2) })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: ROOT, extensions: [''] })).toThrow(CheckpointError);
  });
});

describe('signed checkpoints', () => {
  const origin = 'renja.example/ledger';
  const { signerKey, verifierKey } = generateSignerKey(origin);
  const signer = parseSignerKey(signerKey);

  it('sign → open round trip, with the origin pinned', () => {
    const note = signCheckpoint({ origin, size: 8, rootHash: ROOT }, signer);
    expect(note.startsWith(`${origin}\n8\n${ROOT_B64}\n\n\u2014 ${origin} `)).toBe(true);
    const opened = openCheckpoint(note, [verifierKey], { origin });
    expect(opened.checkpoint).toEqual({ origin, size: 8, rootHash: ROOT });
    expect(opened.text).toBe(`${origin}\n8\n${ROOT_B64}\n`);
    expect(opened.verifiedBy).toEqual([{ name: origin, keyId: signer.keyId }]);
  });

  it('a tampered size or root is a bad signature; another log is an origin mismatch', () => {
    const note = signCheckpoint({ origin, size: 8, rootHash: ROOT }, signer);
    const bigger = note.replace('\n8\n', '\n9\n');
    expect(() => openCheckpoint(bigger, [verifierKey])).toThrow(NoteError);
    try {
      openCheckpoint(note, [verifierKey], { origin: 'other.example/log' });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(CheckpointError);
      expect((e as CheckpointError).reason).toBe('ORIGIN_MISMATCH');
    }
  });

  it('a signed note whose body is not a checkpoint is a CheckpointError', () => {
    expect(() => openCheckpoint(signNote('hello\n', signer), [verifierKey])).toThrow(CheckpointError);
  });

  it('two checkpoints of one growing log are linked by a consistency proof', () => {
    const acc = new MerkleAccumulator();
    REFERENCE_LEAF_HASHES.slice(0, 5).forEach((h) => acc.append(h));
    const older = openCheckpoint(signCheckpoint({ origin, size: acc.size, rootHash: acc.root() }, signer), [verifierKey]).checkpoint;
    REFERENCE_LEAF_HASHES.slice(5).forEach((h) => acc.append(h));
    const newer = openCheckpoint(signCheckpoint({ origin, size: acc.size, rootHash: acc.root() }, signer), [verifierKey]).checkpoint;
    const proof = consistencyProof(older.size, newer.size, REFERENCE_LEAF_HASHES);
    expect(() =>
      verifyConsistency({ size1: older.size, size2: newer.size, root1: older.rootHash, root2: newer.rootHash, proof }),
    ).not.toThrow();
  });
});
