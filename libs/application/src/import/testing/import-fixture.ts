import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '@renja/event-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { PlanProjection, Projector, readModelEntities } from '@renja/projections';
import { ledgerMigrations } from '@renja/infrastructure/database/ledger-schema';
import { bufferSource, pathSources } from '../import-sources';
import type { ImportLimits, ImportSource } from '../import-types';
import { LedgerPipeline } from '../../shared/ledger-pipeline';
import { ImportService } from '../import-service';

export const DID_STORY_DIR = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'import', 'did-story');

/** The fixture's files as sources, optionally with some replaced or left out. */
export function didStory(replace: Record<string, string | null> = {}): ImportSource[] {
  const sources = pathSources([DID_STORY_DIR]).filter((s) => replace[s.name] !== null);
  return sources.map((s) => (replace[s.name] !== undefined ? bufferSource(s.name, Buffer.from(replace[s.name]!)) : s));
}

export const fixtureText = (name: string) => readFileSync(join(DID_STORY_DIR, name), 'utf8');
export const csv = (name: string, text: string) => bufferSource(name, Buffer.from(text));

/** A migrated database with an event store, the plan projector and an import service on it. */
export interface ImportBench {
  db: TestDatabase;
  pool: Pool;
  store: PostgresEventStore;
  dataSource: DataSource;
  projector: Projector;
  service: ImportService;
  /** Events count and the last event's hash: what "the ledger is unchanged" means. */
  ledgerHead(): Promise<{ count: number; lastHash: string | null }>;
  close(): Promise<void>;
}

export async function openImportBench(limits?: ImportLimits): Promise<ImportBench> {
  const db = await createTestDatabase('imp');
  const pool = new Pool({ connectionString: db.url, max: 6 });
  await runMigrations(pool, ledgerMigrations);
  const store = new PostgresEventStore(pool);
  const dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities }).initialize();
  const projector = new Projector(dataSource, store, new PlanProjection());
  const service = new ImportService(store, new LedgerPipeline(store, { waitFor: () => projector.catchUp() }), limits);
  return {
    db,
    pool,
    store,
    dataSource,
    projector,
    service,
    ledgerHead: async () => {
      const { rows } = await pool.query(
        "SELECT (SELECT count(*)::int FROM ledger_events) AS count, (SELECT encode(last_hash, 'hex') FROM ledger_head) AS last",
      );
      return { count: rows[0].count, lastHash: rows[0].last };
    },
    close: async () => {
      await store.close();
      await dataSource.destroy();
      await pool.end();
      await db.drop();
    },
  };
}
