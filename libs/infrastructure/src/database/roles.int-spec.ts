import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { ledgerMigrations } from './ledger-schema';
import { PostgresEventStore } from '@renja/event-store';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../testing/test-database';
import { migrateAsOwner } from './ledger-database';
import { runMigrations } from './migrations';
import { bootstrapRoles, type DatabaseRoles } from './roles';

const as = (db: TestDatabase, role: { name: string; password: string }) => {
  const url = new URL(db.url);
  url.username = role.name;
  url.password = role.password;
  return url.toString();
};

async function refusal(pool: Pool, sql: string): Promise<{ code?: string; message: string }> {
  try {
    await pool.query(sql);
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  return { message: 'no error' };
}

/** The app role can append to the ledger and nothing more; the owner role runs migrations. */
describe('database roles', () => {
  const made: Array<{ db: TestDatabase; roles: DatabaseRoles }> = [];

  async function setUp(legacy: boolean) {
    const db = await createTestDatabase('roles');
    const roles: DatabaseRoles = {
      owner: { name: `${db.name}_owner`, password: randomBytes(12).toString('hex') },
      app: { name: `${db.name}_app`, password: randomBytes(12).toString('hex') },
    };
    made.push({ db, roles });
    if (legacy) {
      // A database from before the roles: every table made (and owned) by the superuser.
      const superuser = new Pool({ connectionString: db.url, max: 1 });
      await runMigrations(superuser, ledgerMigrations);
      await superuser.end();
    }
    await bootstrapRoles(testServerUrl(), db.name, roles);
    await migrateAsOwner(as(db, roles.owner), ledgerMigrations, roles.app.name);
    return {
      db,
      roles,
      app: new Pool({ connectionString: as(db, roles.app), max: 2 }),
      owner: new Pool({ connectionString: as(db, roles.owner), max: 1 }),
    };
  }

  afterAll(async () => {
    const admin = new Client({ connectionString: testServerUrl() });
    await admin.connect();
    try {
      for (const { db, roles } of made) {
        await db.drop();
        await admin.query(`DROP ROLE IF EXISTS ${roles.app.name}`);
        await admin.query(`DROP ROLE IF EXISTS ${roles.owner.name}`);
      }
    } finally {
      await admin.end();
    }
  });

  it.each([
    ['a new database', false],
    ['a database whose tables the superuser made', true],
  ])('on %s: the app role appends, but UPDATE, DELETE, TRUNCATE and disabling triggers are permission denied', async (_name, legacy) => {
    const { app, owner, roles } = await setUp(legacy);
    try {
      const store = new PostgresEventStore(app);
      const event = {
        id: randomUUID(),
        type: 'office.registered',
        schemaVersion: 1,
        data: { code: 'DKUKM', name: 'Dinas KUKM' },
        metadata: { actor: 'test', correlationId: 'c' },
      };
      await store.appendMany([{ streamId: 'office-DKUKM', expectedVersion: 0, events: [event] }]);
      await store.close();
      expect((await app.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0].n).toBe(1);

      for (const table of ['ledger_events', 'ledger_merkle_nodes', 'ledger_checkpoints', 'ledger_idempotency']) {
        const column = (
          await owner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position LIMIT 1`, [
            table,
          ])
        ).rows[0].column_name;
        for (const sql of [
          `UPDATE ${table} SET ${column} = ${column}`,
          `DELETE FROM ${table}`,
          `TRUNCATE ${table}`,
          `ALTER TABLE ${table} DISABLE TRIGGER USER`,
        ]) {
          const refused = await refusal(app, sql);
          expect({ sql, ...refused }).toEqual({ sql, code: '42501', message: expect.stringMatching(/permission denied|must be owner/) });
        }
      }
      expect(await refusal(app, 'UPDATE ledger_events SET type = type')).toMatchObject({
        code: '42501',
        message: expect.stringMatching(/permission denied for table ledger_events/),
      });
      expect(await refusal(app, 'INSERT INTO schema_migrations (id) VALUES ($$9999_sneaky$$)')).toMatchObject({ code: '42501' });
      expect(await refusal(app, 'CREATE TABLE sneaky (id int)')).toMatchObject({ code: '42501' });
      // The owner is not stopped by privileges, but the trigger still refuses; the app role is stopped before it.
      expect((await refusal(owner, 'UPDATE ledger_events SET type = type')).message).toMatch(/append-only|not allowed|refuse/i);
      // What the app must still do: rebuild read models, manage tokens.
      await app.query('TRUNCATE rm_plan_lines, rm_line_pagu, rm_line_history, rm_offices');
      await app.query(`INSERT INTO api_tokens (name, token_hash, roles) VALUES ('x', 'h', '{admin}')`);
      await app.query('UPDATE api_tokens SET last_used_at = now()');
      const owners = await owner.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
      expect(owners.rows).toEqual([{ tableowner: roles.owner.name }]);
    } finally {
      await app.end();
      await owner.end();
    }
  });
});
