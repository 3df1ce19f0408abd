import { CheckpointError, NoteError, openCheckpoint, ProofError, verifyConsistency } from '@renja/integrity';

/** What a witness remembers of a log: the last checkpoint it accepted. */
export interface WitnessState {
  origin: string;
  size: number;
  /** base64 */
  rootHash: string;
  /** The signed note, as received. */
  checkpoint: string;
}

/** Why a witness refused a checkpoint; the kinds mirror C2SP tlog-witness's responses. */
export type WitnessRejectionKind =
  | 'bad_signature' // 403: not signed by the log's key (or another origin)
  | 'conflict' // 409: the old size does not match what the witness holds
  | 'smaller' // 400: the checkpoint is older than the one the witness holds
  | 'inconsistent'; // 422: the proof does not show the new tree extends the old one (history rewritten)

export class WitnessRejection extends Error {
  constructor(
    readonly kind: WitnessRejectionKind,
    message: string,
  ) {
    super(message);
    this.name = 'WitnessRejection';
  }
}

export interface WitnessRequest {
  /** The size of the checkpoint the proof starts from: must be the witness's current size. */
  oldSize: number;
  /** Consistency proof from oldSize to the new checkpoint's size (base64 hashes). */
  proof: string[];
  /** The new signed checkpoint note. */
  checkpoint: string;
}

/**
 * Decides whether to accept a newer checkpoint: only with a valid signature by the log's key and a
 * valid consistency proof from the checkpoint held. An operator who rewrites history and re-signs is
 * caught here by anyone who kept an older checkpoint. The first checkpoint is trusted on first use.
 */
export function witnessCheckpoint(state: WitnessState | null, request: WitnessRequest, verifierKey: string): WitnessState {
  let opened;
  try {
    opened = openCheckpoint(request.checkpoint, [verifierKey], state ? { origin: state.origin } : {});
  } catch (error) {
    if (error instanceof NoteError || error instanceof CheckpointError)
      throw new WitnessRejection('bad_signature', `checkpoint ditolak: ${error.message}`);
    throw error;
  }
  const { origin, size, rootHash } = opened.checkpoint;
  const next: WitnessState = { origin, size, rootHash: Buffer.from(rootHash).toString('base64'), checkpoint: request.checkpoint };
  if (!state) return next;
  if (request.oldSize !== state.size) {
    throw new WitnessRejection('conflict', `bukti dimulai pada ukuran ${request.oldSize}, tetapi saksi ini memegang ukuran ${state.size}`);
  }
  if (size < state.size)
    throw new WitnessRejection('smaller', `checkpoint berukuran ${size} lebih lama daripada ukuran yang dipegang, ${state.size}`);
  const oldRoot = Buffer.from(state.rootHash, 'base64');
  if (size === state.size) {
    if (!oldRoot.equals(Buffer.from(rootHash))) {
      throw new WitnessRejection(
        'inconsistent',
        `dua akar berbeda untuk ukuran ${size}: log telah bercabang atau riwayatnya ditulis ulang`,
      );
    }
    return state;
  }
  try {
    verifyConsistency({
      size1: state.size,
      size2: size,
      root1: oldRoot,
      root2: Buffer.from(rootHash),
      proof: request.proof.map((p) => Buffer.from(p, 'base64')),
    });
  } catch (error) {
    if (error instanceof ProofError) {
      throw new WitnessRejection(
        'inconsistent',
        `checkpoint berukuran ${size} tidak melanjutkan checkpoint yang dipegang (ukuran ${state.size}): ${error.message}`,
      );
    }
    throw error;
  }
  return next;
}
