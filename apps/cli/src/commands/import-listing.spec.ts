import type { ImportPreview, ImportPreviewRow } from '@renja/application';
import { previewListing, understoodText } from './import-listing';

const SUB = '2.17.07.1.01.0001';

const row = (r: Partial<ImportPreviewRow> & Pick<ImportPreviewRow, 'cells' | 'values'>): ImportPreviewRow => ({
  row: 2,
  outcome: 'records',
  records: [],
  groupedWith: null,
  ...r,
});

describe('import --show listing', () => {
  it('names every event as the papers do, the Renstra table included', () => {
    const preview: ImportPreview = {
      truncated: false,
      tables: [
        {
          file: 'renstra.csv',
          table: 'renstra',
          columns: ['Perangkat Daerah', 'Kode'],
          rows: [
            row({
              cells: { 'Perangkat Daerah': 'DKUKM', Kode: SUB },
              values: { 'Perangkat Daerah': 'DKUKM', Kode: SUB },
              records: [{ type: 'renstra.recorded', streamId: `line-${SUB}`, code: SUB }],
            }),
            row({
              row: 3,
              cells: { 'Perangkat Daerah': 'DKUKM', Kode: SUB },
              values: { 'Perangkat Daerah': 'DKUKM', Kode: SUB },
              records: [{ type: 'event.corrected', streamId: `line-${SUB}`, code: SUB, corrects: '41', replacement: null }],
            }),
          ],
        },
      ],
    };
    const lines = previewListing(preview, [], []);
    expect(lines).toContain(`  baris 2  DKUKM ${SUB}  → Pencatatan Renstra (${SUB})`);
    expect(lines).toContain(`  baris 3  DKUKM ${SUB}  → Pembatalan peristiwa 41 (${SUB})`);
    expect(lines.join('\n')).not.toContain('renstra.recorded');
  });

  it('writes dates, periods, phases and directions in the words of the reports', () => {
    const r = row({
      cells: { 'Tanggal Berlaku': '08/11/2022', Periode: 'TW IV', 'Periode Baru': 'Nov 2022', Tahapan: 'APBD-P', Arah: 'turun' },
      values: {
        'Tanggal Berlaku': '2022-11-08',
        Periode: '2022-Q4',
        'Periode Baru': '2022-11',
        Tahapan: 'APBD_P',
        Arah: 'lower_is_better',
      },
    });
    expect(understoodText(r, 'Tanggal Berlaku')).toBe('8 November 2022');
    expect(understoodText(r, 'Periode')).toBe('TW IV 2022');
    expect(understoodText(r, 'Periode Baru')).toBe('November 2022');
    expect(understoodText(r, 'Tahapan')).toBe('APBD-P');
    expect(understoodText(r, 'Arah')).toBe('makin rendah makin baik');
    expect(understoodText({ ...r, values: { ...r.values, Arah: 'higher_is_better' } }, 'Arah')).toBe('makin tinggi makin baik');
  });
});
