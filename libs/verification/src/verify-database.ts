import type { Pool, PoolClient } from 'pg';
import type { NoteVerifier } from '@renja/integrity';
import { ChainVerifier } from './chain-verifier';
import { toVerifier } from './checkpoint-check';
import { readCheckpoints, readHead, readTextBatch } from './database-source';
import { defaultWorkerCount, LeafHashWorkerError, LeafHashWorkers, type LeafHasher } from './leaf-hash-workers';
import { verifyDatabaseInParallel } from './verify-database-parallel';
import type { LedgerEntry, VerificationReport } from './report';

export interface VerifyDatabaseOptions {
  /** The only key trusted to have signed the checkpoints; its name is the log's origin. */
  verifierKey: string | NoteVerifier;
  /** Positions read per query (default 5000): memory is one batch plus O(log n). */
  batchSize?: number;
  /** Called after each batch with the last position read and the ledger's head. */
  onProgress?: (position: number, head: number) => void;
  /** Worker threads that hash in parallel (default: one per core, at most 4); 0: verify on this thread only. */
  workers?: number;
  /** Ledgers smaller than this are verified on this thread only (default 20,000 events: starting threads costs more). */
  parallelFrom?: number;
  /** Where the parallel pass hashes (tests); default: LeafHashWorkers, or none when the compiled worker is absent. */
  openHasher?: () => LeafHasher | null;
}

/**
 * Verifies the whole ledger table: every event against its stored hash and its predecessor, the
 * Merkle root at every stored checkpoint, every checkpoint's signature, and the head's last hash
 * and peaks. Reads one consistent snapshot (REPEATABLE READ), so appends running meanwhile are
 * simply not part of this verification. Stops at the first problem.
 */
export async function verifyDatabase(pool: Pool, options: VerifyDatabaseOptions): Promise<VerificationReport> {
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const noteVerifier = toVerifier(options.verifierKey);
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await readHead(client);
    const hasher = head.size >= (options.parallelFrom ?? 20_000) ? openHasher(options) : null;
    if (hasher) {
      try {
        // Null when anything fails: the sequential pass below, on the same snapshot, names the first bad position.
        const report = await verifyDatabaseInParallel(client, hasher, {
          verifier: noteVerifier,
          batchSize,
          head,
          onProgress: options.onProgress,
        });
        if (report) return report;
      } catch (error) {
        if (!(error instanceof LeafHashWorkerError)) throw error; // a failed thread: the sequential pass does its work
      } finally {
        await hasher.close();
      }
    }
    return await verifySequentially(client, noteVerifier, head, batchSize, options.onProgress);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

function openHasher(options: VerifyDatabaseOptions): LeafHasher | null {
  return options.openHasher ? options.openHasher() : LeafHashWorkers.open(options.workers ?? defaultWorkerCount());
}

const YIELD_EVERY = 500;

/** Every entry through ChainVerifier.push on this thread: the authority that names the first bad position. */
async function verifySequentially(
  client: PoolClient,
  noteVerifier: NoteVerifier,
  head: Awaited<ReturnType<typeof readHead>>,
  batchSize: number,
  onProgress: VerifyDatabaseOptions['onProgress'],
): Promise<VerificationReport> {
  const verifier = new ChainVerifier(noteVerifier);
  let next: Promise<LedgerEntry[]> = Promise.resolve([]);
  try {
    let after = 0;
    let checkpointsUpTo = -1;
    next = readTextBatch(client, after, batchSize);
    for (;;) {
      const entries = await next;
      if (entries.length === 0) break;
      const last = entries[entries.length - 1].position;
      const checkpoints = readCheckpoints(client, checkpointsUpTo, last);
      // The next batch is requested before this one is hashed (sent right behind the checkpoints), so
      // PostgreSQL produces it meanwhile.
      next = entries.length < batchSize ? Promise.resolve([]) : readTextBatch(client, last, batchSize);
      // A checkpoint must be queued before the verifier reaches its size.
      for (const checkpoint of await checkpoints) if (verifier.addCheckpoint(checkpoint)) return verifier.finish();
      checkpointsUpTo = last;
      for (let i = 0; i < entries.length; i++) {
        if (verifier.push(entries[i])) return verifier.finish();
        // Now and then the rows of the next batch are taken off the socket: PostgreSQL, which stops
        // sending once the socket's buffer is full, then goes on producing them while this thread hashes.
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      after = last;
      onProgress?.(after, head.size);
    }
    for (const checkpoint of await readCheckpoints(client, checkpointsUpTo, null)) if (verifier.addCheckpoint(checkpoint)) break;
    return verifier.finish(head);
  } finally {
    await next.catch(() => undefined);
  }
}
