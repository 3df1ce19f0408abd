import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { existsSync } from 'node:fs';
import type { Checkpointer } from '@renja/application/integrity/checkpointer';
import type { StoredCheckpoint } from '@renja/event-store/postgres/ledger-tree';
// Deep imports, not the packages' indexes: a command loads only what opening the ledger needs (startup time).
import { ledgerMigrations } from '@renja/infrastructure/database/ledger-schema';
import { PostgresEventStore } from '@renja/event-store/postgres/postgres-event-store';
import { loadConfig } from '@renja/infrastructure/config/config';
import { openLedgerDatabase, type LedgerDatabase } from '@renja/infrastructure/database/ledger-database';
import { ledgerPoolConfig } from '@renja/infrastructure/database/pool-config';
import { PLAN_PROJECTION_NAME, poolSqlRunner, projectionPosition, type SqlRunner } from '@renja/projections/shared/sql-runner';
import { oneAtATime } from './one-at-a-time';

/** What a command that reads or writes only the log works with: the migrated database and its event store. */
export interface LedgerContext {
  db: LedgerDatabase;
  store: PostgresEventStore;
}

/** What a CLI command works with: the migrated database, its event store, the read-model DataSource. */
export interface CliContext extends LedgerContext {
  dataSource: DataSource;
}

/** What a command that only reads the read models works with: their queries run on the ledger's pg pool. */
export interface ReadContext extends LedgerContext {
  sql: SqlRunner;
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

/** A TypeORM DataSource on the read models of the database at `url`, for the time of `work`. */
export async function withDataSource<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  // Loaded here rather than at the top: TypeORM and the entities cost a few hundred ms that export, verify and report skip.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { DataSource } = require('typeorm') as typeof import('typeorm');
  const { readModelDataSourceOptions } =
    require('@renja/projections/read-model-entities') as typeof import('@renja/projections/read-model-entities');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dataSource = new DataSource(readModelDataSourceOptions(url, ledgerPoolConfig(url, 'read-models')));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export interface ReadModelOptions {
  /**
   * 'owner': the read models' DataSource connects as the role that owns their tables where the ledger knows it
   * (the embedded server's owner role), so that a rebuild may build beside the live tables and switch. With
   * DATABASE_URL it stays the app role's connection. Default 'app'.
   */
  as?: 'app' | 'owner';
}

/** Opens the ledger with its read models (a TypeORM DataSource on the same database). */
export async function withLedger<T>(work: (context: CliContext) => Promise<T>, options: ReadModelOptions = {}): Promise<T> {
  return withLedgerDatabase(({ db, store }) =>
    withDataSource(options.as === 'owner' ? (db.ownerUrl ?? db.url) : db.url, (dataSource) => work({ db, store, dataSource })),
  );
}

/**
 * Opens the ledger for reading its read models (reports): the plan projection is first brought to the head of
 * the log, as the API keeps it; TypeORM and the projection are loaded only when it is behind. The readers
 * then query through the ledger's pg pool.
 */
export async function withReadModels<T>(work: (context: ReadContext) => Promise<T>): Promise<T> {
  return withLedgerDatabase(async ({ db, store }) => {
    const sql = oneAtATime(poolSqlRunner(db.pool));
    if ((await projectionPosition(sql, PLAN_PROJECTION_NAME)) < (await store.headPosition())) {
      await withDataSource(db.url, async (dataSource) => {
        /* eslint-disable @typescript-eslint/no-require-imports */
        const { Projector } = require('@renja/projections/shared/projector') as typeof import('@renja/projections/shared/projector');
        const { PlanProjection } =
          require('@renja/projections/plan/plan.projection') as typeof import('@renja/projections/plan/plan.projection');
        /* eslint-enable @typescript-eslint/no-require-imports */
        await new Projector(dataSource, store, new PlanProjection()).catchUp();
      });
    }
    return work({ db, store, sql });
  });
}

/** The Checkpointer, loaded where a command first needs it: it brings NestJS's logger (a few hundred ms at start). */
export function checkpointerClass(): typeof Checkpointer {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return (require('@renja/application/integrity/checkpointer') as typeof import('@renja/application/integrity/checkpointer')).Checkpointer;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Signs a checkpoint of the whole log now with the deployment's own key, as the server's timer would; null
 * when this machine has no key file (a new key would sign for nobody, so none is ever created here).
 */
export async function issueCheckpoint(db: LedgerDatabase): Promise<StoredCheckpoint | null> {
  const config = loadConfig();
  if (!existsSync(config.ledgerKeyFile)) return null;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadOrCreateLedgerKey } =
    require('@renja/infrastructure/integrity/ledger-key') as typeof import('@renja/infrastructure/integrity/ledger-key');
  const { LedgerTree } = require('@renja/event-store/postgres/ledger-tree') as typeof import('@renja/event-store/postgres/ledger-tree');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const own = loadOrCreateLedgerKey(config.ledgerKeyFile, config.ledgerOrigin);
  const Checkpointer = checkpointerClass();
  return new Checkpointer(new LedgerTree(db.pool), { origin: own.origin, signer: own.signer }).issue();
}
