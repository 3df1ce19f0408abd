/**
 * C2SP signed notes and tlog checkpoints with Ed25519 (docs/verification.md §3), on WebCrypto.
 *   verifier key   <name>+<8 hex key id>+<base64(0x01 || 32-byte public key)>
 *   key id         first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key)
 *   signed note    <body ending in \n>\n— <name> <base64(key id || signature)>\n...
 *   checkpoint     <origin>\n<size>\n<base64 root>\n[extension lines]
 */
import { fromBase64, sha256, subtle, toHex, utf8 } from './bytes';

const ED25519 = 0x01;
const SIG_PREFIX = '\u2014 '; // em dash and a space
const MAX_SIGNATURES = 100;

export interface VerifierKey {
  name: string;
  /** 8 lowercase hex digits. */
  keyId: string;
  publicKey: Uint8Array;
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

export type NoteFailure =
  'malformed-key' | 'malformed-note' | 'malformed-checkpoint' | 'no-signature' | 'bad-signature' | 'origin-mismatch';

export class NoteError extends Error {
  constructor(
    readonly reason: NoteFailure,
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

/** Key names: non-empty, no whitespace, no '+'. */
const isKeyName = (name: string): boolean => name.length > 0 && !/[\s\u0085+]/u.test(name) && isWellFormed(name);
/** No lone surrogates (the text round-trips through UTF-8). */
const isWellFormed = (s: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
// eslint-disable-next-line no-control-regex
const hasForbiddenControl = (s: string): boolean => /[\u0000-\u0009\u000B-\u001F]/.test(s);

export async function keyIdOf(name: string, publicKey: Uint8Array): Promise<string> {
  return toHex((await sha256(utf8(name), new Uint8Array([0x0a, ED25519]), publicKey)).subarray(0, 4));
}

/** Parses a verifier key and checks its key id against the name and key; throws NoteError('malformed-key'). */
export async function parseVerifierKey(text: string): Promise<VerifierKey> {
  const key = text.trim();
  const first = key.indexOf('+');
  const second = first < 0 ? -1 : key.indexOf('+', first + 1);
  if (second < 0) throw new NoteError('malformed-key', 'verifier key must be <name>+<key id>+<key>');
  const name = key.slice(0, first);
  const keyId = key.slice(first + 1, second);
  const raw = fromBase64(key.slice(second + 1));
  if (!isKeyName(name)) throw new NoteError('malformed-key', 'invalid key name');
  if (!/^[0-9a-fA-F]{8}$/.test(keyId)) throw new NoteError('malformed-key', 'key id must be 8 hex digits');
  if (!raw || raw.length !== 33 || raw[0] !== ED25519)
    throw new NoteError('malformed-key', 'key must be base64 of 0x01 || 32 bytes (Ed25519)');
  const publicKey = raw.subarray(1);
  const computed = await keyIdOf(name, publicKey);
  if (computed !== keyId.toLowerCase())
    throw new NoteError('malformed-key', `key id ${keyId} does not match the key (expected ${computed})`);
  return { name, keyId: computed, publicKey };
}

export interface SignatureLine {
  name: string;
  keyId: string;
  signature: Uint8Array;
}

/** Splits a signed note into its body (final newline included) and its signature lines. */
export function parseSignedNote(note: string): { body: string; signatures: SignatureLine[] } {
  if (typeof note !== 'string' || !isWellFormed(note) || hasForbiddenControl(note))
    throw new NoteError('malformed-note', 'note must be text without control characters other than newline');
  const split = note.lastIndexOf('\n\n'); // the body may itself contain blank lines
  if (split < 0) throw new NoteError('malformed-note', 'no blank line before the signatures');
  const body = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n'))
    throw new NoteError('malformed-note', 'signature block must be non-empty and end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed-note', 'too many signatures');
  const signatures = lines.map((line) => {
    if (!line.startsWith(SIG_PREFIX)) throw new NoteError('malformed-note', 'signature line must start with an em dash and a space');
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const sig = space < 0 ? undefined : fromBase64(rest.slice(space + 1));
    if (!isKeyName(name) || !sig || sig.length < 5) throw new NoteError('malformed-note', 'bad signature line');
    return { name, keyId: toHex(sig.subarray(0, 4)), signature: sig.subarray(4) };
  });
  return { body, signatures };
}

/** Ed25519 (RFC 8032) verification with WebCrypto. */
export async function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const s = subtle();
  const key = await s.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return s.verify({ name: 'Ed25519' }, key, signature, message);
}

/** Parses a checkpoint body; throws NoteError('malformed-checkpoint'). */
export function parseCheckpoint(body: string): Checkpoint {
  if (!body.endsWith('\n')) throw new NoteError('malformed-checkpoint', 'checkpoint must end with a newline');
  const [origin, sizeLine, rootLine, ...extensions] = body.slice(0, -1).split('\n');
  if (origin === undefined || sizeLine === undefined || rootLine === undefined)
    throw new NoteError('malformed-checkpoint', 'checkpoint needs at least 3 lines');
  if (!origin || extensions.some((l) => l.length === 0)) throw new NoteError('malformed-checkpoint', 'empty line in checkpoint');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine)))
    throw new NoteError('malformed-checkpoint', 'tree size is not a decimal without leading zeros');
  const root = fromBase64(rootLine);
  if (!root || root.length !== 32) throw new NoteError('malformed-checkpoint', 'root is not base64 of 32 bytes');
  return { origin, size: Number(sizeLine), root };
}

/**
 * Opens a checkpoint note with the one trusted key: its signature line (same name and key id) must
 * exist and every such line must verify over the body; the body must be a checkpoint whose origin is
 * the key's name. Lines by other keys (witnesses) are ignored. Throws NoteError naming the problem.
 */
export async function openCheckpoint(note: string, key: VerifierKey): Promise<Checkpoint> {
  const { body, signatures } = parseSignedNote(note);
  const mine = signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
  if (mine.length === 0) throw new NoteError('no-signature', `the note carries no signature by ${key.name}+${key.keyId}`);
  const message = utf8(body);
  for (const s of mine) {
    if (!(await verifyEd25519(key.publicKey, message, s.signature)))
      throw new NoteError('bad-signature', `signature by ${key.name}+${key.keyId} does not verify`);
  }
  const checkpoint = parseCheckpoint(body);
  if (checkpoint.origin !== key.name)
    throw new NoteError('origin-mismatch', `checkpoint origin "${checkpoint.origin}" is not "${key.name}"`);
  return checkpoint;
}

/** The checkpoint a note claims, read WITHOUT checking any signature (for reporting only). */
export function claimedCheckpoint(note: string): Checkpoint | undefined {
  try {
    return parseCheckpoint(parseSignedNote(note).body);
  } catch {
    return undefined;
  }
}
