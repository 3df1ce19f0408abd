import type { PoolConfig } from 'pg';

/**
 * Who a pool serves. The ledger's pg Pool (event store, tokens, sessions, integrity) and TypeORM's pool of
 * the read models reach the same database; both take their settings from ledgerPoolConfig, so they
 * cannot drift apart. Only their sizes differ.
 */
export type PoolPurpose = 'ledger' | 'read-models' | 'migrations';

/** Connections per pool: the ledger's takes every request's writes and reads; TypeORM keeps pg's default. */
const MAX_CONNECTIONS: Record<PoolPurpose, number> = { ledger: 20, 'read-models': 10, migrations: 1 };

/**
 * The connection settings of every pool on a ledger database (pg.Pool's options; TypeORM passes them on as its
 * `extra`). A bounded connect: with the database hung a request fails (503) instead of waiting for ever.
 * Generous, because the bound also covers waiting for a free connection under load; a dead server refuses
 * at once. No statement timeout: a rebuild replays the whole log in one transaction. The application name
 * tells the pools apart in pg_stat_activity (a name in the URL's query wins).
 */
export function ledgerPoolConfig(url: string, purpose: PoolPurpose = 'ledger'): PoolConfig & { connectionString: string } {
  return {
    connectionString: url,
    max: MAX_CONNECTIONS[purpose],
    connectionTimeoutMillis: 15_000,
    idleTimeoutMillis: 10_000,
    application_name: `renja-ledger ${purpose}`,
  };
}
