import Decimal from 'decimal.js';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { BinaryBulkInsert } from './binary-bulk-insert';
import { BulkInsert } from './bulk-insert';

/** Every column type BinaryBulkInsert writes, NULL allowed everywhere (the row number apart). */
const COLUMNS = `n int NOT NULL, i int, b bigint, m numeric, m2 numeric(20, 2), t text, v varchar, u uuid, d date, j json, jb jsonb`;

describe('BinaryBulkInsert: the same rows as BulkInsert, sent as binary COPY', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('binary_copy');
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  /** Loads `rows` into one table as text and into another as binary (split into groups for addMany), and reads both back. */
  async function both(rows: Array<Record<string, unknown>>, shared: string[] | string[][] = []) {
    // One set of shared columns for every group, or the sets in turn (a layout made for one is not used for the next).
    const sets = shared.length > 0 && Array.isArray(shared[0]) ? (shared as string[][]) : [shared as string[]];
    return dataSource.transaction(async (manager) => {
      await manager.query(`CREATE TEMP TABLE as_text (${COLUMNS}) ON COMMIT DROP; CREATE TEMP TABLE as_binary (${COLUMNS}) ON COMMIT DROP`);
      const text = new BulkInsert(manager, 'as_text', 7);
      const binary = new BinaryBulkInsert(manager, 'as_binary', 7);
      for (let at = 0, n = 0; at < rows.length; n++) {
        // Groups of up to three rows whose `shared` columns are the first row's.
        const shared = sets[n % sets.length];
        const group = rows.slice(at, at + 1 + (at % 3));
        at += group.length;
        const common = Object.fromEntries(shared.map((k) => [k, group[0][k]]));
        const own = group.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !shared.includes(k))));
        for (const row of own) {
          const sent = text.add({ ...common, ...row });
          if (sent) await sent;
        }
        const sent = binary.addMany(common, own);
        if (sent) await sent;
      }
      await text.finish();
      await binary.finish();
      const read = async (table: string) =>
        (await manager.query<Array<{ row: string }>>(`SELECT whole::text AS row FROM ${table} whole ORDER BY n`)).map((r) => r.row);
      return { text: await read('as_text'), binary: await read('as_binary') };
    });
  }

  it('stores edge values as the text COPY stores them', async () => {
    const rows = [
      {
        n: 1,
        i: -2147483648,
        b: Number.MAX_SAFE_INTEGER,
        m: '-0.00',
        m2: '12345678.905',
        t: 'a\\b\tc\nd\re ☃ 𝄞',
        v: '',
        u: '123E4567-E89B-12D3-A456-426614174000',
        d: '2024-02-29',
      },
      {
        n: 2,
        i: 2147483647,
        b: '-9223372036854775808',
        m: '000100000000.000100',
        m2: '-.5',
        t: '\\N',
        u: '{123e4567e89b12d3a456426614174000}',
        d: '0001-01-01',
        j: { a: [1, null, 'x"y'] },
      },
      {
        n: 3,
        i: '42',
        b: -1,
        m: new Decimal('-98765432109876543210.0123456789'),
        m2: '7.',
        t: 42.5,
        v: true,
        u: '123e-4567-e89b-12d3-a456-4266-1417-4000',
        d: '1999-12-31',
        jb: { z: 1, a: { b: 'c\\d' } },
      },
      {
        n: 4,
        i: null,
        b: '9223372036854775807',
        m: '0.00000001',
        m2: 0,
        t: new Decimal('1234567890.10'),
        v: new Date('2023-01-02T03:04:05.000Z'),
        j: 'text',
        jb: [],
      },
      { n: 5, b: -(2 ** 40) - 7, t: 'x'.repeat(70_000), j: null, jb: null, d: '2000-01-01' },
      { n: 6, i: Number.NaN, t: Number.POSITIVE_INFINITY, j: 0, jb: 'ü' },
    ];
    const { text, binary } = await both(rows);
    expect(text).toHaveLength(rows.length);
    expect(binary).toEqual(text);
  });

  it('stores any rows as the text COPY stores them, whichever columns are shared', async () => {
    const day = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true });
    const row = fc.record(
      {
        i: fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
        b: fc.option(fc.oneof(fc.maxSafeInteger(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String))),
        m: fc.option(
          fc
            .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,24}$/), fc.option(fc.stringMatching(/^\d{0,12}$/)))
            .filter(([, whole, fraction]) => whole !== '' || !!fraction)
            .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}`),
        ),
        m2: fc.option(fc.stringMatching(/^-?\d{1,15}\.\d{0,4}$/)),
        t: fc.option(fc.string({ unit: 'grapheme', maxLength: 60 })),
        v: fc.option(fc.string({ unit: 'binary', maxLength: 5 }).map((s) => s.replace(/\0/g, ''))),
        u: fc.option(fc.uuid()),
        d: fc.option(day.map((date) => date.toISOString().slice(0, 10))),
        j: fc.option(fc.jsonValue()),
        jb: fc.option(fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const json = (v: unknown) => JSON.stringify(v)?.includes('\\u0000') ?? false; // PostgreSQL refuses \u0000 in jsonb either way
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 25 }).map((rows) => rows.filter((r) => !json(r.jb) && !/\0/.test(String(r.t)))),
        fc.array(fc.subarray(['i', 'b', 'm', 'm2', 't', 'v', 'u', 'd', 'j', 'jb']), { minLength: 1, maxLength: 3 }),
        async (rows, shared) => {
          const { text, binary } = await both(
            rows.map((r, n) => ({ n, ...r })),
            shared,
          );
          expect(binary).toEqual(text);
        },
      ),
      { numRuns: 40 },
    );
  });
});
