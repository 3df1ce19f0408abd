import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ledgerMigrations } from '@renja/application';
import { PostgresEventStore } from '@renja/event-store';
import { loadConfig } from '@renja/infrastructure/config/config';
import { openLedgerDatabase, type LedgerDatabase } from '@renja/infrastructure/database/ledger-database';
import { readModelEntities } from '@renja/projections';

/** What a CLI command works with: the migrated database, its event store, the read-model DataSource. */
export interface CliContext {
  db: LedgerDatabase;
  store: PostgresEventStore;
  dataSource: DataSource;
}

/** Opens the ledger the way the API does (DATABASE_URL, or the embedded server in RENJA_DATA_DIR). */
export async function withLedger<T>(work: (context: CliContext) => Promise<T>): Promise<T> {
  const db = await openLedgerDatabase(loadConfig(), ledgerMigrations, (line) => process.stderr.write(`${line}\n`));
  const store = new PostgresEventStore(db.pool);
  const dataSource = new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities, synchronize: false, logging: false });
  await dataSource.initialize();
  try {
    return await work({ db, store, dataSource });
  } finally {
    await store.close();
    await dataSource.destroy();
    await db.close();
  }
}
