/**
 * Verification rate and peak memory over a large ledger, from the database and from a full export
 * file, at two sizes (default 250,000 and 1,000,000 events) to show that memory stays flat: both
 * verifiers stream. Not part of `npm test` (testRegex matches only .spec/.e2e-spec); run with
 *
 *   npm run build   # the CLI runs are measured too, from dist/
 *   node --expose-gc node_modules/.bin/jest libs/application/src/integrity/verification/bench --testRegex 'bench\.ts$'
 *
 * (the path before --testRegex, which takes several values and would swallow it).
 *
 * Env: BENCH_SIZES (default "250000,1000000"), BENCH_STREAMS (default 5000), BENCH_HEAP_CAP (MB, default
 * 64: the CLI runs again with the V8 heap capped, to show the bound), BENCH_KEEP=1 (keep the database and
 * export files, and print the key, to rerun the CLI by hand). Method: in-process,
 * process.memoryUsage() sampled every 20 ms during each run (peak RSS and heap, minus the level just
 * before); and the built CLI (`renja-ledger verify`) as its own process under /usr/bin/time -v,
 * whose "Maximum resident set size" is the whole process's peak. docs/verification.md has the figures.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { eventStoreMigrations, LedgerTree, PostgresEventStore, type StreamAppend } from '@renja/event-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase } from '@renja/infrastructure/testing/test-database';
import { Checkpointer } from '@renja/application/integrity/checkpointer';
import { newKey, ORIGIN } from '../testing/ledger-fixture';
import { verifyDatabase } from '../verify-database';
import { verifyExport } from '../verify-export';
import { writeExport } from '../write-export';

const SIZES = (process.env.BENCH_SIZES ?? '250000,1000000').split(',').map(Number);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 5000);
const HEAP_CAP = Number(process.env.BENCH_HEAP_CAP ?? 64); // MB of V8 old space for the capped CLI runs
const KEEP = process.env.BENCH_KEEP === '1'; // keep the database, the export files and print the key, to rerun the CLI by hand
const PER_APPEND = 1000; // events per appendMany: 20 streams x 50 events
const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** A realistic append: 20 line streams (of STREAMS, round robin), 50 pagu or realisation events each. */
function batch(n: number): StreamAppend[] {
  const metadata = {
    actor: 'Operator BPKAD',
    correlationId: randomUUID(),
    causationId: null,
    effectiveDate: '2024-03-01',
    legalBasis: { kind: 'Perkada', number: '25 Tahun 2024', date: '2024-02-27' },
    reason: 'pergeseran anggaran',
  };
  return Array.from({ length: 20 }, (_, s) => {
    const stream = (n * 20 + s) % STREAMS;
    const streamId = `line-2024-OPD${String(stream % 50).padStart(2, '0')}-2.17.07.1.01.${String(1000 + Math.floor(stream / 50))}`;
    const events = Array.from({ length: PER_APPEND / 20 }, (_, i) =>
      i % 2 === 0
        ? {
            id: randomUUID(),
            type: 'pagu.changed',
            schemaVersion: 1,
            data: { phase: 'PERGESERAN', fundingSource: 'DAU', operation: 'add', amount: `${i + 1}250000.00` },
            metadata,
          }
        : {
            id: randomUUID(),
            type: 'realisation.recorded',
            schemaVersion: 1,
            data: { period: '2024-Q1', amount: `${i}75000.00`, outputs: [{ indicatorId: 'IKU-1', value: '12' }] },
            metadata,
          },
    );
    return { streamId, expectedVersion: 'any' as const, events };
  });
}

/** Runs `work`, sampling this process's memory; peaks are reported above the level just before. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; rss: number; heap: number }> {
  (global as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let [rss, heap] = [before.rss, before.heapUsed];
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    [rss, heap] = [Math.max(rss, m.rss), Math.max(heap, m.heapUsed)];
  }, 20);
  const started = process.hrtime.bigint();
  try {
    const value = await work();
    return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9, rss: rss - before.rss, heap: heap - before.heapUsed };
  } finally {
    clearInterval(timer);
  }
}

/** The built CLI under /usr/bin/time -v: its stdout and its peak RSS. */
async function cli(
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<{ stdout: string; stderr: string; maxRss: number; cpu: number }> {
  const command = ['-v', process.execPath, ...nodeFlags, CLI, ...args];
  const result = await promisify(execFile)('/usr/bin/time', command, { env: { ...process.env, ...env }, maxBuffer: 1 << 24 }).catch(
    (e) => e,
  );
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  const seconds = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1] ?? NaN);
  return {
    stdout: String(result.stdout).trim(),
    stderr: String(result.stderr),
    maxRss: kb * 1024,
    cpu: seconds('User') + seconds('System'),
  };
}

it(`verification of ${SIZES.join(' and ')} events: rate and peak memory`, async () => {
  const db = await createTestDatabase('bench_verify');
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'renja-bench-'));
  const key = newKey();
  const env = { DATABASE_URL: db.url };
  const report: string[] = [];
  try {
    await runMigrations(pool, eventStoreMigrations);
    report.push(`CLI process doing nothing (renja-ledger --help): peak RSS ${MB((await cli(['--help'], env)).maxRss)}`);
    const store = new PostgresEventStore(pool);
    const checkpointer = new Checkpointer(new LedgerTree(pool), { origin: ORIGIN, signer: key.signer });
    let size = 0;
    let appending = 0;
    for (const target of SIZES) {
      const started = Date.now();
      for (; size < target; size += PER_APPEND) await store.appendMany(batch(size / PER_APPEND));
      appending += (Date.now() - started) / 1000;
      report.push(
        `\n${size} events (${STREAMS} streams), appended in ${appending.toFixed(0)} s so far (${Math.round(size / appending)} events/s)`,
      );
      await checkpointer.issue();

      const fromDb = await measured(() => verifyDatabase(pool, { verifierKey: key.verifierKey }));
      expect(fromDb.value).toMatchObject({ ok: true, size });
      report.push(
        `  database, in-process: ${Math.round(size / fromDb.seconds)} events/s (${fromDb.seconds.toFixed(1)} s), peak +${MB(fromDb.rss)} RSS, +${MB(fromDb.heap)} heap`,
      );

      const file = join(dir, `export-${size}.jsonl`);
      const out = createWriteStream(file);
      const exported = await measured(() =>
        writeExport(pool, out, { filter: 'all', verifierKey: key.verifierKey }).finally(() => out.end()),
      );
      await finished(out);
      report.push(
        `  export written: ${Math.round(size / exported.seconds)} events/s (${exported.seconds.toFixed(1)} s), ${MB(statSync(file).size)} file`,
      );

      const fromFile = await measured(() => verifyExport(createReadStream(file), { verifierKey: key.verifierKey }));
      expect(fromFile.value).toMatchObject({ ok: true, size });
      report.push(
        `  export file, in-process: ${Math.round(size / fromFile.seconds)} events/s (${fromFile.seconds.toFixed(1)} s), peak +${MB(fromFile.rss)} RSS, +${MB(fromFile.heap)} heap`,
      );

      // The capped runs prove the bound: a verifier that held the log would need far more than HEAP_CAP.
      const runs = [
        ['database', ['verify', '--database', '--key', key.verifierKey], []],
        ['export file', ['verify', file, '--key', key.verifierKey], []],
        [
          `database, heap capped at ${HEAP_CAP} MB`,
          ['verify', '--database', '--key', key.verifierKey],
          [`--max-old-space-size=${HEAP_CAP}`],
        ],
        [`export file, heap capped at ${HEAP_CAP} MB`, ['verify', file, '--key', key.verifierKey], [`--max-old-space-size=${HEAP_CAP}`]],
      ] as const;
      for (const [what, args, flags] of runs) {
        const run = await cli([...args], env, [...flags]);
        if (!run.stdout.startsWith(`verified ${size} events`))
          throw new Error(`renja-ledger ${args.join(' ')}:\n${run.stdout}\n${run.stderr}`);
        report.push(
          `  ${what}, CLI process: ${/(\d+) events\/s/.exec(run.stdout)?.[1]} events/s, peak RSS ${MB(run.maxRss)}, CPU ${run.cpu.toFixed(1)} s (whole process)`,
        );
      }
      if (KEEP) report.push(`  kept: DATABASE_URL=${db.url} file ${file} key ${key.verifierKey}`);
      else rmSync(file);
      console.log(report.splice(0).join('\n')); // as we go: a long run shows its first figures early
    }
  } finally {
    await pool.end();
    if (!KEEP) {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  }
}, 3_600_000);
