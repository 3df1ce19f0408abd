import { resolve } from 'node:path';

/** Runtime settings, all from the environment, with the defaults a first-time user needs. */
export interface LedgerConfig {
  /** External PostgreSQL; when absent the embedded server is used. */
  databaseUrl: string | null;
  /** Folder for the embedded server's data and the admin token. */
  dataDir: string;
  /** Port of the embedded PostgreSQL server. */
  embeddedPort: number;
  httpPort: number;
  httpHost: string;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a TCP port (1-65535), got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  return {
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null,
    dataDir: resolve(env.RENJA_DATA_DIR ?? '.renja-ledger'),
    embeddedPort: port(env.RENJA_EMBEDDED_PG_PORT, 54329, 'RENJA_EMBEDDED_PG_PORT'),
    httpPort: port(env.PORT, 3000, 'PORT'),
    httpHost: env.HOST ?? '0.0.0.0',
  };
}
