import type { Pool } from 'pg';
import type { NoteVerifier } from '@renja/integrity';
import { ChainVerifier } from './chain-verifier';
import { toVerifier } from './checkpoint-check';
import { readBatch, readCheckpoints, readHead } from './database-source';
import type { LedgerEntry, VerificationReport } from './report';

export interface VerifyDatabaseOptions {
  /** The only key trusted to have signed the checkpoints; its name is the log's origin. */
  verifierKey: string | NoteVerifier;
  /** Positions read per query (default 5000): memory is one batch plus O(log n). */
  batchSize?: number;
  /** Called after each batch with the last position read and the ledger's head. */
  onProgress?: (position: number, head: number) => void;
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
  const verifier = new ChainVerifier(toVerifier(options.verifierKey));
  const client = await pool.connect();
  let next: Promise<LedgerEntry[]> = Promise.resolve([]);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await readHead(client);
    let after = 0;
    let checkpointsUpTo = -1;
    next = readBatch(client, after, batchSize);
    for (;;) {
      const entries = await next;
      if (entries.length === 0) break;
      const last = entries[entries.length - 1].position;
      const checkpoints = await readCheckpoints(client, checkpointsUpTo, last);
      // The next batch is requested before this one is hashed, so PostgreSQL produces it meanwhile.
      next = entries.length < batchSize ? Promise.resolve([]) : readBatch(client, last, batchSize);
      // A checkpoint must be queued before the verifier reaches its size.
      for (const checkpoint of checkpoints) if (verifier.addCheckpoint(checkpoint)) return verifier.finish();
      checkpointsUpTo = last;
      for (const entry of entries) if (verifier.push(entry)) return verifier.finish();
      after = last;
      options.onProgress?.(after, head.size);
    }
    for (const checkpoint of await readCheckpoints(client, checkpointsUpTo, null)) if (verifier.addCheckpoint(checkpoint)) break;
    return verifier.finish(head);
  } finally {
    await next.catch(() => undefined);
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
