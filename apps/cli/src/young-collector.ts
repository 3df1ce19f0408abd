import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/**
 * Whether a long CLI job that keeps PostgreSQL busy beside it (a rebuild) should have V8 collect its young
 * generation on the JavaScript thread alone. V8 collects it in parallel with helper threads; on two cores the
 * other core is busy with PostgreSQL's backends, and the JavaScript thread waits for helpers that get no core.
 * Measured on this project's two-core machine (docs/benchmarks.md, issue 15, ninth round), alternating
 * rebuilds of 488,440 events: young-generation pauses 2.88 → 2.61 s at the median of 6 pairs; the rebuild's
 * median 20.8 → 19.5 s over 11 pairs, within the machine's spread (6 of the 11 pairs faster).
 */
export const collectYoungOnOneThread = (cores = availableParallelism()): boolean => cores <= 2;

/** Applies collectYoungOnOneThread to this process (V8 reads the flag at every young-generation collection). */
export function tuneYoungCollector(cores = availableParallelism()): boolean {
  const one = collectYoungOnOneThread(cores);
  if (one) setFlagsFromString('--no-parallel-scavenge');
  return one;
}
