/**
 * C2SP signed notes (https://c2sp.org/signed-note): a text ending in a newline, a blank line,
 * then one or more lines "— <key name> <base64(4-byte key id || signature)>". The text is what
 * gets signed; the signatures are detachable, so witnesses can add their own lines later.
 */
import { hasForbiddenControl, isValidKeyName, decodeBase64Strict, isWellFormedText } from './encoding';
import { NoteError } from './note-error';
import { NoteSigner, NoteVerifier, parseVerifierKey } from './note-keys';

/** Em dash (U+2014) and a space: the start of every signature line. */
const SIG_PREFIX = '\u2014 ';
/** Cap on signature lines so a hostile note cannot make us verify forever (the spec needs ≥ 16). */
const MAX_SIGNATURES = 100;

export interface NoteSignature {
  name: string;
  keyId: number;
}

export interface OpenedNote {
  /** The signed text, including its final newline. Only trust it because verifiedBy is non-empty. */
  text: string;
  /** Known keys whose signatures verified (at least one). */
  verifiedBy: NoteSignature[];
  /** Signatures from keys we were not given (e.g. other witnesses); ignored as the spec requires. */
  unverified: NoteSignature[];
}

/** Signs `text` (which must end in "\n") with every signer; returns the complete note. */
export function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): string {
  const list = Array.isArray(signers) ? signers : [signers as NoteSigner];
  if (!text.endsWith('\n')) throw new NoteError('INVALID_TEXT', 'note text must end with a newline');
  if (!isWellFormedText(text) || hasForbiddenControl(text)) {
    throw new NoteError('INVALID_TEXT', 'note text must be valid UTF-8 without control characters other than newline');
  }
  if (list.length === 0) throw new NoteError('INVALID_TEXT', 'at least one signer is required');
  const message = Buffer.from(text, 'utf8');
  const seen = new Set<string>();
  const lines = list.map((s) => {
    if (!isValidKeyName(s.name)) throw new NoteError('MALFORMED_KEY', `invalid key name "${s.name}"`);
    const id = `${s.name}\n${s.keyId}`;
    if (seen.has(id)) throw new NoteError('INVALID_TEXT', `signer ${s.name} given twice`);
    seen.add(id);
    const keyId = Buffer.alloc(4);
    keyId.writeUInt32BE(s.keyId);
    return `${SIG_PREFIX}${s.name} ${Buffer.concat([keyId, s.sign(message)]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Verifies a note against trusted keys (objects or verifier key strings). Throws NoteError:
 * MALFORMED_NOTE for layout/encoding errors, BAD_SIGNATURE if any signature by a trusted key
 * fails (the whole note is rejected, as the spec recommends), UNKNOWN_KEY if no trusted key signed.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly (NoteVerifier | string)[]): OpenedNote {
  const msg = typeof note === 'string' ? note : decodeUtf8(note);
  if (!isWellFormedText(msg) || hasForbiddenControl(msg)) {
    throw malformed('note must be valid UTF-8 without control characters other than newline');
  }
  // The text ends at the LAST blank line: the text itself may contain blank lines.
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = msg.slice(0, split + 1);
  const sigBlock = msg.slice(split + 2);
  if (sigBlock.length === 0 || !sigBlock.endsWith('\n')) throw malformed('signature block must be non-empty and end with a newline');

  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const verifier = typeof v === 'string' ? parseVerifierKey(v) : v;
    const id = `${verifier.name}\n${verifier.keyId}`;
    const other = known.get(id);
    // Two different trusted keys with the same name and id would make "which key?" ambiguous.
    if (other && !other.publicKey.equals(verifier.publicKey)) {
      throw new NoteError('MALFORMED_KEY', `two different verifier keys named ${verifier.name} with id ${hex8(verifier.keyId)}`);
    }
    known.set(id, verifier);
  }

  const message = Buffer.from(text, 'utf8');
  const verifiedBy: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  const lines = sigBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
  for (const line of lines) {
    const { name, keyId, signature } = parseSignatureLine(line);
    const id = `${name}\n${keyId}`;
    if (seen.has(id)) continue; // repeated signatures by one key count once
    seen.add(id);
    // A key is identified by name AND id: sharing only one of them with a trusted key is "unknown".
    const verifier = known.get(id);
    if (!verifier) {
      unverified.push({ name, keyId });
    } else if (verifier.verify(message, signature)) {
      verifiedBy.push({ name, keyId });
    } else {
      throw new NoteError('BAD_SIGNATURE', `signature by ${name} (${hex8(keyId)}) does not verify`);
    }
  }
  if (verifiedBy.length === 0) throw new NoteError('UNKNOWN_KEY', 'note is not signed by any trusted key');
  return { text, verifiedBy, unverified };
}

function parseSignatureLine(line: string): { name: string; keyId: number; signature: Buffer } {
  if (!line.startsWith(SIG_PREFIX)) throw malformed('signature line must start with an em dash and a space');
  const rest = line.slice(SIG_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const sig = space < 0 ? undefined : decodeBase64Strict(rest.slice(space + 1));
  if (!isValidKeyName(name) || !sig || sig.length < 5) throw malformed(`bad signature line "${line}"`);
  return { name, keyId: sig.readUInt32BE(0), signature: sig.subarray(4) };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // ignoreBOM keeps a leading U+FEFF as part of the text instead of silently dropping it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw malformed('note is not valid UTF-8');
  }
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const malformed = (message: string) => new NoteError('MALFORMED_NOTE', message);
