import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { hashLineChunk, packedRowsAreIntact, type LineBatchResult, type PackedRows } from './leaf-hash-batch';
import type { LeafHashTask } from './leaf-hash.worker';

/** Where the per-event hashing of a whole-log verification runs: worker threads, or (tests) the calling thread. */
export interface LeafHasher {
  rowsIntact(batch: PackedRows): Promise<boolean>;
  hashLines(bytes: Uint8Array): Promise<LineBatchResult>;
  /** How many batches to keep in flight so no thread waits. */
  readonly depth: number;
  close(): Promise<void>;
}

/** The compiled worker beside this file; absent when running from TypeScript sources (Jest), where verification stays sequential. */
export const DEFAULT_WORKER_SCRIPT = join(__dirname, 'leaf-hash.worker.js');

/**
 * Threads worth starting: the cores left once the reading thread and PostgreSQL have one each, at most 4.
 * On two cores none: there the threads only compete with the reader and the server (bench of 2026-12-05,
 * 488,440 events: 26,324 events/s with two threads, 40,880 on one; verify FILE 57,955 against 62,227).
 */
export const defaultWorkerCount = (cores = availableParallelism()): number => Math.max(0, Math.min(4, cores - 2));

/**
 * A task holds about 1 MiB of lines (or 5,000 rows) and what parsing them makes; without limits V8
 * lets each worker's heap grow far beyond that before collecting, which showed as peak RSS creeping
 * up with the ledger's size. Past the limit a worker stops with an error: the caller then verifies on one thread.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** A worker thread failed (out of its memory limit, or crashed): the work it had is redone on the calling thread. */
export class LeafHashWorkerError extends Error {
  override readonly name = 'LeafHashWorkerError';
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** A fixed set of worker threads; tasks go round-robin, and each worker answers its tasks in order. */
export class LeafHashWorkers implements LeafHasher {
  private readonly waiting: Waiting[][];
  private next = 0;
  private broken: LeafHashWorkerError | null = null;

  private constructor(private readonly workers: Worker[]) {
    this.waiting = workers.map(() => []);
    workers.forEach((worker, i) => {
      worker.on('message', (value: unknown) => this.waiting[i].shift()?.resolve(value));
      worker.on('error', (error: Error) =>
        this.fail(new LeafHashWorkerError(`a leaf hashing worker failed: ${error.message}`, { cause: error })),
      );
      worker.on('exit', (code) => this.fail(new LeafHashWorkerError(`a leaf hashing worker exited (code ${code})`)));
    });
  }

  /** Starts `count` workers, or returns null when there is no worker script (or count < 1): the caller verifies sequentially. */
  static open(count: number, script = DEFAULT_WORKER_SCRIPT): LeafHashWorkers | null {
    if (count < 1 || !existsSync(script)) return null;
    return new LeafHashWorkers(Array.from({ length: count }, () => new Worker(script, { resourceLimits: WORKER_LIMITS })));
  }

  get depth(): number {
    return 2 * this.workers.length;
  }

  rowsIntact(batch: PackedRows): Promise<boolean> {
    return this.run({ kind: 'rows', batch }, [batch.hashes.buffer as ArrayBuffer]);
  }

  hashLines(bytes: Uint8Array): Promise<LineBatchResult> {
    return this.run({ kind: 'lines', bytes }, [bytes.buffer as ArrayBuffer]);
  }

  async close(): Promise<void> {
    this.broken ??= new LeafHashWorkerError('the leaf hashing workers were closed');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  /**
   * A failed worker rejects every task in flight at once, while the caller may be awaiting something else
   * (the next batch from PostgreSQL, the next chunk of the file): each task's promise is marked handled when
   * made, so those rejections wait for the caller (who then falls back to the sequential pass) instead of
   * ending the process as unhandled rejections.
   */
  private run<T>(task: LeafHashTask, transfer: ArrayBuffer[]): Promise<T> {
    const result = this.broken
      ? Promise.reject<T>(this.broken)
      : new Promise<T>((resolve, reject) => {
          const i = this.next++ % this.workers.length;
          this.waiting[i].push({ resolve: resolve as (value: unknown) => void, reject });
          this.workers[i].postMessage(task, transfer);
        });
    result.catch(() => undefined);
    return result;
  }

  private fail(error: LeafHashWorkerError): void {
    this.broken ??= error;
    for (const queue of this.waiting) for (const waiting of queue.splice(0)) waiting.reject(error);
  }
}

/** The same work on the calling thread: for tests of the parallel path's bookkeeping without worker threads. */
export const inlineLeafHasher = (depth = 2): LeafHasher => ({
  depth,
  rowsIntact: async (batch) => packedRowsAreIntact(batch),
  hashLines: async (bytes) => hashLineChunk(bytes),
  close: async () => undefined,
});
