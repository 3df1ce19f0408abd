import Decimal from 'decimal.js';
import fc from 'fast-check';
import type { EntityManager } from 'typeorm';
import { BulkInsert, copyValue } from './bulk-insert';

describe('copyValue: one text-format COPY field, stored as json_populate_recordset stored it', () => {
  it('writes SQL NULL for null, undefined and non-finite numbers', () => {
    expect(copyValue(null, false)).toBe('\\N');
    expect(copyValue(undefined, true)).toBe('\\N');
    expect(copyValue(Number.NaN, false)).toBe('\\N');
  });

  it('escapes backslash, tab, newline and carriage return in text', () => {
    expect(copyValue('a\tb\nc\rd\\e', false)).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('\\N', false)).toBe('\\\\N');
    expect(copyValue('plain ☃ "quoted"', false)).toBe('plain ☃ "quoted"');
  });

  it('writes numbers, booleans and values with toJSON (decimals, dates) as their text', () => {
    expect(copyValue(42, false)).toBe('42');
    expect(copyValue(true, false)).toBe('true');
    expect(copyValue(new Decimal('1234567890123456789.10'), false)).toBe('1234567890123456789.1');
    expect(copyValue(new Date('2023-01-02T03:04:05.000Z'), false)).toBe('2023-01-02T03:04:05.000Z');
  });

  it('writes any number as String(number) writes it, a non-finite one as NULL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 2 ** 53, 1e21, 1e-7)), (n) => {
        expect(copyValue(n, false)).toBe(Number.isFinite(n) ? String(n) : '\\N');
      }),
    );
  });

  it('writes a json column as the JSON text of its value, a string quoted, only backslashes escaped', () => {
    expect(copyValue({ a: 'x\ty', b: [1, null] }, true)).toBe('{"a":"x\\\\ty","b":[1,null]}');
    expect(copyValue('text', true)).toBe('"text"');
    expect(copyValue({ d: new Decimal('1.50') }, true)).toBe('{"d":"1.5"}');
  });
});

describe('BulkInsert: rows collected as COPY text and sent in statements', () => {
  /** A manager whose table has the given columns and whose connection keeps what each COPY sends. */
  function fake(columns: Array<{ name: string; json: boolean }>) {
    const statements: Array<{ sql: string; data: string }> = [];
    const client = {
      query(copy: { text: string; chunks: Buffer[]; callback?: (e: Error | null, n: number) => void }) {
        statements.push({ sql: copy.text, data: Buffer.concat(copy.chunks).toString('utf8') });
        setImmediate(() => copy.callback?.(null, 0));
      },
    };
    const manager = { query: async () => columns, queryRunner: { connect: async () => client } } as unknown as EntityManager;
    return { manager, statements };
  }

  it('sends every row once, in order, whatever the statement and buffer boundaries', async () => {
    const { manager, statements } = fake([
      { name: 'id', json: false },
      { name: 'note', json: false },
      { name: 'doc', json: true },
    ]);
    const insert = new BulkInsert(manager, 'rm_x', 700);
    const expected: string[] = [];
    for (let i = 0; i < 2500; i++) {
      // Long and multi-byte rows cross the 64 kB text spills and the buffer's growth.
      const note = i % 7 === 0 ? `catatan ☃ ${'x'.repeat(1000)}\t${i}` : `n${i}`;
      const doc = i % 3 === 0 ? null : { i, s: 'a\\b' };
      const sent = insert.add({ id: i, note, doc });
      if (sent) await sent;
      expected.push(`${i}\t${copyValue(note, false)}\t${copyValue(doc, true)}\n`);
    }
    await insert.finish();
    expect(statements.map((s) => s.sql)).toEqual(Array(4).fill('COPY rm_x ("id", "note", "doc") FROM STDIN'));
    expect(statements.map((s) => s.data.split('\n').length - 1)).toEqual([700, 700, 700, 400]);
    expect(statements.map((s) => s.data).join('')).toBe(expected.join(''));
  });

  it('addMany writes the same rows as add with the shared values in each row', async () => {
    const columns = [
      { name: 'position', json: false },
      { name: 'seq', json: false },
      { name: 'note', json: false },
      { name: 'figure', json: false },
      { name: 'basis', json: true },
      { name: 'missing', json: false },
    ];
    const one = fake(columns);
    const many = fake(columns);
    const byRow = new BulkInsert(one.manager, 'rm_x', 5);
    const grouped = new BulkInsert(many.manager, 'rm_x', 5);
    for (let event = 0; event < 40; event++) {
      const shared = {
        position: 100 + event,
        note: event % 4 === 0 ? `a\tb ☃ ${event}` : null,
        basis: event % 3 ? { kind: 'Perda', n: event } : null,
      };
      const rows = Array.from({ length: 1 + (event % 4) }, (_, seq) => ({ seq, figure: seq % 2 ? `pagu.APBD.${seq}` : null }));
      for (const row of rows) {
        const sent = byRow.add({ ...shared, ...row });
        if (sent) await sent;
      }
      const sent = grouped.addMany(shared, rows);
      if (sent) await sent;
    }
    await byRow.finish();
    await grouped.finish();
    const text = (statements: Array<{ data: string }>) => statements.map((s) => s.data).join('');
    expect(text(many.statements)).toBe(text(one.statements));
    expect(text(many.statements).split('\n')).toHaveLength(101); // 100 rows and the text after the last newline
    expect(many.statements.every((s) => s.sql === 'COPY rm_x ("position", "seq", "note", "figure", "basis", "missing") FROM STDIN')).toBe(
      true,
    );
  });

  it('addMany writes the same bytes as add for any split of the columns into shared and own', async () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.integer(),
      fc.constantFrom('a\\b\tc\nd\re', '\\N', ''),
      fc.record({ k: fc.string({ maxLength: 6 }) }),
    );
    const layout = fc.array(fc.record({ json: fc.boolean(), shared: fc.boolean() }), { minLength: 1, maxLength: 7 });
    await fc.assert(
      fc.asyncProperty(
        layout.chain((columns) =>
          fc.tuple(
            fc.constant(columns),
            fc.array(
              fc.tuple(
                fc.array(value, { minLength: 7, maxLength: 7 }),
                fc.array(fc.array(value, { minLength: 7, maxLength: 7 }), { maxLength: 4 }),
              ),
              {
                maxLength: 6,
              },
            ),
          ),
        ),
        async ([layout, groups]) => {
          const columns = layout.map((c, i) => ({ name: `c${i}`, json: c.json }));
          const one = fake(columns);
          const many = fake(columns);
          const byRow = new BulkInsert(one.manager, 'rm_x', 3);
          const grouped = new BulkInsert(many.manager, 'rm_x', 3);
          const expected: string[] = [];
          for (const [sharedValues, rowValues] of groups) {
            const shared: Record<string, unknown> = {};
            layout.forEach((c, i) => c.shared && (shared[`c${i}`] = sharedValues[i]));
            const rows = rowValues.map((values) => {
              const row: Record<string, unknown> = {};
              layout.forEach((c, i) => !c.shared && (row[`c${i}`] = values[i]));
              return row;
            });
            for (const row of rows) {
              const full = { ...shared, ...row };
              expected.push(columns.map((c) => copyValue(full[c.name], c.json)).join('\t') + '\n');
              const sent = byRow.add(full);
              if (sent) await sent;
            }
            const sent = grouped.addMany(shared, rows);
            if (sent) await sent;
          }
          await byRow.finish();
          await grouped.finish();
          const text = (statements: Array<{ data: string }>) => statements.map((s) => s.data).join('');
          expect(text(one.statements)).toBe(expected.join(''));
          expect(text(many.statements)).toBe(expected.join(''));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sends nothing when no row was added', async () => {
    const { manager, statements } = fake([{ name: 'id', json: false }]);
    await new BulkInsert(manager, 'rm_x').finish();
    expect(statements).toEqual([]);
  });
});
