/**
 * Ed25519 keys for C2SP signed notes (https://c2sp.org/signed-note), in the text forms used by
 * Go's golang.org/x/mod/sumdb/note so keys can be exchanged with Go tooling and witnesses:
 *
 *   verifier key  <name>+<8 hex key id>+<base64(0x01 || 32-byte public key)>
 *   signer key    PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || 32-byte seed)>
 *
 * key id = first 4 bytes (big-endian uint32) of SHA-256(name || 0x0A || 0x01 || public key).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { decodeBase64Strict, isValidKeyName } from './encoding';
import { NoteError } from './note-error';

/** Signature type identifier byte for Ed25519 in the signed-note registry. */
const ALG_ED25519 = 0x01;
// Fixed DER headers of Ed25519 PKCS#8 private keys and SPKI public keys (RFC 8410): node:crypto
// imports raw 32-byte keys only through DER or JWK.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Buffer;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: Buffer;
  sign(message: Uint8Array): Buffer;
}

/** Key id of an Ed25519 key under `name`. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(Buffer.from(name, 'utf8'))
    .update(Buffer.from([0x0a, ALG_ED25519]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** A fresh key pair, both in text form. Keep `signerKey` secret; publish `verifierKey`. */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  assertName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  if (typeof jwk.d !== 'string') throw new Error('node:crypto did not export the Ed25519 seed');
  const seed = Buffer.from(jwk.d, 'base64url');
  const signer = new Ed25519Signer(name, seed);
  const signerKey = `PRIVATE+KEY+${name}+${hex8(signer.keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`;
  return { signerKey, verifierKey: verifierKeyOf(signer) };
}

export function parseSignerKey(skey: string): NoteSigner {
  const parts = chop(skey, 4);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw malformed('signer key must be PRIVATE+KEY+<name>+<id>+<key>');
  const [, , name, id, b64] = parts;
  const seed = decodeKey(name, b64, 'signer');
  const signer = new Ed25519Signer(name, seed);
  assertKeyId(id, signer.keyId);
  return signer;
}

export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = chop(vkey, 2);
  if (!parts) throw malformed('verifier key must be <name>+<id>+<key>');
  const [name, id, b64] = parts;
  const verifier = new Ed25519Verifier(name, decodeKey(name, b64, 'verifier'));
  assertKeyId(id, verifier.keyId);
  return verifier;
}

/** The verifier key string matching a signer (object or signer key string). */
export function verifierKeyOf(signer: NoteSigner | string): string {
  const s = typeof signer === 'string' ? parseSignerKey(signer) : signer;
  return `${s.name}+${hex8(s.keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), s.publicKey]).toString('base64')}`;
}

class Ed25519Signer implements NoteSigner {
  readonly keyId: number;
  readonly publicKey: Buffer;
  // Private field: the key never shows up in logs, JSON.stringify or enumerated properties.
  readonly #key: KeyObject;

  constructor(
    readonly name: string,
    seed: Buffer,
  ) {
    this.#key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(this.#key).export({ format: 'der', type: 'spki' });
    this.publicKey = Buffer.from(spki.subarray(SPKI_PREFIX.length));
    this.keyId = noteKeyId(name, this.publicKey);
  }

  sign(message: Uint8Array): Buffer {
    return sign(null, message, this.#key); // Ed25519 hashes internally: no digest name
  }
}

class Ed25519Verifier implements NoteVerifier {
  readonly keyId: number;
  readonly #key: KeyObject;

  constructor(
    readonly name: string,
    readonly publicKey: Buffer,
  ) {
    this.#key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    this.keyId = noteKeyId(name, publicKey);
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    return signature.length === 64 && verify(null, message, this.#key, signature);
  }
}

/** Splits at the first `cuts` '+' only: base64 key material may itself contain '+'. */
function chop(s: string, cuts: number): string[] | undefined {
  const parts: string[] = [];
  let rest = s;
  for (let i = 0; i < cuts; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

function decodeKey(name: string, b64: string, kind: string): Buffer {
  assertName(name);
  const raw = decodeBase64Strict(b64);
  if (!raw || raw.length !== 33 || raw[0] !== ALG_ED25519) throw malformed(`${kind} key must be base64 of 0x01 || 32 bytes (Ed25519)`);
  return raw.subarray(1);
}

function assertKeyId(id: string, computed: number): void {
  if (!/^[0-9a-fA-F]{8}$/.test(id)) throw malformed(`key id must be 8 hex digits, got "${id}"`);
  if (parseInt(id, 16) !== computed) throw malformed(`key id ${id} does not match the key (expected ${hex8(computed)})`);
}

function assertName(name: string): void {
  if (!isValidKeyName(name)) throw malformed(`invalid key name "${name}" (empty, spaces or '+')`);
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const malformed = (message: string) => new NoteError('MALFORMED_KEY', message);
