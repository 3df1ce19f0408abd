import { DataSource } from 'typeorm';
import { Pool } from 'pg';
import { eventStoreMigrations } from '@renja/event-store/postgres/schema';
import { authMigrations } from '@renja/infrastructure/auth/token-store';
import { sessionMigrations } from '@renja/infrastructure/auth/session-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { ledgerPoolConfig } from '@renja/infrastructure/database/pool-config';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { projectionMigrations } from './migrations';
import { readModelDataSourceOptions } from './read-model-entities';

/**
 * The SQL migrations own the read models' schema; the TypeORM entities describe it. After every migration
 * has run on a fresh database, TypeORM must find nothing to change: an entity that drifts from the tables
 * (a column's type, nullability, a key) fails here, not at run time.
 */
describe('the read-model entities against the migrated schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('schema');
    const pool = new Pool({ connectionString: db.url, max: 1 });
    try {
      await runMigrations(pool, [...eventStoreMigrations, ...authMigrations, ...sessionMigrations, ...projectionMigrations]);
    } finally {
      await pool.end();
    }
    dataSource = await new DataSource(readModelDataSourceOptions(db.url, ledgerPoolConfig(db.url, 'read-models'))).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('leaves TypeORM no schema change to make', async () => {
    const diff = await dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('maps every read-model table of the migrations to an entity', async () => {
    const rows = await dataSource.query<Array<{ tablename: string }>>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND (tablename LIKE 'rm\\_%' OR tablename = 'projection_checkpoints') ORDER BY 1`,
    );
    expect(rows.map((r) => r.tablename)).toEqual(dataSource.entityMetadatas.map((m) => m.tableName).sort());
  });

  // TypeORM's diff compares an index's columns and uniqueness, not its predicate: the predicates are compared here.
  it('gives every entity index the columns and predicate of the migrated index of that name', async () => {
    const declared = dataSource.entityMetadatas.flatMap((m) =>
      m.indices.map((i) => ({
        name: i.name,
        definition: `ON public.${m.tableName} USING btree (${i.columns.map((c) => c.databaseName).join(', ')})${i.where ? ` WHERE (${i.where})` : ''}`,
      })),
    );
    const migrated = await dataSource.query<Array<{ name: string; definition: string }>>(
      `SELECT indexname AS name, replace(substr(indexdef, strpos(indexdef, ' ON ') + 1), '"', '') AS definition FROM pg_indexes WHERE indexname = ANY($1)`,
      [declared.map((d) => d.name)],
    );
    expect(declared.length).toBeGreaterThan(0);
    expect(migrated.sort((a, b) => a.name.localeCompare(b.name))).toEqual(declared.sort((a, b) => a.name.localeCompare(b.name)));
  });
});
