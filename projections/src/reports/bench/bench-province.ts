/**
 * The data set of the in-process report benches (province.bench.ts, heap.bench.ts): offices of ~600 sub kegiatan
 * with their kegiatan and programs, ~20 events each, generated into a fresh test database and projected; or, with
 * BENCH_DATABASE, a database on the test server that already holds them (nothing generated or dropped).
 */
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { eventStoreMigrations, PostgresEventStore } from '@renja/event-store';
import { authMigrations } from '@renja/infrastructure/auth/token-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { projectionMigrations } from '../../migrations';
import { PlanProjection } from '../../plan/plan.projection';
import { readModelEntities } from '../../read-model-entities';
import { Projector } from '../../shared/projector';
import { appendOffice, officeStreams } from './generate-office';

export const YEAR = 2023;
export const SHAPE = { programs: 10, kegiatanPerProgram: 6, subPerKegiatan: 10 };
export const officeCode = (i: number): string => `OPD${String(i).padStart(2, '0')}`;

/** A fresh test database, or the one BENCH_DATABASE names (kept: never dropped). */
export async function benchDatabase(): Promise<TestDatabase & { kept: boolean }> {
  const name = process.env.BENCH_DATABASE;
  if (!name) return { ...(await createTestDatabase('bench')), kept: false };
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: async () => undefined, kept: true };
}

export interface BenchProvince {
  pool: Pool;
  dataSource: DataSource;
  /** A recorded time halfway through the log: a knownAt in the past. */
  knownAt: string;
  /** Closes the connections and drops the database (unless kept). */
  close(): Promise<void>;
}

/** `offices` offices generated and projected (unless BENCH_DATABASE holds them), and a knownAt halfway through. */
export async function benchProvince(offices: number): Promise<BenchProvince> {
  const db = await benchDatabase();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  const dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities }).initialize();
  const close = async () => {
    await dataSource.destroy();
    await pool.end();
    await db.drop();
  };
  try {
    if (!db.kept) {
      await runMigrations(pool, [...eventStoreMigrations, ...authMigrations, ...projectionMigrations]);
      const store = new PostgresEventStore(pool);
      for (let i = 1; i <= offices; i++) await appendOffice(store, officeStreams(YEAR, officeCode(i), SHAPE));
      await new Projector(dataSource, store, new PlanProjection()).catchUp();
      await dataSource.query('ANALYZE');
    }
    const [{ t: knownAt }] = await dataSource.query<Array<{ t: string }>>(
      `SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t FROM ledger_events
       WHERE position = (SELECT max(position) / 2 FROM ledger_events)`,
    );
    return { pool, dataSource, knownAt, close };
  } catch (error) {
    await close();
    throw error;
  }
}
