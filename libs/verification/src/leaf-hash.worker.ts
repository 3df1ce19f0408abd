import { parentPort } from 'node:worker_threads';
import { hashLineChunk, packedRowsAreIntact, type PackedRows } from './leaf-hash-batch';

/** A worker thread of LeafHashWorkers: answers each task, in the order they came, with its result. */
export type LeafHashTask = { kind: 'rows'; batch: PackedRows } | { kind: 'lines'; bytes: Uint8Array };

parentPort?.on('message', (task: LeafHashTask) => {
  if (task.kind === 'rows') {
    parentPort!.postMessage(packedRowsAreIntact(task.batch));
    return;
  }
  const result = hashLineChunk(task.bytes);
  parentPort!.postMessage(result, result.intact ? [result.hashes.buffer as ArrayBuffer] : []);
});
