/** Latency samples and rates: what every scenario reports. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface WriterRun {
  /** Operations completed (commands, appends, statements). */
  operations: number;
  /** Rows or events written. */
  rows: number;
  /** Operations that lost a race and were retried (each retry counted). */
  retries: number;
  seconds: number;
  latenciesMs: number[];
}

/**
 * Runs `writers` concurrent loops for `seconds`; each call of `step(writer, i)` is one operation and
 * returns how many rows it wrote and how many times it retried. Latency is per operation, retries included.
 */
export async function runWriters(
  writers: number,
  seconds: number,
  step: (writer: number, iteration: number) => Promise<{ rows: number; retries: number }>,
): Promise<WriterRun> {
  const latenciesMs: number[] = [];
  let rows = 0;
  let retries = 0;
  const started = nowMs();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; nowMs() < deadline; i++) {
        const t = nowMs();
        const r = await step(writer, i);
        latenciesMs.push(nowMs() - t);
        rows += r.rows;
        retries += r.retries;
      }
    }),
  );
  return { operations: latenciesMs.length, rows, retries, seconds: (nowMs() - started) / 1000, latenciesMs };
}

/** Runs work once as a warm-up, then `runs` times, and returns the latencies in ms. */
export async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = nowMs();
    await work();
    ms.push(nowMs() - t);
  }
  return ms;
}
