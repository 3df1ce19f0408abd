/**
 * `npm run bench`: starts its own embedded PostgreSQL, generates the seeded province data set and
 * measures appends (ours, Emmett, the bare-table floors), a bulk import, the command path, projection
 * rebuild, verification and queries; prints a table, writes bench/results/<date>.json and the
 * results section of docs/benchmarks.md. Options: --quick, --only append,bulk,command,rebuild,verify,queries.
 */
import { loadavg } from 'node:os';
import { parseOptions, runs } from './lib/options';
import { startBenchServer } from './lib/postgres';
import { Progress } from './lib/progress';
import { publish } from './lib/report';
import type { AppendRow, BatchRow, QueryRow, WebResults } from './lib/results';
import { appendScenarios } from './scenarios/append';
import { bulkScenario } from './scenarios/bulk';
import { cliScenario } from './scenarios/cli';
import { provinceScenarios, type DatasetFacts } from './scenarios/province';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const progress = new Progress();
  const loadAverage = loadavg();
  progress.step(`renja-ledger bench${options.quick ? ' --quick' : ''}: starting an embedded PostgreSQL`);
  const server = await startBenchServer();
  // Ctrl-C: stop the embedded PostgreSQL and remove its folder rather than leave them behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the embedded PostgreSQL\n`);
      void server.stop().finally(() => process.exit(130));
    });
  }
  const append: AppendRow[] = [];
  const batch: BatchRow[] = [];
  const queries: QueryRow[] = [];
  let web: WebResults | null = null;
  let dataset: DatasetFacts = { offices: 0, events: 0, loadSeconds: 0, bytesPerEvent: null };
  try {
    if (runs(options, 'append')) append.push(...(await appendScenarios(server, options, progress)));
    if (runs(options, 'bulk')) batch.push(...(await bulkScenario(server, options, progress)));
    // The command line writes its own section of docs/benchmarks.md.
    if (runs(options, 'cli')) await cliScenario(server, options, progress);
    if (['command', 'rebuild', 'verify', 'queries', 'web'].some((s) => runs(options, s as never))) {
      const province = await provinceScenarios(server, options, progress);
      append.push(...province.append);
      batch.push(...province.batch);
      queries.push(...province.queries);
      dataset = province.dataset;
      web = province.web;
    }
  } finally {
    await server.stop();
  }
  publish({
    options,
    server: { version: server.version },
    dataset,
    append,
    batch,
    queries,
    web,
    totalSeconds: progress.elapsedSeconds(),
    loadAverage,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
