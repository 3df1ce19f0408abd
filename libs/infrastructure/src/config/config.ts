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
  /** The checkpoint signing key (created on first start); keep it out of the database's backups. */
  ledgerKeyFile: string;
  /** Origin line of checkpoints; fixed when the key is created. */
  ledgerOrigin: string | undefined;
  /** Issue a checkpoint after this many new events ... */
  checkpointEveryEvents: number;
  /** ... and at most this many seconds after the first new event. */
  checkpointEverySeconds: number;
  /** Re-verify the whole ledger at start and every this many minutes; 0: only on demand. */
  verifyEveryMinutes: number;
  /** Largest import, all files together (bytes). */
  importMaxBytes: number;
  /** Import the built-in sample into an empty embedded ledger at start (RENJA_SAMPLE=none: start empty). */
  loadSample: boolean;
  /** The sample's directory; null: data/samples/dkukm-babel under the package root. */
  sampleDir: string | null;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a TCP port (1-65535), got "${value}"`);
  return n;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const dataDir = resolve(env.RENJA_DATA_DIR ?? '.renja-ledger');
  return {
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null,
    dataDir,
    embeddedPort: port(env.RENJA_EMBEDDED_PG_PORT, 54329, 'RENJA_EMBEDDED_PG_PORT'),
    httpPort: port(env.PORT, 3000, 'PORT'),
    httpHost: env.HOST ?? '0.0.0.0',
    ledgerKeyFile: resolve(env.RENJA_LEDGER_KEY_FILE ?? `${dataDir}/ledger-signing-key`),
    ledgerOrigin: env.RENJA_LEDGER_ORIGIN || undefined,
    checkpointEveryEvents: positive(env.RENJA_CHECKPOINT_EVERY_EVENTS, 1000, 'RENJA_CHECKPOINT_EVERY_EVENTS'),
    checkpointEverySeconds: positive(env.RENJA_CHECKPOINT_EVERY_SECONDS, 60, 'RENJA_CHECKPOINT_EVERY_SECONDS'),
    verifyEveryMinutes: env.RENJA_VERIFY_EVERY_MINUTES === '0' ? 0 : positive(env.RENJA_VERIFY_EVERY_MINUTES, 60, 'RENJA_VERIFY_EVERY_MINUTES'),
    importMaxBytes: positive(env.RENJA_IMPORT_MAX_BYTES, 20 * 1024 * 1024, 'RENJA_IMPORT_MAX_BYTES'),
    loadSample: (env.RENJA_SAMPLE ?? '').trim().toLowerCase() !== 'none',
    sampleDir: env.RENJA_SAMPLE_DIR ? resolve(env.RENJA_SAMPLE_DIR) : null,
  };
}
