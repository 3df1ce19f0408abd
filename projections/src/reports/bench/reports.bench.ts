/**
 * Time of the reconciliation and the evaluation for one office (~600 sub kegiatan with their kegiatan and
 * programs, ~20 events each) and for 40 such offices. Not part of the normal test run (the name does not
 * match testRegex); run it with
 *
 *   npx jest --testRegex 'bench\.ts$' projections/src/reports/bench
 *
 * BENCH_OFFICES (default 40) and BENCH_RUNS (default 10) override the defaults. BENCH_DATABASE names a
 * database on the test server to reuse when it already holds at least BENCH_OFFICES projected offices (e.g.
 * the rebuild benchmark's): its first offices by code are measured, nothing is generated or dropped.
 */
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '@renja/event-store';
import { authMigrations } from '@renja/infrastructure/auth/token-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { eventStoreMigrations } from '@renja/event-store';
import { projectionMigrations } from '../../migrations';
import { PlanProjection } from '../../plan/plan.projection';
import { readModelEntities } from '../../read-model-entities';
import { Projector } from '../../shared/projector';
import { ReportReader } from '../report-reader';
import { loadReportScope } from '../shared/report-lines';
import { appendOffice, officeStreams } from './generate-office';

const OFFICES = Number(process.env.BENCH_OFFICES ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const YEAR = 2023;
const SHAPE = { programs: 10, kegiatanPerProgram: 6, subPerKegiatan: 10 };
const officeCode = (i: number) => `OPD${String(i).padStart(2, '0')}`;

const KEEP = process.env.BENCH_DATABASE;

async function database(): Promise<TestDatabase> {
  if (!KEEP) return createTestDatabase('bench');
  const url = new URL(testServerUrl());
  url.pathname = `/${KEEP}`;
  return { url: url.toString(), name: KEEP, drop: async () => undefined };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Wall time, and this process's CPU time (steadier than wall time on a shared, loaded machine; PostgreSQL's not included). */
async function time(runs: number, work: () => Promise<unknown>): Promise<string> {
  await work(); // warm-up: JIT, connection, PostgreSQL caches
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await work();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  cpuMs.sort((a, b) => a - b);
  return `p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms (${runs} runs); Node CPU p50 ${percentile(cpuMs, 50).toFixed(0)} ms`;
}

it(`reports for 1 and ${OFFICES} offices of ${SHAPE.programs * SHAPE.kegiatanPerProgram * SHAPE.subPerKegiatan} sub kegiatan`, async () => {
  const db = await database();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const store = new PostgresEventStore(pool);
  const dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities }).initialize();
  const out: string[] = [];
  try {
    await runMigrations(pool, [...eventStoreMigrations, ...authMigrations, ...projectionMigrations]);
    const present = (await pool.query<{ code: string }>('SELECT code FROM rm_offices ORDER BY code')).rows.map((r) => r.code);
    const codes = present.length >= OFFICES ? present.slice(0, OFFICES) : Array.from({ length: OFFICES }, (_, i) => officeCode(i + 1));
    if (present.length < OFFICES) {
      let started = Date.now();
      let events = 0;
      for (const code of codes) events += await appendOffice(store, officeStreams(YEAR, code, SHAPE));
      out.push(`generated ${events} events for ${OFFICES} offices in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      started = Date.now();
      await new Projector(dataSource, store, new PlanProjection()).rebuild(); // the same rows as catching up, sooner
      out.push(`projected them in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    out.push(`events in the database: ${await store.headPosition()}, offices: ${Math.max(present.length, OFFICES)}`);
    const lines = await pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_plan_lines WHERE office_code = $1', [codes[0]]);
    out.push(`lines per office: ${lines.rows[0].n}`);

    const reader = new ReportReader(dataSource);
    const one = { year: YEAR, office: codes[0] };
    const reconciliation = await reader.reconciliation(one);
    expect(reconciliation.tieOut.deltas.status).toBe('OK');
    out.push(
      `1 office, loading the line states only: ${await time(RUNS, () => loadReportScope(dataSource, YEAR, codes[0], {}, { movements: true }))}`,
    );
    out.push(`1 office, reconciliation: ${await time(RUNS, () => reader.reconciliation(one))}`);
    out.push(`1 office, evaluation:     ${await time(RUNS, () => reader.evaluation(one))}`);
    out.push(
      `1 office, reconciliation as of 2023-10-31 known 2099-01-01: ${await time(RUNS, () => reader.reconciliation({ ...one, asOf: { validAt: '2023-10-31', knownAt: '2099-01-01T00:00:00.000000Z' } }))}`,
    );
    const all = codes.map((office) => ({ year: YEAR, office }));
    out.push(
      `${OFFICES} offices one after another, reconciliation: ${await time(RUNS, async () => {
        for (const o of all) await reader.reconciliation(o);
      })}`,
    );
    out.push(
      `${OFFICES} offices one after another, evaluation:     ${await time(RUNS, async () => {
        for (const o of all) await reader.evaluation(o);
      })}`,
    );
  } finally {
    console.log(out.join('\n'));
    await store.close();
    await dataSource.destroy();
    await pool.end();
    await db.drop();
  }
}, 3_600_000);
