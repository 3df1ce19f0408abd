import { NoteError } from './note-error';
import { generateSignerKey, noteKeyId, parseSignerKey, parseVerifierKey, verifierKeyOf } from './note-keys';
import { openNote, signNote } from './signed-note';

// The C2SP signed-note example quoted in shared/vectors/rfc6962/README.md.
const C2SP_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const C2SP_TEXT = 'This is an example message.\n';
const C2SP_SIG = '\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
const C2SP_NOTE = `${C2SP_TEXT}\n${C2SP_SIG}`;

// Known answer from the golang.org/x/mod/sumdb/note documentation (used as data). Ed25519 is
// deterministic, so our signature must be byte-identical; the key's base64 contains a '+'.
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

// A NoteFailure, or what happened instead.
const reasonOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof NoteError ? e.reason : `not a NoteError: ${String(e)}`;
  }
  return 'accepted';
};

describe('known answers', () => {
  it('verifies the C2SP example note with its verifier key', () => {
    const v = parseVerifierKey(C2SP_VKEY);
    expect(v.name).toBe('example.com/foo');
    expect(v.keyId).toBe(0x530d903a);
    expect(openNote(C2SP_NOTE, [C2SP_VKEY])).toEqual({
      text: C2SP_TEXT,
      verifiedBy: [{ name: 'example.com/foo', keyId: 0x530d903a }],
      unverified: [],
    });
    expect(openNote(Buffer.from(C2SP_NOTE, 'utf8'), [v]).text).toBe(C2SP_TEXT);
  });

  it('reproduces the Go sumdb/note example byte for byte', () => {
    const signer = parseSignerKey(GO_SKEY);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(verifierKeyOf(signer)).toBe(GO_VKEY);
    expect(verifierKeyOf(GO_SKEY)).toBe(GO_VKEY);
    expect(signNote(GO_TEXT, signer)).toBe(GO_NOTE);
    expect(openNote(GO_NOTE, [GO_VKEY]).verifiedBy).toEqual([{ name: 'PeterNeumann', keyId: 0xc74f20a3 }]);
  });
});

describe('generated keys', () => {
  const { signerKey, verifierKey } = generateSignerKey('renja.example/ledger');
  const signer = parseSignerKey(signerKey);

  it('use the documented string forms and a key id derived from name and public key', () => {
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+renja\.example\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKey).toMatch(/^renja\.example\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKeyOf(signer)).toBe(verifierKey);
    expect(signer.keyId).toBe(noteKeyId('renja.example/ledger', signer.publicKey));
    expect(JSON.stringify(signer)).not.toContain(signerKey.split('+').slice(4).join('+'));
  });

  it('round-trip: sign, open; text may contain blank lines', () => {
    const text = 'line one\n\nline three, after a blank line\n';
    const note = signNote(text, signer);
    expect(openNote(note, [verifierKey])).toEqual({ text, verifiedBy: [{ name: signer.name, keyId: signer.keyId }], unverified: [] });
  });

  it('tampering: one changed byte in the text is a bad signature', () => {
    const note = signNote('size 41\n', signer);
    expect(reasonOf(() => openNote(note.replace('41', '42'), [verifierKey]))).toBe('BAD_SIGNATURE');
    const bytes = Buffer.from(C2SP_NOTE, 'utf8');
    bytes[0] ^= 0x20; // 'T' → 't'
    expect(reasonOf(() => openNote(bytes, [C2SP_VKEY]))).toBe('BAD_SIGNATURE');
  });

  it('other signers are ignored unless trusted; one failing trusted signature rejects the note', () => {
    const witness = parseSignerKey(generateSignerKey('witness.example/w1').signerKey);
    const note = signNote('checkpoint\n', [signer, witness]);
    expect(openNote(note, [verifierKey]).unverified).toEqual([{ name: witness.name, keyId: witness.keyId }]);
    expect(openNote(note, [verifierKey, verifierKeyOf(witness)]).verifiedBy).toHaveLength(2);
    expect(reasonOf(() => openNote(note, [GO_VKEY]))).toBe('UNKNOWN_KEY');
    // Same name, different key: unknown, not bad.
    const impostor = verifierKeyOf(parseSignerKey(generateSignerKey('renja.example/ledger').signerKey));
    expect(reasonOf(() => openNote(note, [impostor]))).toBe('UNKNOWN_KEY');
    // Corrupt the witness's signature bytes (not its key id): the valid ledger signature does not save it.
    const forged = note.replace(/(\u2014 witness\.example\/w1 )(\S+)/, (_m, prefix: string, b64: string) => {
      const sig = Buffer.from(b64, 'base64');
      sig[10] ^= 1;
      return prefix + sig.toString('base64');
    });
    expect(reasonOf(() => openNote(forged, [verifierKey]))).toBe('accepted');
    expect(reasonOf(() => openNote(forged, [verifierKey, verifierKeyOf(witness)]))).toBe('BAD_SIGNATURE');
  });
});

describe('malformed notes and keys', () => {
  const sigLine = C2SP_SIG;
  test.each([
    ['no blank line', `${C2SP_TEXT}${sigLine}`],
    ['no final newline', `${C2SP_TEXT}\n${sigLine.slice(0, -1)}`],
    ['empty signature block', `${C2SP_TEXT}\n`],
    ['hyphen instead of em dash', `${C2SP_TEXT}\n-${sigLine.slice(1)}`],
    ['missing signature', `${C2SP_TEXT}\n\u2014 example.com/foo\n`],
    ['non-canonical base64', `${C2SP_TEXT}\n${sigLine.replace('=\n', '\n')}`],
    ['signature too short', `${C2SP_TEXT}\n\u2014 example.com/foo AAAA\n`],
    ['control character', `This is\tan example message.\n\n${sigLine}`],
    ['lone surrogate', `This is \ud800 message.\n\n${sigLine}`],
    ['carriage return line ends', `${C2SP_TEXT}\r\n${sigLine}`],
  ])('%s → MALFORMED_NOTE', (_desc, note) => {
    expect(reasonOf(() => openNote(note, [C2SP_VKEY]))).toBe('MALFORMED_NOTE');
  });

  it('rejects invalid UTF-8 bytes and too many signatures', () => {
    const bad = Buffer.concat([Buffer.from('x\xff\n', 'latin1'), Buffer.from(`\n${sigLine}`)]);
    expect(reasonOf(() => openNote(bad, [C2SP_VKEY]))).toBe('MALFORMED_NOTE');
    expect(reasonOf(() => openNote(`${C2SP_TEXT}\n${sigLine.repeat(101)}`, [C2SP_VKEY]))).toBe('MALFORMED_NOTE');
    expect(openNote(`${C2SP_TEXT}\n${sigLine.repeat(16)}`, [C2SP_VKEY]).verifiedBy).toHaveLength(1);
  });

  it('refuses to sign text that is not a valid note text', () => {
    const signer = parseSignerKey(GO_SKEY);
    expect(reasonOf(() => signNote('no newline', signer))).toBe('INVALID_TEXT');
    expect(reasonOf(() => signNote('bell \u0007\n', signer))).toBe('INVALID_TEXT');
    expect(reasonOf(() => signNote('twice\n', [signer, signer]))).toBe('INVALID_TEXT');
    expect(reasonOf(() => signNote('nobody\n', []))).toBe('INVALID_TEXT');
  });

  test.each([
    ['wrong key id', 'example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['short key id', 'example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['unknown algorithm', `example.com/foo+530d903a+${Buffer.concat([Buffer.from([2]), Buffer.alloc(32)]).toString('base64')}`],
    ['missing fields', 'example.com/foo+530d903a'],
    ['name with space', 'example.com/f oo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'],
    ['signer key as verifier key', GO_SKEY],
  ])('verifier key: %s → MALFORMED_KEY', (_desc, vkey) => {
    expect(reasonOf(() => parseVerifierKey(vkey))).toBe('MALFORMED_KEY');
  });

  it('two different trusted keys sharing name and key id are ambiguous', () => {
    const lookalike = { name: 'example.com/foo', keyId: 0x530d903a, publicKey: Buffer.alloc(32), verify: () => true };
    expect(reasonOf(() => openNote(C2SP_NOTE, [C2SP_VKEY, lookalike]))).toBe('MALFORMED_KEY');
    expect(openNote(C2SP_NOTE, [C2SP_VKEY, C2SP_VKEY]).verifiedBy).toHaveLength(1);
  });

  it('signer keys: wrong prefix, wrong id, bad names', () => {
    expect(reasonOf(() => parseSignerKey(GO_VKEY))).toBe('MALFORMED_KEY');
    expect(reasonOf(() => parseSignerKey(GO_SKEY.replace('c74f20a3', 'c74f20a4')))).toBe('MALFORMED_KEY');
    expect(reasonOf(() => generateSignerKey(''))).toBe('MALFORMED_KEY');
    expect(reasonOf(() => generateSignerKey('a b'))).toBe('MALFORMED_KEY');
  });
});
