/** Why a signed note (or a key for one) was refused. */
export type NoteFailure =
  | 'MALFORMED_NOTE' // not a well-formed signed note (encoding, layout, signature line syntax)
  | 'MALFORMED_KEY' // a signer/verifier key string that cannot be used
  | 'INVALID_TEXT' // text that cannot be signed (no final newline, control characters, ...)
  | 'UNKNOWN_KEY' // no signature from any of the given verifiers
  | 'BAD_SIGNATURE'; // a signature from a known key does not verify: the note was altered

export class NoteError extends Error {
  constructor(
    readonly reason: NoteFailure,
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}
