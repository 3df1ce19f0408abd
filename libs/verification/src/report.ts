import type { RecordedEvent } from '@renja/event-store';
import { render, type Language, type Message } from '@renja/domain/shared/messages/message';

/**
 * What a verification found (docs/verification.md, "Failure kinds"). The hash chain is the
 * authority: an event is accepted exactly when it hashes to the hash the ledger claims for it;
 * the ordering checks only say *why* an event that does not hash is wrong.
 */
export type FailureKind = 'modified' | 'missing' | 'inserted' | 'reordered' | 'bad_signature' | 'root_mismatch';

export interface VerificationFailure {
  ok: false;
  /** The first bad position (for a checkpoint problem: the checkpoint's size). */
  position: number;
  kind: FailureKind;
  /** What was found, in English (logs, scripts); `detail` says it in the reader's language. */
  message: string;
  /** The same finding as a catalogue message (VERIFY.*), for the CLI and the API to say in Bahasa Indonesia or English. */
  detail: Message;
}

export interface VerificationSuccess {
  ok: true;
  /** Events verified: the whole log for a database or full export, the selected events of a partial export. */
  events: number;
  /** Tree size that `rootHash` is the root of. */
  size: number;
  rootHash: { base64: string; hex: string };
  /** Signed checkpoints whose signature and root were checked. */
  checkpointsChecked: number;
  /** Size of the latest checkpoint checked: events after it are chained but not signed yet. */
  signedSize: number;
  eventsPerSecond: number;
  /** True for a partial export (verified by inclusion proofs, not by recomputing the root). */
  partial: boolean;
}

export type VerificationReport = VerificationSuccess | VerificationFailure;

/**
 * One position of the log as a source presents it: the event (null: the ledger has a hash but no
 * event there) and the hash the ledger claims for it (null: an event that was never hashed).
 * Exports also claim the previous event's hash, and partial exports an inclusion proof.
 */
export interface LedgerEntry {
  position: number;
  event: RecordedEvent | null;
  hash: Buffer | null;
  previousHash?: Buffer | null;
  inclusionProof?: Buffer[];
  /** The event's data and metadata as PostgreSQL's jsonb text (the database source): hashed without parsing where possible. */
  json?: { data: string; metadata: string };
}

/** A checkpoint as a source holds it: the signed note, and for the database the row's own columns. */
export interface CheckpointEntry {
  note: string;
  /** The row's size column; defaults to the size in the note. */
  size?: number;
  /** The row's root_hash column, if any: it must agree with the signed note. */
  rootHash?: Buffer;
}

export const failure = (position: number, kind: FailureKind, detail: Message): VerificationFailure => ({
  ok: false,
  position,
  kind,
  message: render(detail, 'en'),
  detail,
});

/**
 * A report as a person reads it: a failure's message in their language (the API's answer, the CLI's line);
 * `detail` stays for a program that wants the catalogue key. A success has no words to translate.
 */
export const reportIn = <R extends VerificationReport>(report: R, language: Language): R =>
  report.ok ? report : { ...report, message: render(report.detail, language) };

export function success(
  fields: Omit<VerificationSuccess, 'ok' | 'rootHash' | 'eventsPerSecond'>,
  rootHash: Buffer,
  seconds: number,
): VerificationSuccess {
  return {
    ok: true,
    ...fields,
    rootHash: { base64: rootHash.toString('base64'), hex: rootHash.toString('hex') },
    eventsPerSecond: seconds > 0 ? Math.round(fields.events / seconds) : fields.events,
  };
}

/** A stopwatch for eventsPerSecond; the clock is injectable so the cores stay deterministic in tests. */
export type Clock = () => number;
export const monotonicMs: Clock = () => performance.now();

export const hex = (hash: Buffer | null | undefined): string => (hash ? hash.toString('hex') : 'none');
