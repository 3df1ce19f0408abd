import { systemPrincipal } from '../shared/principal';
import { ConsistencyReader, consistencyDocument, renderCsv, renderTextDocument } from '@renja/projections';
import { didStory, openImportBench, type ImportBench } from './testing/import-fixture';

describe('consistency report on an imported plan with stated figures', () => {
  let bench: ImportBench;

  beforeAll(async () => {
    bench = await openImportBench();
    expect((await bench.service.run({ sources: didStory(), principal: systemPrincipal('Siti (BPKAD)') })).status).toBe('imported');
  });
  afterAll(() => bench.close());

  it('sets every stated figure next to the ledger figure computed from its parts', async () => {
    const report = await new ConsistencyReader(bench.dataSource, bench.store).report({ year: 2022, office: 'DKUKM' });
    expect(report.rows.map((r) => [r.code, r.measure, r.phase, r.period, r.source, r.stated, r.computed, r.difference, r.status])).toEqual([
      [null, 'PAGU', 'APBD', null, 'Tabel 2.1', '753027794.00', '753027794.00', '0.00', 'OK'],
      [null, 'PAGU', 'APBD_P', null, 'Bab II teks', '1753207794.00', '1753027794.00', '180000.00', 'MISMATCH'],
      ['2.17.07', 'PAGU', 'APBD_P', null, 'Tabel 2.1', '1753027794.00', '1753027794.00', '0.00', 'OK'],
      ['2.17.07', 'REALISASI', null, null, 'Tabel 2.1', '710592410.00', '710592410.00', '0.00', 'OK'],
      ['2.17.07', 'REALISASI', null, null, 'Bab II teks', '1022435384.00', '710592410.00', '311842974.00', 'MISMATCH'],
      ['2.17.07.1.01.0001', 'SERAPAN', null, null, 'Tabel 2.1', '38.15', '38.15', '0', 'OK'],
      ['2.17.07.1.01.0001', 'REALISASI', null, '2022-Q3', 'Tabel 2.1', '455000000.00', '455000000.00', '0.00', 'OK'],
      ['2.17.07.1.01.0001', 'TARGET', null, null, 'Tabel 2.1', '100', '100', '0', 'OK'],
    ]);
    expect(report.rows[1].explanation).toBe('jumlah pagu APBD-P dari seluruh baris perangkat daerah');
    expect(report.conflicts).toEqual([
      {
        code: '2.17.07',
        measure: 'REALISASI',
        phase: null,
        period: null,
        indicator: null,
        statements: [
          { value: '710592410', source: 'Tabel 2.1', label: 'Program Pemberdayaan UMKM' },
          { value: '1022435384', source: 'Bab II teks', label: 'Program Pemberdayaan UMKM' },
        ],
      },
    ]);
    expect(report.summary).toEqual({ statements: 8, ok: 6, mismatches: 2, notComputable: 0, conflicts: 1 });
    const doc = consistencyDocument(report);
    expect(renderCsv(doc.csv).split('\n')[2]).toContain('MISMATCH');
    expect(renderTextDocument(doc)).toContain('1.022.435.384');
  });
});
