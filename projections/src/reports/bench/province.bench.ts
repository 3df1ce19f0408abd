/**
 * Where the time of a report in the past goes, in process: the query (with EXPLAIN ANALYZE), the folds and
 * sums, and the JSON the API sends; one office and every office (the province reports). Not part of the
 * normal test run; run it with
 *
 *   BENCH_OFFICES=8 npx jest --testRegex 'province\.bench\.ts$' projections/src/reports/bench --runInBand
 *
 * (with `node --cpu-prof node_modules/.bin/jest …` for a profile). BENCH_DATABASE as in bench-province.ts.
 */
import type { AsOf } from '@renja/domain';
import type { SqlRunner } from '../../shared/sql-runner';
import { ReportReader } from '../report-reader';
import { benchProvince, officeCode, YEAR } from './bench-province';

const OFFICES = Number(process.env.BENCH_OFFICES ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Wall time of the report and of its JSON (what the API adds), the time in queries, and the JSON's size. */
async function time(runs: number, timed: { ms: number }, work: () => Promise<unknown>): Promise<string> {
  const total: number[] = [];
  const stringify: number[] = [];
  const inQueries: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= runs; i++) {
    timed.ms = 0;
    const started = performance.now();
    const report = await work();
    const computed = performance.now();
    bytes = JSON.stringify(report).length;
    const done = performance.now();
    if (i === 0) continue; // warm-up
    total.push(done - started);
    stringify.push(done - computed);
    inQueries.push(timed.ms);
  }
  const p = (list: number[]) => {
    const s = [...list].sort((a, b) => a - b);
    return `${percentile(s, 50).toFixed(0)}/${percentile(s, 95).toFixed(0)}`;
  };
  return `p50/p95 ms: total ${p(total)}, queries ${p(inQueries)}, JSON.stringify ${p(stringify)}; JSON ${(bytes / 1e6).toFixed(2)} MB`;
}

it('reports in the past: where the time goes', async () => {
  const { dataSource, knownAt, close } = await benchProvince(OFFICES);
  const out: string[] = [];
  try {
    const timed = { ms: 0 };
    const explained = new Map<string, string>();
    const runner: SqlRunner = {
      query: async (sql: string, params?: unknown[]) => {
        const started = performance.now();
        try {
          return await dataSource.query(sql, params);
        } finally {
          timed.ms += performance.now() - started;
        }
      },
    };
    const explaining: SqlRunner = {
      query: async (sql: string, params?: unknown[]) => {
        const plan = await dataSource.query<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        explained.set(sql.replace(/\s+/g, ' ').slice(0, 120), plan.map((r) => r['QUERY PLAN']).join('\n'));
        return dataSource.query(sql, params);
      },
    };
    const reader = new ReportReader(runner);
    const office = officeCode(1);
    const past: AsOf = { validAt: `${YEAR}-10-31`, knownAt };
    out.push(`offices ${OFFICES}, knownAt ${knownAt}`);
    for (const [name, asOf] of [
      ['past', past],
      ['now', {}],
    ] as const) {
      const one = { year: YEAR, office, asOf };
      out.push(`1 office ${name}, reconciliation: ${await time(RUNS, timed, () => reader.reconciliation(one))}`);
      out.push(`1 office ${name}, evaluation:     ${await time(RUNS, timed, () => reader.evaluation(one))}`);
      const province = { year: YEAR, asOf };
      out.push(
        `${OFFICES} offices ${name}, province reconciliation: ${await time(3, timed, () => reader.provinceReconciliation(province))}`,
      );
      out.push(`${OFFICES} offices ${name}, province evaluation:     ${await time(3, timed, () => reader.provinceEvaluation(province))}`);
    }
    // The plans of the queries a past report sends, once its lines are kept (what every later request sends).
    const explainer = new ReportReader(explaining);
    for (let i = 0; i < 2; i++) {
      await explainer.reconciliation({ year: YEAR, office, asOf: past });
      await explainer.evaluation({ year: YEAR, office, asOf: past });
    }
    for (const [sql, plan] of explained) out.push(`EXPLAIN ANALYZE ${sql} …\n${plan}`);
  } finally {
    console.log(out.join('\n'));
    await close();
  }
}, 3_600_000);
