import { msg } from '@renja/domain/shared/messages/message';
import { openCheckpoint, parseCheckpoint, parseVerifierKey, verifierKeyOf, type NoteVerifier } from '@renja/integrity';
import { failure, type VerificationFailure } from './report';

export interface TrustedCheckpoint {
  size: number;
  rootHash: Buffer;
}

/** A verifier key string, or a signer key (a deployment's own key file), as the verifier to trust. */
export function toVerifier(key: string | NoteVerifier): NoteVerifier {
  if (typeof key !== 'string') return key;
  const text = key.trim();
  return parseVerifierKey(text.startsWith('PRIVATE+KEY+') ? verifierKeyOf(text) : text);
}

/**
 * The tree size a note claims, read WITHOUT checking its signature: only to name the position of a
 * checkpoint whose signature fails. 0 when the note cannot even be parsed.
 */
export function claimedSize(note: string): number {
  try {
    const split = note.lastIndexOf('\n\n');
    return parseCheckpoint(note.slice(0, split + 1)).size;
  } catch {
    return 0;
  }
}

/**
 * Opens a checkpoint note with the one key we trust, insisting on that key's name as the origin:
 * a valid signature over another log's checkpoint must not pass for this log. Any problem with the
 * note (another key, an altered text, a malformed note, another origin) is a bad signature.
 */
export function openTrustedCheckpoint(
  note: string,
  verifier: NoteVerifier,
  position = claimedSize(note),
): TrustedCheckpoint | VerificationFailure {
  try {
    const { checkpoint } = openCheckpoint(note, [verifier], { origin: verifier.name });
    return { size: checkpoint.size, rootHash: checkpoint.rootHash };
  } catch (error) {
    return failure(
      position,
      'bad_signature',
      msg('VERIFY.bad_signature', { size: position, key: verifier.name, detail: (error as Error).message }),
    );
  }
}

export const isFailure = (value: object): value is VerificationFailure => 'ok' in value && value.ok === false;
