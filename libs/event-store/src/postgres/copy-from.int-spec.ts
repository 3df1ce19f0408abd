import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { copyIn } from './copy-from';

const rows = (from: number, to: number) =>
  Buffer.from(Array.from({ length: to - from + 1 }, (_, i) => `${from + i}\tline ${from + i}\n`).join(''));

describe('copyIn with buffers made one at a time', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase('copy');
    pool = new Pool({ connectionString: db.url, max: 2 });
    await pool.query('CREATE TABLE copied (n integer PRIMARY KEY, text text NOT NULL)');
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });
  afterEach(() => pool.query('TRUNCATE copied'));

  it('copies every buffer, each asked for after the one before was sent', async () => {
    const asked: number[] = [];
    function* chunks(): Generator<Buffer> {
      for (let part = 0; part < 5; part++) {
        asked.push(part);
        yield rows(part * 1000 + 1, part * 1000 + 1000);
      }
    }
    const client = await pool.connect();
    try {
      expect(await copyIn(client, 'COPY copied (n, text) FROM STDIN', chunks())).toBe(5000);
    } finally {
      client.release();
    }
    expect(asked).toEqual([0, 1, 2, 3, 4]);
    const { rows: found } = await pool.query<{ n: number; last: string }>(
      'SELECT count(*)::int AS n, max(text) FILTER (WHERE n = 5000) AS last FROM copied',
    );
    expect(found[0]).toEqual({ n: 5000, last: 'line 5000' });
  });

  it('fails the COPY with what the maker of the buffers threw, and the transaction keeps none of the rows sent', async () => {
    const failure = new Error('the rows could not be made');
    function* chunks(): Generator<Buffer> {
      yield rows(1, 1000);
      yield rows(1001, 2000);
      throw failure;
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await expect(copyIn(client, 'COPY copied (n, text) FROM STDIN', chunks())).rejects.toBe(failure);
      await client.query('ROLLBACK');
      // The connection is usable again.
      expect((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM copied')).rows[0].n).toBe(0);
    } finally {
      client.release();
    }
  });

  it('stops asking for buffers once the server refused the rows (a duplicate key in the second)', async () => {
    // Endless: only the server's refusal ends it (or the test's timeout, if copyIn kept asking).
    let asked = 0;
    function* chunks(): Generator<Buffer> {
      for (let part = 0; ; part++) {
        asked += 1;
        yield part === 1 ? rows(1, 1000) : rows(part * 1000 + 1, part * 1000 + 1000);
      }
    }
    const client = await pool.connect();
    try {
      await expect(copyIn(client, 'COPY copied (n, text) FROM STDIN', chunks())).rejects.toThrow(/duplicate key/);
      const then = asked;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(asked).toBe(then);
      expect((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM copied')).rows[0].n).toBe(0);
    } finally {
      client.release();
    }
  });
});
