import { systemPrincipal } from '../shared/principal';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { bufferSource } from './import-sources';
import { TABLE_ORDER, TABLES, type TableName } from './tables';
import { tablesWorkbook } from './templates';
import { csv, didStory, fixtureText, openImportBench, type ImportBench } from './testing/import-fixture';

/** Cells an office's spreadsheet (or an attacker) might hold. */
const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  fc.constantFrom(
    '=1+1',
    '=SUM(A1:A3)',
    '@cmd',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e308',
    '',
    ' ',
    '\u0000',
    'a\u0007b',
    '\ufffd',
    '\ud800',
    'Rp',
    '-',
    ',',
    '.',
  ),
  fc.constantFrom(
    '1.000.000.000.000.000.000',
    '1000000000000000000',
    '0,001',
    '-0',
    '1.653.027.794,00',
    '38,15%',
    '2022',
    '1999',
    'DKUKM',
    '2.17.07',
    '2.17.07.1.01.0001',
  ),
  fc.constantFrom('APBD', 'APBD-P', 'TW IV', 'November', '2022-11-08', '31/02/2022', 'naik', 'PAGU', 'SERAPAN'),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.string({ minLength: 3000, maxLength: 6000 }),
);

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** A table file with (some of) its columns, maybe shuffled, and a few rows of generated cells. */
const tableFile = fc
  .record({
    table: fc.constantFrom(...TABLE_ORDER),
    keep: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 14 }), { minLength: 0, maxLength: 5 }),
    delimiter: fc.constantFrom(',', ';'),
  })
  .map(({ table, keep, rows, delimiter }) => {
    const columns = [...TABLES[table].required, ...TABLES[table].optional].filter((_, i) => keep[i] || i < 2);
    return { table, columns, rows, delimiter };
  });

const asCsv = (f: { table: TableName; columns: string[]; rows: string[][]; delimiter: string }) =>
  [f.columns, ...f.rows].map((r) => r.map(quote).join(f.delimiter)).join('\r\n');

describe('fuzzing the import (fast-check): no crash, every rejection a problem, the ledger untouched', () => {
  let bench: ImportBench;

  beforeAll(async () => {
    bench = await openImportBench();
    const seeded = await bench.service.run({ sources: didStory(), principal: systemPrincipal('seed') });
    expect(seeded.status).toBe('imported');
  });
  afterAll(() => bench.close());

  it('generated CSV and XLSX files, and raw bytes', async () => {
    const file = fc.oneof(
      tableFile.map((f) => ({ kind: 'csv' as const, f })),
      tableFile.map((f) => ({ kind: 'xlsx' as const, f })),
      fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 3 }), async (files) => {
        const before = await bench.ledgerHead();
        const sources = await Promise.all(
          files.map(async (x, i) => {
            if (x.kind === 'bytes') return bufferSource(`${TABLE_ORDER[i % 6]}-${i}.csv`, Buffer.from(x.bytes));
            if (x.kind === 'csv') return csv(`${x.f.table}-${i}.csv`, asCsv(x.f));
            return bufferSource(
              `fuzz-${i}.xlsx`,
              await tablesWorkbook([{ sheet: TABLES[x.f.table].sheet, rows: [x.f.columns, ...x.f.rows] }]),
            );
          }),
        );
        const result = await bench.service.run({ sources, principal: systemPrincipal('fuzz') });
        expect(['invalid', 'unchanged', 'imported', 'already_imported']).toContain(result.status);
        if (result.status === 'invalid') {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const p of result.problems) {
            expect(typeof p.rule).toBe('string');
            expect(p.message.length).toBeGreaterThan(0);
          }
        }
        if (result.status !== 'imported') expect(await bench.ledgerHead()).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it('valid rows of the DID story with one cell replaced reach the deciders without a crash', async () => {
    const tables = ['rencana.csv', 'pagu.csv', 'realisasi.csv', 'total.csv'].map((name) => ({
      name,
      // csv-parse's generic overload requires `columns`; the assertion names the plain overload's result.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      rows: parse(fixtureText(name), { delimiter: name === 'rencana.csv' ? ';' : ',' }) as string[][],
    }));
    const mutation = fc.record({ file: fc.nat(3), row: fc.nat(20), column: fc.nat(20), value: cell });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const before = await bench.ledgerHead();
        const copies = tables.map((t) => ({ name: t.name, rows: t.rows.map((r) => [...r]) }));
        for (const m of mutations) {
          const t = copies[m.file];
          const row = t.rows[1 + (m.row % (t.rows.length - 1))];
          row[m.column % row.length] = m.value;
        }
        const result = await bench.service.run({
          sources: copies.map((t) => csv(t.name, t.rows.map((r) => r.map(quote).join(',')).join('\n'))),
          principal: systemPrincipal('fuzz'),
        });
        if (result.status === 'invalid') expect(result.problems.every((p) => p.rule && p.message)).toBe(true);
        if (result.status !== 'imported') expect(await bench.ledgerHead()).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});
