import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { systemPrincipal, TokenAdministration } from '@renja/application';
import { ledgerMigrations } from '@renja/infrastructure/database/ledger-schema';
import { PostgresEventStore } from '@renja/event-store';
import { TokenStore } from '@renja/infrastructure/auth/token-store';
import { loadConfig, type LedgerConfig } from '@renja/infrastructure/config/config';
import { openLedgerDatabase, type LedgerDatabase } from '@renja/infrastructure/database/ledger-database';
import { loadOrCreateLedgerKey } from '@renja/infrastructure/integrity/ledger-key';
import { createApp } from './create-app';
import { loadBuiltInSample } from './sample';
import { createLogger } from './ops/logger';
import { ServingState } from './ops/ops-http';
import { explainStartFailure } from './ops/start-failure';
import { EmbeddedPostgresError } from '@renja/infrastructure/database/postgres-failure';

const logger = createLogger();
const log = (line: string, level: 'info' | 'warn' | 'error' = 'info') => logger[level](line);

/** In-flight requests get this long to finish after SIGTERM; then their connections are closed. */
const DRAIN_MS = 10_000;
/** Whatever hangs, the process is gone this long after SIGTERM. */
const STOP_DEADLINE_MS = 20_000;

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

/**
 * SIGTERM/SIGINT: stop taking requests (new ones get 503 + Connection: close), let those in flight finish
 * (at most DRAIN_MS), stop the background work (the projector ends at a committed checkpoint), and only
 * then stop PostgreSQL. With PostgreSQL already dead every step returns at once.
 */
function gracefulStop(app: INestApplication, db: LedgerDatabase, serving: ServingState): (signal: string) => Promise<void> {
  let stopping = false;
  return async (signal) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    serving.stopping = true;
    log(`${signal}: stopping: no new requests; waiting for ${serving.inFlight} in flight (at most ${DRAIN_MS / 1000} s) ...`);
    setTimeout(() => {
      logger.error(`Renja Ledger did not stop within ${STOP_DEADLINE_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    try {
      const server = app.getHttpServer() as Server;
      server.close();
      server.closeIdleConnections();
      if (!(await serving.drain(DRAIN_MS))) {
        logger.warn(`${serving.inFlight} request(s) still running after ${DRAIN_MS / 1000} s: closing their connections`);
        server.closeAllConnections();
      }
      await app.close(); // projector, checkpointer, verification: each ends after its current step
      await db.close(); // then PostgreSQL
    } catch (error) {
      // Say what failed to stop (it would otherwise end the process as an unexplained unhandled rejection).
      logger.error({ err: error }, `Renja Ledger did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    log(`Stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(0);
  };
}

async function main(): Promise<void> {
  // Node's own warnings (a subscription that retries says so through one) become log lines too.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.warn(warning.message));
  const config = loadConfig();
  // 'server': an embedded PostgreSQL left running by a server killed -9 is taken over (supervised), not joined.
  const db = await openLedgerDatabase(config, ledgerMigrations, log, 'server');
  await ensureAdminToken(db, config);
  const ledgerKey = loadOrCreateLedgerKey(config.ledgerKeyFile, config.ledgerOrigin, log);
  const serving = new ServingState();
  const app = await createApp({
    databaseUrl: db.url,
    pool: db.pool,
    ledgerKey,
    checkpoints: { everyEvents: config.checkpointEveryEvents, everySeconds: config.checkpointEverySeconds },
    verifyEveryMinutes: config.verifyEveryMinutes,
    security: config.security,
    importMaxBytes: config.importMaxBytes,
    log: logger,
    serving,
    embeddedStatus: db.embedded?.owned ? () => db.embedded!.status() : undefined,
  });
  await app.init();
  await loadBuiltInSample(app, config, log);
  const stop = gracefulStop(app, db, serving);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen(config.httpPort, config.httpHost);
  const base = `http://localhost:${config.httpPort}`;
  log(`Checkpoints are signed by ${ledgerKey.verifierKey} (${base}/api/v1/ledger/public-key)`);
  if (!config.databaseUrl)
    log(
      `Admin token: ${join(config.dataDir, 'admin-token')} (add users at ${base}/pengguna, or: npx renja-ledger token create --name <name> --role <role> --office <code|*>)`,
    );
  log(`Open ${base}/ in a browser and sign in with the admin token`);
  log(`Health: ${base}/health/ready, metrics: ${base}/metrics${db.embedded?.owned ? `, PostgreSQL's log: ${db.embedded.logFile}` : ''}`);
  // Said last: scripts (and the tests) wait for this line and then read everything said before it.
  log(`Renja Ledger is serving ${base}/api/v1 — API docs at ${base}/api/docs`);
}

main().catch((error: unknown) => {
  const { message, hint } = explainStartFailure(error);
  // The stack only for the unexpected: an explained failure says all there is to say.
  const err = error instanceof Error && !(error instanceof EmbeddedPostgresError) ? error : undefined;
  logger.fatal({ err, hint }, `Renja Ledger failed to start: ${message}\nWhat to do: ${hint}`);
  process.exit(1);
});
