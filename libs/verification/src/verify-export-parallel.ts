import type { Readable } from 'node:stream';
import type { NoteVerifier } from '@renja/integrity';
import { ChainVerifier } from './chain-verifier';
import { isFailure, openTrustedCheckpoint } from './checkpoint-check';
import { ExportFormatError, parseHeader, type ExportHeader } from './export-format';
import type { LineBatchResult } from './leaf-hash-batch';
import type { LeafHasher } from './leaf-hash-workers';
import type { VerificationSuccess } from './report';
import { isPartial } from './selection';

const HASH_SIZE = 32;
const NEWLINE = 0x0a;
/** Bytes of whole lines per task: about 1,600 events, so a task outweighs its message. */
const CHUNK_BYTES = 1 << 20;

export interface ParallelExportOptions {
  verifier: NoteVerifier;
  /** Exports whose checkpoint covers fewer events are left to the sequential pass. */
  parallelFrom: number;
  onProgress?: (position: number, size: number) => void;
  /** Bytes of whole lines per task (default 1 MiB; tests use less to have many chunks in flight). */
  chunkBytes?: number;
}

/**
 * The fast pass of verifyExport for a full export: this thread cuts the file into chunks of whole
 * lines, the hasher's threads parse and hash them, and this thread checks that each chunk continues
 * the chain where the previous one ended and folds the hashes into the tree, checking the signed
 * checkpoint when its size is reached. Returns the report when everything holds, null otherwise (and
 * for a partial export, an unusual header or a small file): the caller then verifies sequentially.
 */
export async function verifyExportInParallel(
  input: Readable,
  hasher: LeafHasher,
  options: ParallelExportOptions,
): Promise<(VerificationSuccess & { header: ExportHeader }) | null> {
  let header: ExportHeader | null = null;
  let chain: ChainVerifier | null = null;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const inFlight: Promise<LineBatchResult>[] = [];

  /** Folds the oldest chunk's hashes in; false when the chunk or the chain does not hold. */
  const settleOldest = async (verifier: ChainVerifier, size: number): Promise<boolean> => {
    const result = await inFlight.shift()!;
    if (!result.intact) return false;
    if (result.count === 0) return true;
    if (result.first !== verifier.size + 1 || !verifier.lastHash.equals(result.previousHash)) return false;
    const hashes = Buffer.from(result.hashes.buffer, result.hashes.byteOffset, result.hashes.byteLength);
    for (let i = 0; i < result.count; i++) {
      if (verifier.acceptVerified(result.first + i, hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) return false;
    }
    options.onProgress?.(verifier.size, size);
    return true;
  };

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (!header) {
        const opened = openExport(pending, options);
        if (opened === 'wait') continue;
        if (opened === null) return null;
        ({ header, chain, size } = opened);
        pending = opened.rest.length > 0 ? [opened.rest] : [];
        pendingBytes = opened.rest.length;
      }
      if (pendingBytes < (options.chunkBytes ?? CHUNK_BYTES)) continue;
      const whole = takeWholeLines(pending, pendingBytes);
      if (!whole) continue;
      ({ pending, pendingBytes } = whole);
      while (inFlight.length >= hasher.depth) if (!(await settleOldest(chain!, size))) return null;
      inFlight.push(hasher.hashLines(whole.lines));
    }
    if (!header || !chain) return null;
    if (pendingBytes > 0) inFlight.push(hasher.hashLines(concatFresh(pending, pendingBytes)));
    while (inFlight.length > 0) if (!(await settleOldest(chain, size))) return null;
    const report = chain.finish();
    return report.ok ? { ...report, header } : null;
  } finally {
    await Promise.allSettled(inFlight);
  }
}

/** The header line, once whole: its verifier and the bytes after it; 'wait' for more bytes; null to leave the file to the sequential pass. */
function openExport(
  pending: Buffer[],
  options: ParallelExportOptions,
): { header: ExportHeader; chain: ChainVerifier; size: number; rest: Buffer } | 'wait' | null {
  const bytes = Buffer.concat(pending);
  const end = bytes.indexOf(NEWLINE);
  if (end < 0) return bytes.length > 16 * CHUNK_BYTES ? null : 'wait';
  const line = bytes.subarray(0, end);
  if (line.includes(0x0d)) return null;
  let header: ExportHeader;
  try {
    header = parseHeader(line.toString('utf8'));
  } catch (error) {
    if (error instanceof ExportFormatError) return null;
    throw error;
  }
  const checkpoint = openTrustedCheckpoint(header.checkpoint, options.verifier);
  if (isFailure(checkpoint) || isPartial(header.filter) || checkpoint.size < options.parallelFrom) return null;
  const chain = new ChainVerifier(options.verifier, { maxSize: checkpoint.size });
  if (chain.addCheckpoint({ note: header.checkpoint })) return null;
  return { header, chain, size: checkpoint.size, rest: Buffer.from(bytes.subarray(end + 1)) };
}

/** Everything up to the last newline as one fresh buffer (its memory moves to the worker), and what follows. */
function takeWholeLines(pending: Buffer[], pendingBytes: number): { lines: Uint8Array; pending: Buffer[]; pendingBytes: number } | null {
  const bytes = concatFresh(pending, pendingBytes);
  const end = bytes.lastIndexOf(NEWLINE);
  if (end < 0) return null;
  const rest = Buffer.from(bytes.subarray(end + 1));
  return { lines: bytes.subarray(0, end + 1), pending: rest.length > 0 ? [rest] : [], pendingBytes: rest.length };
}

function concatFresh(chunks: Buffer[], length: number): Buffer {
  const bytes = Buffer.allocUnsafeSlow(length);
  let offset = 0;
  for (const chunk of chunks) offset += chunk.copy(bytes, offset);
  return bytes;
}
