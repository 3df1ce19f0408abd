// Deep imports: the CLI opens the database with this list, and the packages' indexes load far more than migrations.
import { eventStoreMigrations } from '@renja/event-store/postgres/schema';
import { projectionMigrations } from '@renja/projections/migrations';
import { authMigrations } from '../auth/token-store';
import { sessionMigrations } from '../auth/session-store';
import type { Migration } from './migrations';

/** Every schema step of a Renja Ledger database, in order: the ledger, API tokens, browser sessions, read models. */
export const ledgerMigrations: Migration[] = [...eventStoreMigrations, ...authMigrations, ...sessionMigrations, ...projectionMigrations];
