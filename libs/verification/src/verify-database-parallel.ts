import type { PoolClient } from 'pg';
import type { NoteVerifier } from '@renja/integrity';
import { GENESIS_HASH } from '@renja/event-store/integrity/event-hash';
import { ChainVerifier } from './chain-verifier';
import { readCheckpoints, readRawBatch, type PackedBatch } from './database-source';
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
  /** The batch's stored hashes; the worker gets a copy (the transfer empties what it is given). */
  hashes: Buffer;
  intact: Promise<boolean>;
}

/**
 * The fast pass of verifyDatabase: this thread reads batches (read-ahead; each batch becomes one JSON
 * text, the events' data left as PostgreSQL sent it, and one buffer of hashes: this thread parses no JSON), the hasher's threads
 * check that every event of a batch hashes from its predecessor's stored hash to its own, and this
 * thread folds the stored hashes into the tree and checks checkpoints and the head. Returns the report
 * when everything holds, null as soon as anything does not: the caller then verifies sequentially,
 * which names the first bad position exactly (this pass never names one).
 */
export async function verifyDatabaseInParallel(
  client: PoolClient,
  hasher: LeafHasher,
  options: ParallelPassOptions,
): Promise<VerificationSuccess | null> {
  const { batchSize, head } = options;
  const chain = new ChainVerifier(options.verifier);
  const inFlight: InFlight[] = [];
  let reading: Promise<PackedBatch> | null = readRawBatch(client, 0, batchSize);
  let after = 0;
  let previousHash: Buffer = GENESIS_HASH;
  let checkpointsUpTo = -1;
  try {
    for (;;) {
      while (reading && inFlight.length < hasher.depth) {
        const batch: PackedBatch = await reading;
        // The next batch is requested before this one is handed over, so PostgreSQL produces it meanwhile.
        reading = batch.rows < batchSize ? null : readRawBatch(client, batch.last, batchSize);
        if (batch.rows === 0) break;
        // A row without a 32-byte hash (an event never hashed, a damaged node): the sequential pass names it.
        if (!batch.hashed || !batch.hashes || batch.events === null || batch.hashes.length !== batch.rows * HASH_SIZE) return null;
        const copy = new Uint8Array(batch.hashes);
        inFlight.push({
          first: after + 1,
          hashes: batch.hashes,
          intact: hasher.rowsIntact({ first: after + 1, previousHash: new Uint8Array(previousHash), events: batch.events, hashes: copy }),
        });
        previousHash = batch.hashes.subarray(batch.hashes.length - HASH_SIZE);
        after = batch.last;
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
