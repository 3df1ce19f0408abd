// Deep imports: the CLI opens the database with this list, and the packages' indexes load far more than migrations.
import { eventStoreMigrations } from '@renja/event-store/postgres/schema';
import { authMigrations } from '@renja/infrastructure/auth/token-store';
import { sessionMigrations } from '@renja/infrastructure/auth/session-store';
import type { Migration } from '@renja/infrastructure/database/migrations';
import { projectionMigrations } from '@renja/projections/migrations';

/** Every schema step of a Renja Ledger database, in order: the ledger, API tokens, browser sessions, read models. */
export const ledgerMigrations: Migration[] = [...eventStoreMigrations, ...authMigrations, ...sessionMigrations, ...projectionMigrations];
