import type { PoolClient } from 'pg';
import type { NoteVerifier } from '@renja/integrity';
import { GENESIS_HASH } from '@renja/event-store/integrity/event-hash';
import { ChainVerifier } from './chain-verifier';
import { readCheckpoints, readRawBatch, type RawBatchRow } from './database-source';
import type { EventRowTuple } from './leaf-hash-batch';
import type { LeafHasher } from './leaf-hash-workers';
import type { VerificationSuccess } from './report';

const HASH_SIZE = 32;

export interface ParallelPassOptions {
  verifier: NoteVerifier;
  batchSize: number;
  head: { size: number; lastHash: Buffer; peaks: Buffer[] };
  onProgress?: (position: number, head: number) => void;
}

interface InFlight {
  first: number;
  hashes: Buffer;
  intact: Promise<boolean>;
}

/**
 * The fast pass of verifyDatabase: this thread reads batches (read-ahead, data and metadata as text),
 * the hasher's threads check that every event of a batch hashes from its predecessor's stored hash to
 * its own, and this thread folds the stored hashes into the tree and checks checkpoints and the head.
 * Returns the report when everything holds, null as soon as anything does not: the caller then
 * verifies sequentially, which names the first bad position exactly (this pass never names one).
 */
export async function verifyDatabaseInParallel(client: PoolClient, hasher: LeafHasher, options: ParallelPassOptions): Promise<VerificationSuccess | null> {
  const { batchSize, head } = options;
  const chain = new ChainVerifier(options.verifier);
  const inFlight: InFlight[] = [];
  let reading: Promise<RawBatchRow[]> | null = readRawBatch(client, 0, batchSize);
  let after = 0;
  let previousHash: Buffer = GENESIS_HASH;
  let checkpointsUpTo = -1;
  try {
    for (;;) {
      while (reading && inFlight.length < hasher.depth) {
        const rows: RawBatchRow[] = await reading;
        const last = rows.length > 0 ? Number(rows[rows.length - 1][0]) : after;
        // The next batch is requested before this one is handed over, so PostgreSQL produces it meanwhile.
        reading = rows.length < batchSize ? null : readRawBatch(client, last, batchSize);
        if (rows.length === 0) break;
        const hashes = packHashes(rows);
        if (!hashes) return null;
        const batch = { first: after + 1, previousHash: new Uint8Array(previousHash), rows: rows as unknown as EventRowTuple[], hashes };
        inFlight.push({ first: after + 1, hashes, intact: hasher.rowsIntact(batch) });
        previousHash = hashes.subarray(hashes.length - HASH_SIZE);
        after = last;
      }
      const batch = inFlight.shift();
      if (!batch) break;
      if (!(await batch.intact)) return null;
      const end = batch.first + batch.hashes.length / HASH_SIZE - 1;
      // A checkpoint must be queued before the verifier reaches its size.
      for (const checkpoint of await readCheckpoints(client, checkpointsUpTo, end)) if (chain.addCheckpoint(checkpoint)) return null;
      checkpointsUpTo = end;
      for (let position = batch.first; position <= end; position++) {
        const offset = (position - batch.first) * HASH_SIZE;
        if (chain.acceptVerified(position, batch.hashes.subarray(offset, offset + HASH_SIZE))) return null;
      }
      options.onProgress?.(end, head.size);
    }
    for (const checkpoint of await readCheckpoints(client, checkpointsUpTo, null)) if (chain.addCheckpoint(checkpoint)) return null;
    const report = chain.finish(head);
    return report.ok ? report : null;
  } finally {
    // Leave nothing running on the client or the threads before the caller reuses them.
    await Promise.allSettled([reading, ...inFlight.map((batch) => batch.intact)]);
  }
}

/**
 * The rows' stored hashes in one buffer (32 bytes each), each row cut to the worker's tuple; null if
 * a row has no 32-byte hash (an event never hashed, or a damaged node: the sequential pass names it).
 */
function packHashes(rows: RawBatchRow[]): Buffer | null {
  const hashes = Buffer.allocUnsafeSlow(rows.length * HASH_SIZE);
  for (let i = 0; i < rows.length; i++) {
    const hash = rows[i].pop() as Buffer | null;
    if (hash?.length !== HASH_SIZE) return null;
    hash.copy(hashes, i * HASH_SIZE);
  }
  return hashes;
}
