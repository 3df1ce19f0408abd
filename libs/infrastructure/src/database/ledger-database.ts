import { Pool } from 'pg';
import type { LedgerConfig } from '../config/config';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';
import { runMigrations, type Migration } from './migrations';

/** An open, migrated ledger database: external (DATABASE_URL) or the embedded server. */
export interface LedgerDatabase {
  url: string;
  pool: Pool;
  embedded: EmbeddedServer | null;
  applied: string[];
  close(): Promise<void>;
}

const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

export async function openLedgerDatabase(config: LedgerConfig, migrations: Migration[], log: (line: string) => void = () => {}): Promise<LedgerDatabase> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, config.embeddedPort, log);
  const url = config.databaseUrl ?? embedded!.url;
  log(embedded ? `Database: embedded PostgreSQL, data in ${config.dataDir}` : `Database: ${redact(url)}`);
  const pool = new Pool({ connectionString: url, max: 20 });
  pool.on('error', (error) => log(`[pg pool] ${error.message}`));
  try {
    const applied = await runMigrations(pool, migrations);
    if (applied.length > 0) log(`Migrated: ${applied.join(', ')}`);
    return {
      url,
      pool,
      embedded,
      applied,
      close: async () => {
        await pool.end();
        if (embedded?.owned) await embedded.stop();
      },
    };
  } catch (error) {
    await pool.end();
    if (embedded?.owned) await embedded.stop();
    throw error;
  }
}
