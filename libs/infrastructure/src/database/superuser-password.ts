import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';

/** The constant password data folders made before version 0.2 have; replaced at their first start since. */
export const LEGACY_SUPERUSER_PASSWORD = 'renja-ledger';

const writeSecret = (file: string, secret: string): void => {
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
};
const readSecret = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null);

/** A new data folder's superuser password: made and kept (mode 0600) before initdb uses it. */
export function createSuperuserPassword(file: string): string {
  const password = randomBytes(24).toString('base64url');
  writeSecret(file, password);
  return password;
}

const isWrongPassword = (error: unknown) => ['28P01', '28000'].includes((error as { code?: string }).code ?? '');

async function canConnect(port: number, user: string, password: string): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (isWrongPassword(error)) return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The running server's superuser password. A data folder made with the old constant password gets a
 * random one: it is written to `file.new` first, set in PostgreSQL, then moved to `file`, so a crash at
 * any point leaves a password that works in one of the three places tried here.
 */
export async function superuserPassword(file: string, port: number, user: string, log: (line: string) => void): Promise<string> {
  const kept = readSecret(file);
  if (kept !== null && (await canConnect(port, user, kept))) return kept;
  const pending = readSecret(`${file}.new`);
  const current = [pending, LEGACY_SUPERUSER_PASSWORD].filter((p): p is string => p !== null);
  for (const password of current) {
    if (!(await canConnect(port, user, password))) continue;
    const next = pending ?? randomBytes(24).toString('base64url');
    if (password !== next) {
      writeSecret(`${file}.new`, next);
      const client = new Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
      await client.connect();
      try {
        await client.query(`ALTER ROLE ${client.escapeIdentifier(user)} PASSWORD ${client.escapeLiteral(next)}`);
      } finally {
        await client.end();
      }
      log(`The embedded PostgreSQL's superuser had the old built-in password: it now has a random one, kept in ${file}`);
    }
    renameSync(`${file}.new`, file);
    chmodSync(file, 0o600);
    return next;
  }
  throw new Error(
    `none of the known superuser passwords opens the embedded PostgreSQL (${file}${kept === null ? ' is missing' : ' does not match'}); ` +
      `if you changed it by hand, write it into ${file} (mode 0600)`,
  );
}
