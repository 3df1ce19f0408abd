import { msg } from '@renja/domain/shared/messages/message';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { NoteVerifier } from '@renja/integrity';
import { ChainVerifier } from './chain-verifier';
import { isFailure, openTrustedCheckpoint, toVerifier } from './checkpoint-check';
import { ExportFormatError, parseEventLine, parseHeader, type ExportHeader } from './export-format';
import { defaultWorkerCount, LeafHashWorkerError, LeafHashWorkers, type LeafHasher } from './leaf-hash-workers';
import { PartialVerifier } from './partial-verifier';
import { failure, type LedgerEntry, type VerificationReport } from './report';
import { isPartial, selects } from './selection';
import { verifyExportInParallel } from './verify-export-parallel';

export interface VerifyExportOptions {
  /** The deployment's published verifier key. Never the one inside the file: whoever forged the file would have put theirs. */
  verifierKey: string | NoteVerifier;
  /** Called every `progressEvery` lines (default 5000) with the last position read and the checkpoint's size. */
  onProgress?: (position: number, size: number) => void;
  progressEvery?: number;
  /**
   * Opens the same file again from its start. Given, a large full export is first verified in parallel
   * (worker threads hash chunks of lines); if that pass finds anything wrong, the file is read again
   * sequentially to name the first bad position. Absent: sequential only (a stream can be read once).
   */
  reopen?: () => Readable;
  /** Worker threads for the parallel pass (default: one per core, at most 4); 0: sequential only. */
  workers?: number;
  /** Exports of fewer events are verified sequentially (default 20,000). */
  parallelFrom?: number;
  /** Where the parallel pass hashes (tests); default: LeafHashWorkers, or none when the compiled worker is absent. */
  openHasher?: () => LeafHasher | null;
}

export type ExportReport = VerificationReport & { header: ExportHeader };

/**
 * Verifies an export file, streamed line by line. The checkpoint's signature is checked first (no
 * point checking events against an unsigned root); then a full export goes through the same
 * ChainVerifier as the database — every link, the root recomputed — and a partial one through
 * PartialVerifier — every hash, every available link, every inclusion proof. Throws
 * ExportFormatError only when the file is not an export at all. With `reopen`, a large full export
 * is first hashed in worker threads (verify-export-parallel.ts); the report is the same either way.
 */
export async function verifyExport(input: Readable, options: VerifyExportOptions): Promise<ExportReport> {
  const hasher = options.reopen ? (options.openHasher ?? (() => LeafHashWorkers.open(options.workers ?? defaultWorkerCount())))() : null;
  if (!hasher || !options.reopen) return verifyExportSequentially(input, options);
  try {
    const report = await verifyExportInParallel(input, hasher, {
      verifier: toVerifier(options.verifierKey),
      parallelFrom: options.parallelFrom ?? 20_000,
      onProgress: options.onProgress,
    });
    if (report) return report;
  } catch (error) {
    if (!(error instanceof LeafHashWorkerError)) throw error; // a failed thread: the sequential pass does its work
  } finally {
    input.destroy();
    await hasher.close();
  }
  return verifyExportSequentially(options.reopen(), options);
}

async function verifyExportSequentially(input: Readable, options: VerifyExportOptions): Promise<ExportReport> {
  const verifier = toVerifier(options.verifierKey);
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  try {
    const first = await lines.next();
    if (first.done) throw new ExportFormatError('the file is empty: not a renja-ledger export');
    const header = parseHeader(first.value);
    const checkpoint = openTrustedCheckpoint(header.checkpoint, verifier);
    if (isFailure(checkpoint)) return { ...checkpoint, header };
    const core = isPartial(header.filter)
      ? new PartialVerifier(checkpoint, (streamId) => selects(header.filter, streamId))
      : new ChainVerifier(verifier, { maxSize: checkpoint.size });
    if (core instanceof ChainVerifier) core.addCheckpoint({ note: header.checkpoint });
    const every = options.progressEvery ?? 5000;
    let count = 0;
    let position = 0;
    for (let line = await lines.next(); !line.done; line = await lines.next()) {
      if (line.value.trim() === '') continue;
      let entry: LedgerEntry;
      try {
        entry = parseEventLine(line.value);
      } catch (error) {
        return {
          ...failure(position + 1, 'modified', msg('VERIFY.not_event_line', { line: count + 2, detail: (error as Error).message })),
          header,
        };
      }
      const failed = core.push(entry);
      if (failed) return { ...failed, header };
      position = entry.position;
      if (++count % every === 0) options.onProgress?.(position, checkpoint.size);
    }
    options.onProgress?.(checkpoint.size, checkpoint.size);
    return { ...core.finish(), header };
  } finally {
    await lines.return?.();
    input.destroy();
  }
}
