import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import type { LedgerConfig } from '../config/config';
import { EMBEDDED_DATABASE, startEmbeddedPostgres, type DatabaseLog, type EmbeddedRole, type EmbeddedServer } from './embedded-postgres';
import { runMigrations, type Migration } from './migrations';
import { ledgerPoolConfig } from './pool-config';
import { bootstrapRoles, grantAppPrivileges, loadOrCreateRoleCredentials, type DatabaseRole, type DatabaseRoles } from './roles';

/** An open, migrated ledger database: external (DATABASE_URL) or the embedded server. */
export interface LedgerDatabase {
  /** The app role's connection URL (what the server and the CLI work with). */
  url: string;
  /**
   * The connection URL of the role that owns the tables, where the ledger knows it: the embedded server's owner
   * role. Null with DATABASE_URL (the operator's roles are the operator's). For work that must own the read
   * models' tables, such as a rebuild beside the live ones; everything else uses `url`.
   */
  ownerUrl: string | null;
  pool: Pool;
  embedded: EmbeddedServer | null;
  applied: string[];
  /** Whether migrations ran as a separate owner role (so the app role cannot change the ledger's rows). */
  separateRoles: boolean;
  close(): Promise<void>;
}

const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

function withCredentials(url: string, role: DatabaseRole): string {
  const u = new URL(url);
  u.username = role.name;
  u.password = role.password;
  return u.toString();
}

/**
 * The pool's connections that have not closed yet. pg-pool's `end()` resolves once it has asked each connection to
 * end, before their sockets have closed: an embedded server stopped right then still had their backends, and ended
 * them with an error that the pool reported as a lost connection (on stderr, after a command had done its work).
 */
function trackConnections(pool: Pool): Set<EventEmitter> {
  const open = new Set<EventEmitter>();
  pool.on('connect', (client) => {
    open.add(client);
    client.once('end', () => open.delete(client));
  });
  return open;
}

/**
 * Ends the pool and waits until its connections have closed, but gives up waiting after `ms` (a client never
 * released must not hold the stop up).
 */
async function endWithin(pool: Pool, open: Set<EventEmitter>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = (async () => {
    await pool.end().catch(() => undefined);
    await Promise.all([...open].map((client) => new Promise((resolve) => client.once('end', resolve))));
  })();
  await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Runs the migrations as the owner, then grants the app role what it needs (and no more). */
export async function migrateAsOwner(ownerUrl: string, migrations: Migration[], appRole: string): Promise<string[]> {
  const owner = new Pool(ledgerPoolConfig(ownerUrl, 'migrations'));
  try {
    const applied = await runMigrations(owner, migrations);
    const client = await owner.connect();
    try {
      await grantAppPrivileges(client, appRole);
    } finally {
      client.release();
    }
    return applied;
  } finally {
    await owner.end();
  }
}

async function currentUser(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ user: string }>('SELECT current_user AS user')).rows[0].user;
  } finally {
    await client.end();
  }
}

/** Every known migration recorded as applied (a count, so a database a newer release migrated further still counts). */
const APPLIED = 'SELECT count(*)::int FROM schema_migrations WHERE id = ANY($1::text[])';
/** The app role may read every table and sequence of schema public: what the grants after each owner's migration run give it. */
const GRANTED = `NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public'
                    AND ((c.relkind IN ('r', 'p', 'v', 'm') AND NOT has_table_privilege(c.oid, 'SELECT'))
                      OR (c.relkind = 'S' AND NOT has_sequence_privilege(c.oid, 'USAGE'))))`;

/**
 * Whether the database is ready for the app role as it stands, in one query on `pool` (the app role's): every
 * one of `migrations` is recorded as applied and, where an owner role migrates (`grants`), the app role may read
 * every table and sequence of schema public, which the grants after each migration run give it (so a run that
 * stopped between its migrations and its grants is not taken for done). With one role for both there are no
 * grants to check. False when schema_migrations does not exist yet, the role cannot log in, or the query fails
 * for any other reason: the caller then takes the full path.
 */
export async function schemaIsCurrent(pool: Pool, migrations: readonly Migration[], grants = true): Promise<boolean> {
  const ids = [...new Set(migrations.map((m) => m.id))];
  try {
    const { rows } = await pool.query<{ applied: number; granted: boolean }>(
      `SELECT (${APPLIED}) AS applied, ${grants ? GRANTED : 'true'} AS granted`,
      [ids],
    );
    return rows[0].applied === ids.length && rows[0].granted;
  } catch {
    return false;
  }
}

/**
 * Embedded: the superuser only bootstraps the owner and app roles; migrations run as the owner, the
 * pool connects as the app role. External: DATABASE_URL is the app role and RENJA_MIGRATION_DATABASE_URL
 * the owner; without the latter, one role does both (and only the triggers guard the ledger's rows).
 */
export async function openLedgerDatabase(
  config: LedgerConfig,
  migrations: Migration[],
  log: DatabaseLog = () => {},
  /** 'server': the API server, which takes over an embedded PostgreSQL left running by a dead process (see startEmbeddedPostgres). */
  role: EmbeddedRole = 'cli',
): Promise<LedgerDatabase> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, config.embeddedPort, log, role);
  let roles: DatabaseRoles | null = null;
  // New roles' passwords: the app role cannot log in yet, so its pool is not tried (nor a failed login left in PostgreSQL's log).
  let newRoles = false;
  try {
    if (embedded) {
      const file = join(config.dataDir, 'db-roles.json');
      newRoles = !existsSync(file);
      roles = loadOrCreateRoleCredentials(file);
    }
  } catch (error) {
    if (embedded?.owned) await embedded.stop();
    throw error;
  }
  const url = embedded && roles ? withCredentials(embedded.url, roles.app) : config.databaseUrl!;
  const ownerUrl = embedded && roles ? withCredentials(embedded.url, roles.owner) : null;
  const separateRoles = Boolean(embedded || config.migrationDatabaseUrl);
  const pool = new Pool(ledgerPoolConfig(url));
  const connections = trackConnections(pool);
  pool.on('error', (error) => log(`[pg pool] an idle connection was lost: ${error.message}`, 'warn'));
  let applied: string[] = [];
  try {
    // A database already at the newest migration, its roles made and granted, is checked with one query on the
    // app role's pool: the role bootstrap and the migration run (two or three more connections, a dozen
    // statements) are for a new or older database, and take the path they always took.
    const current = !newRoles && (await schemaIsCurrent(pool, migrations, separateRoles));
    if (embedded && roles && ownerUrl) {
      if (!current) {
        await bootstrapRoles(embedded.url, EMBEDDED_DATABASE, roles);
        applied = await migrateAsOwner(ownerUrl, migrations, roles.app.name);
      }
      log(`Database: embedded PostgreSQL, data in ${config.dataDir} (app role ${roles.app.name}, migrations as ${roles.owner.name})`);
    } else if (config.migrationDatabaseUrl) {
      if (!current) applied = await migrateAsOwner(config.migrationDatabaseUrl, migrations, await currentUser(url));
      log(`Database: ${redact(url)} (migrations as ${redact(config.migrationDatabaseUrl)})`);
    } else {
      log(
        `Database: ${redact(url)} (one role for migrations and the app: set RENJA_MIGRATION_DATABASE_URL to keep the app from owning the ledger's tables, see docs/security.md)`,
      );
      if (!current) applied = await runMigrations(pool, migrations);
    }
    if (applied.length > 0) log(`Migrated: ${applied.join(', ')}`);
    return {
      url,
      ownerUrl,
      pool,
      embedded,
      applied,
      separateRoles,
      close: async () => {
        await endWithin(pool, connections, 3000);
        if (embedded?.owned) await embedded.stop();
      },
    };
  } catch (error) {
    await pool.end();
    if (embedded?.owned) await embedded.stop();
    throw error;
  }
}
