import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { Checkpointer } from '@renja/application/integrity/checkpointer';
// Deep imports, not the packages' indexes: a command loads only what opening the ledger needs (startup time).
import { ledgerMigrations } from '@renja/infrastructure/database/ledger-schema';
import { PostgresEventStore } from '@renja/event-store/postgres/postgres-event-store';
import { loadConfig } from '@renja/infrastructure/config/config';
import { openLedgerDatabase, type LedgerDatabase } from '@renja/infrastructure/database/ledger-database';

/** What a command that reads or writes only the log works with: the migrated database and its event store. */
export interface LedgerContext {
  db: LedgerDatabase;
  store: PostgresEventStore;
}

/** What a CLI command works with: the migrated database, its event store, the read-model DataSource. */
export interface CliContext extends LedgerContext {
  dataSource: DataSource;
}

/**
 * Opens the ledger the way the API does (DATABASE_URL, or the embedded server in RENJA_DATA_DIR), without the
 * read models: for commands that work on the log alone (export, verify), which then need no TypeORM.
 */
export async function withLedgerDatabase<T>(work: (context: LedgerContext) => Promise<T>): Promise<T> {
  const db = await openLedgerDatabase(loadConfig(), ledgerMigrations, (line) => process.stderr.write(`${line}\n`));
  const store = new PostgresEventStore(db.pool);
  try {
    return await work({ db, store });
  } finally {
    await store.close();
    await db.close();
  }
}

/** Opens the ledger with its read models (a TypeORM DataSource on the same database). */
export async function withLedger<T>(work: (context: CliContext) => Promise<T>): Promise<T> {
  return withLedgerDatabase(async ({ db, store }) => {
    // Loaded here rather than at the top: TypeORM and the entities cost a few hundred ms that export and verify skip.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { DataSource } = require('typeorm') as typeof import('typeorm');
    const { readModelEntities } =
      require('@renja/projections/read-model-entities') as typeof import('@renja/projections/read-model-entities');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const dataSource = new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities, synchronize: false, logging: false });
    await dataSource.initialize();
    try {
      return await work({ db, store, dataSource });
    } finally {
      await dataSource.destroy();
    }
  });
}

/** The Checkpointer, loaded where a command first needs it: it brings NestJS's logger (a few hundred ms at start). */
export function checkpointerClass(): typeof Checkpointer {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return (require('@renja/application/integrity/checkpointer') as typeof import('@renja/application/integrity/checkpointer')).Checkpointer;
  /* eslint-enable @typescript-eslint/no-require-imports */
}
