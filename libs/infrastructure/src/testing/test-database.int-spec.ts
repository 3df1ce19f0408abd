import { Client } from 'pg';
import { createTestDatabase } from './test-database';

describe('test database', () => {
  it('creates an isolated database on the embedded server', async () => {
    const db = await createTestDatabase();
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const r = await c.query('select current_database() as name, version() as v');
    await c.end();
    await db.drop();
    expect(r.rows[0].name).toBe(db.name);
    expect(r.rows[0].v).toMatch(/PostgreSQL 18/);
  });
});
