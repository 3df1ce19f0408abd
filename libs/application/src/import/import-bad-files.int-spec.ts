import { systemPrincipal } from '../shared/principal';
import { writeFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferSource, fileSource } from './import-sources';
import { TABLE_ORDER, TABLES } from './tables';
import { tablesWorkbook } from './templates';
import { csv, didStory, fixtureText, openImportBench, type ImportBench } from './testing/import-fixture';

const principal = systemPrincipal('Siti (BPKAD)');
const PAGU_HEADER =
  'Tahun,Perangkat Daerah,Kode,Tahapan,Sumber Dana,Pagu,Perubahan,Tanggal Berlaku,Alasan,Jenis Dasar Hukum,Nomor Dasar Hukum,Tanggal Dasar Hukum';
const paguRow = (fields: Partial<Record<'kode' | 'tahapan' | 'pagu' | 'perubahan', string>>) =>
  `2022,DKUKM,${fields.kode ?? '2.17.07.1.01.0001'},${fields.tahapan ?? 'APBD'},DAU,${fields.pagu ?? ''},${fields.perubahan ?? ''},2022-01-03,APBD murni,Perda,10 Tahun 2021,2021-12-30`;

/** Parses CSV text the simple way, for building workbooks from the fixture (no quoted newlines there). */
const rowsOf = (text: string): string[][] => {
  const delimiter = text.split('\n')[0].includes(';') ? ';' : ',';
  return text
    .trim()
    .split('\n')
    .map((line) =>
      (line.match(new RegExp(`("([^"]|"")*"|[^${delimiter}]*)(${delimiter}|$)`, 'g')) ?? []).slice(0, -1).map((c) =>
        c
          .replace(new RegExp(`${delimiter}$`), '')
          .replace(/^"|"$/g, '')
          .replace(/""/g, '"'),
      ),
    );
};

describe('bad files: every problem reported, nothing written', () => {
  let bench: ImportBench;
  let emptyHead: { count: number; lastHash: string | null };

  beforeAll(async () => {
    bench = await openImportBench();
    emptyHead = await bench.ledgerHead();
  });
  afterAll(() => bench.close());

  const run = (sources: ReturnType<typeof csv>[]) => bench.service.run({ sources, principal });
  const rules = async (sources: ReturnType<typeof csv>[]) => {
    const result = await run(sources);
    expect(result.status).toBe('invalid');
    expect(await bench.ledgerHead()).toEqual(emptyHead);
    return result.problems.map((p) => [p.file, p.row, p.column, p.value, p.rule]);
  };

  it('all or nothing: one bad row among valid files writes nothing, and every problem is listed', async () => {
    const pagu = `${fixtureText('pagu.csv')}${paguRow({ kode: '2.17.07.1.01.0009', pagu: '12a' })}\n${paguRow({ pagu: '"1,234"', tahapan: 'RAPBD' })}\n`;
    const problems = await rules(didStory({ 'pagu.csv': pagu }));
    expect(problems).toEqual([
      ['pagu.csv', 5, 'Pagu', '12a', 'NUMBER_FORMAT'],
      ['pagu.csv', 6, 'Tahapan', 'RAPBD', 'PHASE_UNKNOWN'],
    ]);
  });

  it('unknown codes, three decimals, a negative pagu, a bad date and duplicate rows', async () => {
    const pagu = [
      PAGU_HEADER,
      paguRow({ kode: '2.17.07.1.01.0009', pagu: '100' }),
      paguRow({ pagu: '"1.653.027.794,123"' }),
      paguRow({ pagu: '-5.000' }),
      paguRow({ pagu: '5.000' }).replace('2022-01-03', '31/02/2022'),
      paguRow({ perubahan: '1000', pagu: '' }).replace('2022-01-03', '2022-01-04'),
      paguRow({ perubahan: '1000', pagu: '' }).replace('2022-01-03', '2022-01-04'),
      paguRow({ kode: '2.17.7', pagu: '1' }),
    ].join('\n');
    const problems = await rules(didStory({ 'pagu.csv': pagu, 'realisasi.csv': null, 'total.csv': null }));
    expect(problems).toEqual([
      ['pagu.csv', 3, 'Pagu', '1.653.027.794,123', 'TOO_MANY_DECIMALS'],
      ['pagu.csv', 4, 'Pagu', '-5.000', 'PAGU_NEGATIVE'],
      ['pagu.csv', 5, 'Tanggal Berlaku', '31/02/2022', 'DATE_FORMAT'],
      ['pagu.csv', 7, null, null, 'DUPLICATE_ROW'],
      ['pagu.csv', 8, 'Kode', '2.17.7', 'CODE_FORMAT'],
      ['pagu.csv', 2, 'Kode', '2.17.07.1.01.0009', 'LINE_NOT_REGISTERED'],
    ]);
  });

  it('wrong and missing columns, a header that names no table, an unknown table in a file name', async () => {
    const problems = await rules([
      csv('pagu.csv', 'Tahun,Perangkat Daerah,Kode,Tahapan,Sumber,Pagu,Tanggal Berlaku\n2022,DKUKM,2.17.07,APBD,DAU,1,2022-01-03\n'),
      csv('rencana.csv', 'Tahun,Perangkat Daerah,Kode,Nama\n2022,DKUKM,2.17.07,Program\n'),
      csv('data.csv', 'a,b,c\n1,2,3\n'),
    ]);
    expect(problems).toEqual([
      ['pagu.csv', 1, 'Sumber', 'Sumber', 'COLUMN_UNKNOWN'],
      ['pagu.csv', 1, 'Sumber Dana', null, 'COLUMN_MISSING'],
      ['rencana.csv', 1, 'Nama', 'Nama', 'COLUMN_UNKNOWN'],
      ['rencana.csv', 1, 'Program/Kegiatan/Sub Kegiatan', null, 'COLUMN_MISSING'],
      ['data.csv', 1, null, 'a | b | c', 'TABLE_UNKNOWN'],
    ]);
  });

  it('an empty file, a file of empty lines, a file that is not CSV, a file of another type', async () => {
    const problems = await rules([
      bufferSource('pagu.csv', Buffer.alloc(0)),
      csv('rencana.csv', '\n\n ,, \n'),
      csv('realisasi.csv', 'Tahun,Perangkat Daerah,Kode,Periode,Realisasi\n2022,"DKUKM,2.17.07,2022-Q1,5\n'),
      csv('pagu.xlsx', 'this is not a workbook'),
      csv('notes.txt', 'hello'),
    ]);
    expect(problems.map((p) => [p[0], p[4]])).toEqual([
      ['pagu.csv', 'FILE_EMPTY'],
      ['rencana.csv', 'FILE_EMPTY'],
      ['realisasi.csv', 'CSV_MALFORMED'],
      ['pagu.xlsx', 'XLSX_MALFORMED'],
      ['notes.txt', 'FILE_TYPE'],
    ]);
  });

  it('an XLSX workbook with a sheet per table imports like the CSV files; an unknown sheet is refused', async () => {
    const sheets = TABLE_ORDER.map((t) => ({ t, file: `${t}.csv` })).filter(
      ({ file }) => !['pergeseran.csv', 'renstra.csv', 'koreksi.csv'].includes(file),
    ); // the DID story has none of these
    const workbook = await tablesWorkbook(sheets.map(({ t, file }) => ({ sheet: TABLES[t].sheet, rows: rowsOf(fixtureText(file)) })));
    const withExtra = await tablesWorkbook([{ sheet: 'Petunjuk', rows: [['isi tabel di sheet lain']] }]);
    const refused = await run([bufferSource('rencana-2022.xlsx', withExtra)]);
    expect(refused.problems.map((p) => [p.table, p.rule])).toEqual([['Petunjuk', 'SHEET_UNKNOWN']]);
    const dry = await bench.service.run({ sources: [bufferSource('rencana-2022.xlsx', workbook)], principal, dryRun: true });
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({ status: 'dry_run', events: 23 });
    expect(dry.files[0].tables).toEqual(['perangkat_daerah', 'rencana', 'pagu', 'realisasi', 'total']);
    expect(await bench.ledgerHead()).toEqual(emptyHead);
  });

  it('a 50 MB file is refused before it is read, with the limit named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'big-'));
    try {
      const path = join(dir, 'pagu.csv');
      writeFileSync(path, `${PAGU_HEADER}\n`);
      truncateSync(path, 50 * 1024 * 1024); // sparse: 50 MB on paper, no time spent writing it
      const result = await run([fileSource(path)]);
      expect(result.problems.map((p) => p.rule)).toEqual(['IMPORT_TOO_LARGE']);
      expect(result.problems[0].message).toContain('RENJA_IMPORT_MAX_BYTES');
    } finally {
      rmSync(dir, { recursive: true });
    }
    expect(await bench.ledgerHead()).toEqual(emptyHead);
  });
});
