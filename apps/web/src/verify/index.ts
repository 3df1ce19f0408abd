/** Browser verification of ledger evidence (docs/verification.md §1–§5): standard Web APIs only. */
export { canonicalJson } from './canonical-json';
export { eventHash, leafBytes, leafHash, leafText, nodeHash, type EvidenceEvent } from './leaf';
export { rootFromInclusionProof, verifyInclusion, type InclusionResult } from './inclusion';
export {
  keyIdOf,
  NoteError,
  openCheckpoint,
  parseCheckpoint,
  parseSignedNote,
  parseVerifierKey,
  verifyEd25519,
  type Checkpoint,
  type NoteFailure,
  type VerifierKey,
} from './note';
export {
  parseEvidenceLines,
  verifyLineEvidence,
  type EvidenceHeader,
  type LineEvidence,
  type LineVerification,
  type StepKind,
  type VerificationStep,
} from './verify-line';
