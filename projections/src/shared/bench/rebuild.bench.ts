/**
 * Rate and peak memory of `Projector.rebuild` (the plan projection from zero) over synthetic offices of the
 * report benchmark (670 lines, ~18 events each). Not part of `npm test`; run it with
 *
 *   node --expose-gc node_modules/.bin/jest projections/src/shared/bench --testRegex 'bench\.ts$'
 *
 * BENCH_OFFICES (default 40: ~488,000 events) sets the size. BENCH_DATABASE names a database on the test
 * server to keep and reuse: generated on the first run (later runs with more offices add the missing
 * ones), rebuilt again on the next ones (point TEST_DATABASE_URL at a server you started yourself). BENCH_RUNS (default 2) rebuilds per run.
 * BENCH_PG_PID, the postmaster's pid of that server, adds the CPU seconds its processes spent: with a
 * shared, loaded machine, CPU time says more than wall time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { eventStoreMigrations, PostgresEventStore } from '@renja/event-store';
import { authMigrations } from '@renja/infrastructure/auth/token-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { projectionMigrations } from '../../migrations';
import { PlanProjection } from '../../plan/plan.projection';
import { readModelEntities } from '../../read-model-entities';
import { appendOffice, officeStreams } from '../../reports/bench/generate-office';
import { Projector } from '../projector';

const OFFICES = Number(process.env.BENCH_OFFICES ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const KEEP = process.env.BENCH_DATABASE;
const SHAPE = { programs: 10, kegiatanPerProgram: 6, subPerKegiatan: 10 };
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function database(): Promise<TestDatabase> {
  if (!KEEP) return createTestDatabase('bench_rebuild');
  const url = new URL(testServerUrl());
  const admin = new Pool({ connectionString: url.toString(), max: 1 });
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [KEEP]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${KEEP}`);
  await admin.end();
  url.pathname = `/${KEEP}`;
  return { url: url.toString(), name: KEEP, drop: async () => undefined };
}

/** CPU seconds of the PostgreSQL server's processes (live backends, plus those already reaped), from /proc. */
function serverCpuSeconds(): number {
  const postmaster = process.env.BENCH_PG_PID;
  if (!postmaster) return NaN;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (pid === postmaster) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    else if (fields[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // USER_HZ
}

/** Runs `work`, sampling this process's memory every 20 ms; peaks are above the level just before. */
async function measured(
  work: () => Promise<void>,
): Promise<{ seconds: number; rss: number; heap: number; cpu: number; serverCpu: number }> {
  (global as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let [rss, heap] = [before.rss, before.heapUsed];
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    [rss, heap] = [Math.max(rss, m.rss), Math.max(heap, m.heapUsed)];
  }, 20);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const serverCpu = serverCpuSeconds();
  try {
    await work();
    const used = process.cpuUsage(cpu);
    return {
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      rss: rss - before.rss,
      heap: heap - before.heapUsed,
      cpu: (used.user + used.system) / 1e6,
      serverCpu: serverCpuSeconds() - serverCpu,
    };
  } finally {
    clearInterval(timer);
  }
}

it(`rebuild of the plan projection from ${OFFICES} offices`, async () => {
  const db = await database();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const store = new PostgresEventStore(pool);
  const dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities }).initialize();
  const out: string[] = [];
  try {
    await runMigrations(pool, [...eventStoreMigrations, ...authMigrations, ...projectionMigrations]);
    // A kept database grows to BENCH_OFFICES offices: only the missing ones are generated.
    const present = await pool.query<{ n: string }>("SELECT count(*) AS n FROM ledger_events WHERE type = 'office.registered'");
    if (Number(present.rows[0].n) < OFFICES) {
      const started = Date.now();
      let events = 0;
      for (let i = Number(present.rows[0].n) + 1; i <= OFFICES; i++)
        events += await appendOffice(store, officeStreams(2023, `OPD${String(i).padStart(3, '0')}`, SHAPE));
      out.push(`generated ${events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const head = await store.headPosition();
    const projector = new Projector(dataSource, store, new PlanProjection());
    for (let run = 1; run <= RUNS; run++) {
      const m = await measured(() => projector.rebuild());
      out.push(
        `rebuild ${run}: ${head} events in ${m.seconds.toFixed(1)} s = ${Math.round(head / m.seconds)} events/s, peak +${MB(m.rss)} RSS, +${MB(m.heap)} heap; CPU: Node ${m.cpu.toFixed(1)} s, PostgreSQL ${m.serverCpu.toFixed(1)} s`,
      );
    }
    expect(await projector.position()).toBe(head);
    const lines = await pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_plan_lines');
    out.push(`lines: ${lines.rows[0].n}`);
  } finally {
    console.log(out.join('\n'));
    await store.close();
    await dataSource.destroy();
    await pool.end();
    await db.drop();
  }
}, 3_600_000);
