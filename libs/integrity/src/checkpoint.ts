/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the signed tree head of a log, as the
 * text of a signed note —
 *
 *   <origin>\n            log identity, non-empty
 *   <tree size>\n         ASCII decimal, no leading zeros (except "0")
 *   <base64 root hash>\n  RFC 6962 root of the first <tree size> leaves (32 bytes)
 *   [<extension>\n]...    optional, opaque, non-empty
 *
 * Parsing is strict and formatting is canonical, so parse(format(c)) == c and format(parse(t)) == t:
 * a checkpoint has exactly one spelling and a signature covers exactly one tree head.
 */
import { decodeBase64Strict, hasForbiddenControl, isWellFormedText } from './encoding';
import { HASH_SIZE } from './merkle';
import { NoteSignature, openNote, signNote } from './signed-note';
import { NoteSigner, NoteVerifier } from './note-keys';

export interface Checkpoint {
  origin: string;
  /** Tree size. Limited to 2^53 − 1 (a JS safe integer); larger sizes are refused, not rounded. */
  size: number;
  rootHash: Buffer;
  /** Extension lines without their newlines; NOT RECOMMENDED by the spec, usually absent. */
  extensions?: string[];
}

export type CheckpointFailure = 'MALFORMED_CHECKPOINT' | 'ORIGIN_MISMATCH';

export class CheckpointError extends Error {
  constructor(
    readonly reason: CheckpointFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** The checkpoint body (note text), validated the same way parseCheckpoint validates. */
export function formatCheckpoint(cp: Checkpoint): string {
  const extensions = cp.extensions ?? [];
  checkLine('origin', cp.origin);
  extensions.forEach((line, i) => checkLine(`extension line ${i + 1}`, line));
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw malformed(`tree size must be a non-negative safe integer, got ${cp.size}`);
  if (cp.rootHash.length !== HASH_SIZE) throw malformed(`root hash must be ${HASH_SIZE} bytes, got ${cp.rootHash.length}`);
  return [cp.origin, String(cp.size), Buffer.from(cp.rootHash).toString('base64'), ...extensions].map((l) => `${l}\n`).join('');
}

/** Parses a checkpoint body; throws CheckpointError('MALFORMED_CHECKPOINT') naming the problem. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed(`checkpoint needs at least 3 lines, got ${lines.length}`);
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  checkLine('origin', origin);
  extensions.forEach((line, i) => checkLine(`extension line ${i + 1}`, line));
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw malformed(`tree size "${sizeLine}" is not a decimal without leading zeros`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw malformed(`tree size ${sizeLine} exceeds 2^53 - 1`);
  const rootHash = decodeBase64Strict(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE) throw malformed(`root hash "${rootLine}" is not base64 of ${HASH_SIZE} bytes`);
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/** formatCheckpoint + signNote. The signer's key name should be the origin (spec: SHOULD). */
export function signCheckpoint(cp: Checkpoint, signers: NoteSigner | readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(cp), signers);
}

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  /** The exact signed text, for storage or re-publication. */
  text: string;
  verifiedBy: NoteSignature[];
  unverified: NoteSignature[];
}

/**
 * openNote + parseCheckpoint. Pass `origin` to insist the checkpoint is from that log: a valid
 * signature by a trusted key over another log's checkpoint must not be taken for this one.
 * Throws NoteError (signatures) or CheckpointError (body, origin).
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly (NoteVerifier | string)[],
  options: { origin?: string } = {},
): OpenedCheckpoint {
  const { text, verifiedBy, unverified } = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new CheckpointError('ORIGIN_MISMATCH', `checkpoint origin "${checkpoint.origin}" is not "${options.origin}"`);
  }
  return { checkpoint, text, verifiedBy, unverified };
}

function checkLine(what: string, line: string): void {
  if (line.length === 0) throw malformed(`${what} must not be empty`);
  if (line.includes('\n') || hasForbiddenControl(line) || !isWellFormedText(line)) {
    throw malformed(`${what} must be one line of valid text without control characters`);
  }
}

const malformed = (message: string) => new CheckpointError('MALFORMED_CHECKPOINT', message);
