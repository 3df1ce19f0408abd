import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, runCli } from '../lib/child';
import type { BenchServer } from '../lib/postgres';
import type { Progress } from '../lib/progress';
import type { BenchOptions } from '../lib/results';
import { percentile } from '../lib/stats';

/** The command line's own section of docs/benchmarks.md: a run of `--only cli` leaves the others' as published. */
const CLI_START = '<!-- bench:cli:start -->';
const CLI_END = '<!-- bench:cli:end -->';
const SAMPLE = join(ROOT, 'data', 'samples', 'dkukm-babel');
const GNU_TIME = '/usr/bin/time';

export interface CliRow {
  command: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  /** A bare `node -e 0` started just before each run of the command: the floor, measured pair by pair. */
  bareP50Ms: number;
  /** The median over pairs of (command / bare node) and of (command − bare node). */
  ratioP50: number;
  overP50Ms: number;
  peakRssMb: number | null;
  /** issue 15, target 1: within 3× a bare node (--help, --version) or within 500 ms of it (work on a small ledger). */
  target: string;
  met: boolean;
}

/** `node -e 0` under the same GNU time wrapper as the CLI, so both are measured alike. */
function bareNode(): Promise<number> {
  const timed = existsSync(GNU_TIME);
  const [command, argv] = timed ? [GNU_TIME, ['-v', process.execPath, '-e', '0']] : [process.execPath, ['-e', '0']];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

async function must(args: string[], env: Record<string, string>): Promise<string> {
  const run = await runCli(args, env);
  if (run.code !== 0) throw new Error(`renja-ledger ${args.join(' ')} exited with ${run.code}: ${run.stdout.slice(-2000)}`);
  return run.stdout;
}

/**
 * Scenario 8, the command line as a person starts it: whole processes of the built CLI, each run paired with a
 * bare `node -e 0` started just before it (on a shared machine the two see the same load). The small ledger is
 * the built-in sample (DKUKM, about 800 events), imported through the CLI into a database of the bench's server.
 */
export async function cliScenario(server: BenchServer, options: BenchOptions, progress: Progress): Promise<CliRow[]> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm run bench does)`);
  const database = await server.createDatabase('bench_cli');
  const dataDir = mkdtempSync(join(tmpdir(), 'renja-bench-cli-'));
  const env = { DATABASE_URL: server.url(database), RENJA_DATA_DIR: dataDir };
  try {
    progress.step('cli: loading the built-in sample through the CLI');
    await must(['migrate'], env);
    const token = (
      await must(['token', 'create', '--name', 'bench (cli)', '--role', 'admin,planner,finance', '--office', '*'], env)
    ).trim();
    await must(['import', SAMPLE, '--token', token, '--accept-warnings'], env);
    await must(['checkpoint'], env);
    const runs = options.quick ? 5 : 20;
    const exportFile = join(dataDir, 'export.jsonl');
    const commands: Array<[string, string[], 'start' | 'work']> = [
      ['--help', ['--help'], 'start'],
      ['--version', ['--version'], 'start'],
      [
        'report pagu-trail DKUKM 2022 --format json',
        ['report', 'pagu-trail', '--year', '2022', '--office', 'DKUKM', '--format', 'json'],
        'work',
      ],
      ['export (the whole sample)', ['export', '--out', exportFile], 'work'],
      ['verify --database', ['verify', '--database'], 'work'],
    ];
    const rows: CliRow[] = [];
    for (const [label, args, kind] of commands) {
      progress.step(`cli: ${label} (${runs} pairs with node -e 0)`);
      await must(args, env); // warm the file cache and PostgreSQL's; not counted
      const wall: number[] = [];
      const bare: number[] = [];
      const ratios: number[] = [];
      const over: number[] = [];
      let peak: number | null = null;
      for (let i = 0; i < runs; i++) {
        const floor = await bareNode();
        const run = await runCli(args, env);
        if (run.code !== 0) throw new Error(`renja-ledger ${args.join(' ')} exited with ${run.code}: ${run.stderr}`);
        const took = run.seconds * 1000;
        wall.push(took);
        bare.push(floor);
        ratios.push(took / floor);
        over.push(took - floor);
        if (run.peakRssMb !== null) peak = Math.max(peak ?? 0, run.peakRssMb);
      }
      const ratioP50 = percentile(ratios, 50);
      const overP50Ms = percentile(over, 50);
      rows.push({
        command: label,
        runs,
        p50Ms: percentile(wall, 50),
        p95Ms: percentile(wall, 95),
        bareP50Ms: percentile(bare, 50),
        ratioP50,
        overP50Ms,
        peakRssMb: peak,
        target: kind === 'start' ? '≤ 3× node -e 0' : '≤ node -e 0 + 500 ms',
        met: kind === 'start' ? ratioP50 <= 3 : overP50Ms <= 500,
      });
      progress.done(label, `p50 ${Math.round(percentile(wall, 50))} ms, ${ratioP50.toFixed(2)}× node -e 0`);
    }
    writeCliSection(rows, options.quick);
    return rows;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await server.dropDatabase(database);
  }
}

function cliMarkdown(rows: CliRow[], quick: boolean): string {
  const ms = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench --${quick ? ' --quick' : ''} --only cli\`: whole`,
    'processes of the built CLI (`node dist/apps/cli/src/main.js …`), each run paired with a bare `node -e 0` started',
    'just before it; the work commands on the built-in sample (DKUKM, about 800 events) in a database of the bench server.',
    '"Over node" is the median of (command − bare node) over the pairs: the command’s own work and what it loads.',
    '',
    '| command | runs | p50 ms | p95 ms | node -e 0 p50 ms | ratio p50 | over node p50 ms | peak RSS MB | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.command} | ${r.runs} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${ms(r.bareP50Ms)} | ${r.ratioP50.toFixed(2)}× | ${ms(r.overP50Ms)} | ${
          r.peakRssMb === null ? 'n/a' : r.peakRssMb.toFixed(0)
        } | ${r.target} | ${r.met ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
}

/** Writes the scenario's section of docs/benchmarks.md, adding its markers at the end the first time. */
function writeCliSection(rows: CliRow[], quick: boolean): void {
  const docs = join(ROOT, 'docs', 'benchmarks.md');
  let current = readFileSync(docs, 'utf8');
  if (!current.includes(CLI_START) || !current.includes(CLI_END))
    current = `${current.trimEnd()}\n\n### The command line (issue 15, target 1)\n\n${CLI_START}\n${CLI_END}\n`;
  const at = current.indexOf(CLI_START) + CLI_START.length;
  writeFileSync(docs, `${current.slice(0, at)}\n${cliMarkdown(rows, quick)}\n${current.slice(current.indexOf(CLI_END))}`);
}
