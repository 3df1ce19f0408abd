/**
 * What the report reader keeps on the V8 heap after a province's reports, and of what: the live heap after a
 * full collection with everything kept, then again after dropping the kept reports, the kept views in the
 * past, the kept states and the present views, one after the other. Not part of the normal test run; run it
 * with (a full collection needs --expose-gc)
 *
 *   BENCH_OFFICES=8 node --expose-gc node_modules/.bin/jest --testRegex 'heap\.bench\.ts$' \
 *     --runTestsByPath projections/src/reports/bench/heap.bench.ts --selectProjects int
 *
 * BENCH_DATABASE as in reports.bench.ts.
 */
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '@renja/event-store';
import { authMigrations } from '@renja/infrastructure/auth/token-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { eventStoreMigrations } from '@renja/event-store';
import type { AsOf, PlanLineState } from '@renja/domain';
import { projectionMigrations } from '../../migrations';
import { PlanProjection } from '../../plan/plan.projection';
import { readModelEntities } from '../../read-model-entities';
import { Projector } from '../../shared/projector';
import { ReportReader } from '../report-reader';
import { lineStateCache, type CachedLine } from '../shared/line-cache';
import { keptLineView, type LineView } from '../shared/line-view';
import { reportMemo } from '../shared/report-memo';
import { appendOffice, officeStreams } from './generate-office';

const OFFICES = Number(process.env.BENCH_OFFICES ?? 8);
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

/** The live heap in MB after full collections. */
function liveMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 1e6;
}

it('what the report reader keeps on the heap', async () => {
  const db = await database();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities }).initialize();
  const out: string[] = [];
  try {
    if (!KEEP) {
      await runMigrations(pool, [...eventStoreMigrations, ...authMigrations, ...projectionMigrations]);
      const store = new PostgresEventStore(pool);
      for (let i = 1; i <= OFFICES; i++) await appendOffice(store, officeStreams(YEAR, officeCode(i), SHAPE));
      await new Projector(dataSource, store, new PlanProjection()).catchUp();
      await dataSource.query('ANALYZE');
    }
    const [{ t: knownAt }] = await dataSource.query<Array<{ t: string }>>(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t FROM ledger_events
       WHERE position = (SELECT max(position) / 2 FROM ledger_events)`,
    );
    const reader = new ReportReader(dataSource);
    const before = liveMb();
    const points: AsOf[] = [{}, { validAt: `${YEAR}-10-31` }, { validAt: `${YEAR}-10-31`, knownAt }, { validAt: `${YEAR}-06-30` }];
    let bytes = 0;
    for (const asOf of points) {
      bytes += JSON.stringify(await reader.provinceReconciliation({ year: YEAR, asOf })).length;
      bytes += JSON.stringify(await reader.provinceEvaluation({ year: YEAR, asOf })).length;
    }
    const lines = (lineStateCache(dataSource) as unknown as { lines: number }).lines;
    const kept = liveMb();
    out.push(`offices ${OFFICES}, kept lines ${lines}, answers ${(bytes / 1e6).toFixed(1)} MB of JSON`);
    out.push(`live heap before ${before.toFixed(1)} MB, after the reports ${kept.toFixed(1)} MB`);
    const offices = (lineStateCache(dataSource) as unknown as { offices: Map<string, Map<string, CachedLine>> }).offices;
    const each = (f: (l: CachedLine) => void) => offices.forEach((o) => o.forEach(f));
    const steps: Array<[string, () => void]> = [
      ['kept reports', () => (reportMemo(dataSource) as unknown as { kept: Map<string, unknown> }).kept.clear()],
      ['views in the past', () => each((l) => l.views.clear())],
      ['states', () => each((l) => (l.state = null))],
      ['present views', () => each((l) => (l.present = null))],
    ];
    // One view in the past of every kept line, per part read: what a kept view holds.
    const states: PlanLineState[] = [];
    each((l) => l.state && states.push(l.state));
    const part = (read: (v: LineView) => unknown) => {
      const base = liveMb();
      const views = states.map((s) => keptLineView(s, { validAt: `${YEAR}-09-30` }));
      views.forEach(read);
      const kb = ((liveMb() - base) * 1000) / views.length;
      return `${kb.toFixed(2)} KB per line`;
    };
    out.push(`a view read for nothing ${part(() => undefined)}`);
    out.push(`breakdown ${part((v) => v.breakdown)}`);
    out.push(`movements ${part((v) => v.movements)}`);
    out.push(`money and kinerja ${part((v) => v.money)}`);
    out.push(`all ${part((v) => [v.breakdown, v.movements, v.money])}`);
    let last = kept;
    for (const [name, drop] of steps) {
      drop();
      const now = liveMb();
      out.push(`${name}: ${(last - now).toFixed(1)} MB (${((last - now) / (lines / 1000)).toFixed(2)} MB per 1,000 lines)`);
      last = now;
    }
    out.push(`left ${last.toFixed(1)} MB`);
  } finally {
    console.log(out.join('\n'));
    await dataSource.destroy();
    await pool.end();
    await db.drop();
  }
}, 3_600_000);
