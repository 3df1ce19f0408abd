/**
 * Time of the reports for one office and for every office, now and in the past (validAt / knownAt), in
 * process (no HTTP): what the as-of path costs. Not part of the normal test run; run it with
 *
 *   BENCH_DATABASE=<db> npx jest --testRegex 'past\.bench\.ts$' projections/src/reports/bench
 *
 * on a server holding the report benchmark's offices (reports.bench.ts generates them into BENCH_DATABASE).
 * BENCH_RUNS (default 10). With `node --cpu-prof` around Jest (--runInBand) it gives a profile of the folds.
 */
import { DataSource } from 'typeorm';
import { testServerUrl } from '@renja/infrastructure/testing/test-database';
import { readModelEntities } from '../../read-model-entities';
import { ReportReader } from '../report-reader';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const YEAR = 2023;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(runs: number, work: () => Promise<unknown>): Promise<string> {
  await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await work();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return `p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms`;
}

it('reports now and in the past', async () => {
  const url = new URL(testServerUrl());
  url.pathname = `/${process.env.BENCH_DATABASE ?? 'bench'}`;
  const dataSource = await new DataSource({ type: 'postgres', url: url.toString(), entities: readModelEntities }).initialize();
  const out: string[] = [];
  try {
    const codes = (await dataSource.query<Array<{ code: string }>>('SELECT code FROM rm_offices ORDER BY code')).map((r) => r.code);
    const [{ t: knownAt }] = await dataSource.query<Array<{ t: string }>>(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t FROM ledger_events
       WHERE position = (SELECT max(position) / 2 FROM ledger_events)`,
    );
    const reader = new ReportReader(dataSource);
    const past = { validAt: `${YEAR}-10-31`, knownAt };
    out.push(`offices ${codes.length}, knownAt ${knownAt}`);
    const views = [
      ['now', {}],
      ['past', past],
      ['validAt only', { validAt: past.validAt }],
    ] as const;
    // BENCH_VIEWS=past,now: only these points of view (a profile of one path).
    const only = process.env.BENCH_VIEWS?.split(',');
    for (const [name, asOf] of views.filter(([n]) => !only || only.includes(n.split(' ')[0]))) {
      const one = { year: YEAR, office: codes[0], asOf };
      out.push(`1 office ${name}, reconciliation: ${await time(RUNS, () => reader.reconciliation(one))}`);
      out.push(`1 office ${name}, evaluation:     ${await time(RUNS, () => reader.evaluation(one))}`);
      out.push(
        `${codes.length} offices ${name}, reconciliation: ${await time(2, async () => {
          for (const office of codes) await reader.reconciliation({ year: YEAR, office, asOf });
        })}`,
      );
    }
  } finally {
    console.log(out.join('\n'));
    await dataSource.destroy();
  }
}, 3_600_000);
