import { operationsOf } from './import-rows';
import { Problems, type ReadFile } from './import-types';
import type { TableName } from './tables';

/** A read file from rows of cells by column name (as the readers produce them). */
function file(name: string, table: TableName, rows: Array<Record<string, string>>): ReadFile {
  return {
    name,
    sha256: 'f'.repeat(64),
    bytes: 1,
    tables: [table],
    encoding: 'utf-8',
    rows: rows.map((cells, i) => ({
      file: name,
      table,
      row: i + 2,
      cells: new Map(
        Object.entries(cells)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [k, { text: v }]),
      ),
    })),
  };
}

const line = { Tahun: '2022', 'Perangkat Daerah': 'dkukm', Kode: '2.17.07.1.01.01' };

describe('rows → operations', () => {
  it('a rencana row registers the line, defines its indicator and sets its target; codes and offices normalised', () => {
    const problems = new Problems();
    const ops = operationsOf(
      [
        file('rencana.csv', 'rencana', [
          {
            ...line,
            'Program/Kegiatan/Sub Kegiatan': 'Menumbuhkembangkan UMKM',
            Indikator: 'UMKM dibina',
            Satuan: 'Unit',
            Arah: 'turun',
            Target: '1.000',
            'Tanggal Berlaku': '3 Januari 2022',
          },
        ]),
      ],
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(ops.map((o) => o.kind)).toEqual(['line', 'indicator', 'target']);
    expect(ops[0]).toMatchObject({ year: 2022, office: 'DKUKM', code: '2.17.07.1.01.0001', name: 'Menumbuhkembangkan UMKM' });
    expect(ops[1]).toMatchObject({ unit: 'Unit', direction: 'lower_is_better' });
    expect(ops[2]).toMatchObject({
      value: '1000',
      effectiveDate: '2022-01-03',
      reason: 'Target sesuai dokumen yang diimpor (rencana.csv)',
      legalBasis: null,
    });
  });

  it('applies tables in the format order whatever the file order, rows in file order', () => {
    const ops = operationsOf(
      [
        file('pagu.csv', 'pagu', [
          { ...line, Tahapan: 'Pagu Indikatif', 'Sumber Dana': 'PAD', Pagu: 'Rp 5.000', 'Tanggal Berlaku': '2022-01-03' },
        ]),
        file('kantor.csv', 'perangkat_daerah', [{ 'Kode Perangkat Daerah': 'DKUKM', 'Nama Perangkat Daerah': 'Dinas KUKM' }]),
        file('rencana.csv', 'rencana', [{ ...line, 'Program/Kegiatan/Sub Kegiatan': 'X' }]),
      ],
      new Problems(),
    );
    expect(ops.map((o) => o.kind)).toEqual(['office', 'line', 'pagu']);
    expect(ops[2]).toMatchObject({ phase: 'RENJA', amount: '5000', fundingSource: 'PAD' });
  });

  it('rows of one line and period become one realisation; a second amount for it is a problem', () => {
    const problems = new Problems();
    const ops = operationsOf(
      [
        file('realisasi.csv', 'realisasi', [
          { ...line, Periode: 'TW IV', Realisasi: '175.592.410' },
          { ...line, Periode: '2022-Q4', Indikator: 'UMKM dibina', 'Realisasi Kinerja': '45' },
          { ...line, Periode: 'Triwulan IV', Realisasi: '1' },
          { ...line, Periode: 'November', Realisasi: '2' },
        ]),
      ],
      problems,
    );
    expect(ops).toMatchObject([
      {
        kind: 'realisation',
        period: '2022-Q4',
        rows: [2, 3, 4],
        amount: '175592410',
        outputs: [{ indicator: 'UMKM dibina', value: '45' }],
      },
      { kind: 'realisation', period: '2022-11', rows: [5], amount: '2' },
    ]);
    expect(problems.list.map((p) => [p.row, p.column, p.rule])).toEqual([[4, 'Realisasi', 'REALISATION_AMOUNT_TWICE']]);
  });

  it('reports every problem of a row: incomplete legal basis, target without indicator, both Pagu and Perubahan, duplicates', () => {
    const problems = new Problems();
    operationsOf(
      [
        file('rencana.csv', 'rencana', [
          { ...line, 'Program/Kegiatan/Sub Kegiatan': 'X', Target: '5', 'Tanggal Berlaku': '2022-01-03', 'Jenis Dasar Hukum': 'Perda' },
        ]),
        file('pagu.csv', 'pagu', [
          { ...line, Tahapan: 'APBD', 'Sumber Dana': 'DAU', Pagu: '1', Perubahan: '2', 'Tanggal Berlaku': '2022-01-03' },
          { ...line, Tahapan: 'APBD', 'Sumber Dana': 'DAU', Pagu: '1', Perubahan: '2', 'Tanggal Berlaku': '2022-01-03' },
        ]),
      ],
      problems,
    );
    expect(problems.list.map((p) => [p.file, p.row, p.column, p.rule])).toEqual([
      ['rencana.csv', 2, 'Nomor Dasar Hukum', 'LEGAL_BASIS_INCOMPLETE'],
      ['rencana.csv', 2, 'Indikator', 'INDICATOR_REQUIRED'],
      ['pagu.csv', 2, 'Perubahan', 'AMOUNT_OR_DELTA'],
      ['pagu.csv', 3, null, 'DUPLICATE_ROW'],
    ]);
  });

  it('a row repeated in another file with its columns in another order (and padded cells) is a duplicate; one other cell is not', () => {
    const problems = new Problems();
    const row = { ...line, Tahapan: 'APBD', 'Sumber Dana': 'DAU', Pagu: '1', 'Tanggal Berlaku': '2022-01-03' };
    const reordered = Object.fromEntries(Object.entries(row).reverse());
    const ops = operationsOf(
      [
        file('pagu-a.csv', 'pagu', [row]),
        file('pagu-b.csv', 'pagu', [
          { ...reordered, Pagu: ' 1 ' },
          { ...reordered, Pagu: '2' },
        ]),
      ],
      problems,
    );
    expect(problems.list.map((p) => [p.file, p.row, p.rule, p.message])).toEqual([
      ['pagu-b.csv', 2, 'DUPLICATE_ROW', 'the row repeats row 2 of pagu-a.csv exactly'],
    ]);
    expect(ops.map((op) => (op.kind === 'pagu' ? op.amount : op.kind))).toEqual(['1', '2']);
  });
});
