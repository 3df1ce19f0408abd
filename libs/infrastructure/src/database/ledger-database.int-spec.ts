import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { loadConfig } from '../config/config';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../testing/test-database';
import { openLedgerDatabase, schemaIsCurrent } from './ledger-database';
import { ledgerMigrations } from './ledger-schema';
import { runMigrations } from './migrations';
import { bootstrapRoles, type DatabaseRoles } from './roles';

const ids = ledgerMigrations.map((m) => m.id);
const newest = [...ids].sort((a, b) => a.localeCompare(b)).at(-1)!;

const as = (db: TestDatabase, role: { name: string; password: string }) => {
  const url = new URL(db.url);
  url.username = role.name;
  url.password = role.password;
  return url.toString();
};

async function appliedIds(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** What openLedgerDatabase did: the migrations it applied, and whether the schema is current afterwards. */
async function open(env: Record<string, string>): Promise<{ applied: string[]; currentAfter: boolean }> {
  const db = await openLedgerDatabase(loadConfig({ RENJA_DATA_DIR: '/nonexistent-renja-test', ...env }), ledgerMigrations);
  try {
    return { applied: db.applied, currentAfter: await schemaIsCurrent(db.pool, ledgerMigrations) };
  } finally {
    await db.close();
  }
}

/**
 * Opening a database: one query finds one at the newest migration and granted, and nothing else runs; a new,
 * an older or an ungranted one takes the full path (migrations, grants) as before.
 */
describe('openLedgerDatabase', () => {
  const databases: TestDatabase[] = [];
  const madeRoles: DatabaseRoles[] = [];

  afterAll(async () => {
    for (const db of databases) await db.drop();
    const admin = new Client({ connectionString: testServerUrl() });
    await admin.connect();
    try {
      for (const roles of madeRoles) {
        await admin.query(`DROP ROLE IF EXISTS ${roles.app.name}`);
        await admin.query(`DROP ROLE IF EXISTS ${roles.owner.name}`);
      }
    } finally {
      await admin.end();
    }
  });

  async function database(): Promise<TestDatabase> {
    const db = await createTestDatabase('open');
    databases.push(db);
    return db;
  }

  it('closes every connection of its pool before close() resolves (an embedded server is stopped right after)', async () => {
    const db = await openLedgerDatabase(
      loadConfig({ RENJA_DATA_DIR: '/nonexistent-renja-test', DATABASE_URL: (await database()).url }),
      ledgerMigrations,
    );
    const made: Array<{ ended: boolean }> = [];
    db.pool.on('connect', (client) => {
      const seen = { ended: false };
      made.push(seen);
      client.once('end', () => (seen.ended = true));
    });
    // Three connections at once, then idle in the pool: the state a command leaves it in.
    const clients = await Promise.all([db.pool.connect(), db.pool.connect(), db.pool.connect()]);
    for (const client of clients) client.release();
    await db.close();
    expect(made.length).toBeGreaterThanOrEqual(2);
    expect(made.filter((c) => !c.ended)).toEqual([]);
  });

  it('with one role: migrates a new database, then finds it current and applies nothing', async () => {
    const db = await database();
    const pool = new Pool({ connectionString: db.url, max: 1 });
    try {
      expect(await schemaIsCurrent(pool, ledgerMigrations)).toBe(false); // no schema_migrations yet
    } finally {
      await pool.end();
    }
    expect(await open({ DATABASE_URL: db.url })).toEqual({ applied: ids, currentAfter: true });
    expect(await open({ DATABASE_URL: db.url })).toEqual({ applied: [], currentAfter: true });
    expect(await appliedIds(db.url)).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
  });

  it('with one role: an older database (the newest migration missing) gets exactly the missing one', async () => {
    const db = await database();
    const pool = new Pool({ connectionString: db.url, max: 1 });
    try {
      await runMigrations(
        pool,
        ledgerMigrations.filter((m) => m.id !== newest),
      );
      expect(await schemaIsCurrent(pool, ledgerMigrations)).toBe(false);
      expect(
        await schemaIsCurrent(
          pool,
          ledgerMigrations.filter((m) => m.id !== newest),
        ),
      ).toBe(true);
    } finally {
      await pool.end();
    }
    expect(await open({ DATABASE_URL: db.url })).toEqual({ applied: [newest], currentAfter: true });
  });

  it('with an owner role for migrations: migrates and grants once, then skips both; grants missing again are given again', async () => {
    const db = await database();
    const roles: DatabaseRoles = {
      owner: { name: `${db.name}_owner`, password: randomBytes(12).toString('hex') },
      app: { name: `${db.name}_app`, password: randomBytes(12).toString('hex') },
    };
    madeRoles.push(roles);
    await bootstrapRoles(testServerUrl(), db.name, roles);
    const env = { DATABASE_URL: as(db, roles.app), RENJA_MIGRATION_DATABASE_URL: as(db, roles.owner) };

    expect(await open(env)).toEqual({ applied: ids, currentAfter: true });
    expect(await open(env)).toEqual({ applied: [], currentAfter: true });

    // A run that stopped after its migrations and before its grants: the app role cannot read a table.
    const owner = new Pool({ connectionString: as(db, roles.owner), max: 1 });
    const app = new Pool({ connectionString: as(db, roles.app), max: 1 });
    try {
      await owner.query(`REVOKE ALL ON rm_offices FROM ${roles.app.name}`);
      expect(await schemaIsCurrent(app, ledgerMigrations)).toBe(false);
      expect(await schemaIsCurrent(app, ledgerMigrations, false)).toBe(true); // one role for both: no grants to check
      expect(await open(env)).toEqual({ applied: [], currentAfter: true });
      await expect(app.query('SELECT count(*) FROM rm_offices')).resolves.toBeDefined();
      // And the app role still may not change the evidence, as after every full run.
      await expect(app.query('DELETE FROM ledger_events')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await owner.end();
      await app.end();
    }
  });

  it('finds a database whose role cannot log in not current (the caller then bootstraps it)', async () => {
    const db = await database();
    const url = new URL(db.url);
    url.username = `nobody_${randomBytes(4).toString('hex')}`;
    url.password = 'x';
    const pool = new Pool({ connectionString: url.toString(), max: 1 });
    try {
      expect(await schemaIsCurrent(pool, ledgerMigrations)).toBe(false);
    } finally {
      await pool.end();
    }
  });
});
