import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ledgerMigrations, systemPrincipal, TokenAdministration } from '@renja/application';
import { PostgresEventStore } from '@renja/event-store';
import { TokenStore } from '@renja/infrastructure/auth/token-store';
import { loadConfig, type LedgerConfig } from '@renja/infrastructure/config/config';
import { openLedgerDatabase, type LedgerDatabase } from '@renja/infrastructure/database/ledger-database';
import { loadOrCreateLedgerKey } from '@renja/infrastructure/integrity/ledger-key';
import { createApp } from './create-app';
import { loadBuiltInSample } from './sample';

const log = (line: string) => console.log(line);

/**
 * On a database without tokens, creates the admin token (roles admin, planner and finance on all offices, no
 * expiry), records the grant in the ledger, prints it and keeps it in the data folder. It can also record, so
 * the first person at the workbench can enter a plan or import one before handing out other users' tokens.
 */
async function ensureAdminToken(db: LedgerDatabase, config: LedgerConfig): Promise<void> {
  const tokens = new TokenStore(db.pool);
  if ((await tokens.count()) > 0) return;
  const store = new PostgresEventStore(db.pool);
  const admin = await new TokenAdministration(tokens, store)
    .grant(
      systemPrincipal('renja-ledger (first start)'),
      { name: 'admin', roles: ['admin', 'finance', 'planner'], offices: '*', expiresAt: null },
      { correlationId: randomUUID() },
    )
    .finally(() => store.close());
  const file = join(config.dataDir, 'admin-token');
  try {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${admin.token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    log(`First start: created the admin API token (also saved in ${file}):\n\n  ${admin.token}\n`);
  } catch {
    log(`First start: created the admin API token (store it now, it is not shown again):\n\n  ${admin.token}\n`);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openLedgerDatabase(config, ledgerMigrations, log);
  await ensureAdminToken(db, config);
  const ledgerKey = loadOrCreateLedgerKey(config.ledgerKeyFile, config.ledgerOrigin, log);
  const app = await createApp({
    databaseUrl: db.url,
    pool: db.pool,
    ledgerKey,
    checkpoints: { everyEvents: config.checkpointEveryEvents, everySeconds: config.checkpointEverySeconds },
    verifyEveryMinutes: config.verifyEveryMinutes,
    security: config.security,
    importMaxBytes: config.importMaxBytes,
  });
  await app.init();
  await loadBuiltInSample(app, config, log);
  await app.listen(config.httpPort, config.httpHost);
  const base = `http://localhost:${config.httpPort}`;
  log(`Checkpoints are signed by ${ledgerKey.verifierKey} (${base}/api/v1/ledger/public-key)`);
  if (!config.databaseUrl)
    log(
      `Admin token: ${join(config.dataDir, 'admin-token')} (add users at ${base}/pengguna, or: npx renja-ledger token create --name <name> --role <role> --office <code|*>)`,
    );
  log(`Open ${base}/ in a browser and sign in with the admin token`);
  // Said last: scripts (and the tests) wait for this line and then read everything said before it.
  log(`Renja Ledger is serving ${base}/api/v1 — API docs at ${base}/api/docs`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ...`);
    try {
      await app.close();
      await db.close();
    } catch (error) {
      // Say what failed to stop (it would otherwise end the process as an unexplained unhandled rejection).
      console.error(`Renja Ledger did not stop cleanly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Renja Ledger failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
