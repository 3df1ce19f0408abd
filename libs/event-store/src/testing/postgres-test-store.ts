import { Pool } from 'pg';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase } from '@renja/infrastructure/testing/test-database';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../postgres/postgres-event-store';
import { eventStoreMigrations } from '../postgres/schema';

/** Test helper: a PostgresEventStore on a fresh, migrated database of the Jest PostgreSQL server. */
export interface TestStore {
  store: PostgresEventStore;
  pool: Pool;
  url: string;
  teardown: () => Promise<void>;
}

/** 12 connections by default: the contract's ordering test runs 8 writers and a reader at once. */
export async function openTestStore(options?: PostgresEventStoreOptions, poolSize = 12): Promise<TestStore> {
  const db = await createTestDatabase('es');
  const pool = new Pool({ connectionString: db.url, max: poolSize });
  try {
    await runMigrations(pool, eventStoreMigrations);
  } catch (error) {
    await pool.end();
    await db.drop();
    throw error;
  }
  const store = new PostgresEventStore(pool, options);
  const teardown = async (): Promise<void> => {
    await store.close();
    await pool.end();
    await db.drop();
  };
  return { store, pool, url: db.url, teardown };
}
