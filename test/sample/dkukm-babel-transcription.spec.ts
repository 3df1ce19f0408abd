import Decimal from 'decimal.js';
import {
  absorption,
  computedFigure,
  foldLines,
  pagu,
  readSample,
  realised,
  REQUIRED_COLUMNS,
  rowsOf,
  under,
  type Row,
} from './sample-files';

/**
 * Proves the transcription of the reference document (Renja 2024 DKUKM Kepulauan Bangka Belitung) in
 * data/samples/dkukm-babel against the figures the document states, without the importer.
 */
describe('built-in sample: DKUKM Kepulauan Bangka Belitung', () => {
  const files = readSample();
  const lines = foldLines(files);
  const rencana = rowsOf(files, 'rencana');
  const paguRows = rowsOf(files, 'pagu');
  const totals = rowsOf(files, 'total');
  const where = (r: Row) => `${r.file} row ${r.row}`;
  const DKUKM = 'DKUKM';

  it('holds one CSV per table with every required column', () => {
    expect(files.map((f) => f.name)).toEqual([
      'pagu-2022.csv',
      'pagu-2023.csv',
      'pagu-2024.csv',
      'perangkat-daerah.csv',
      'realisasi-2022.csv',
      'rencana-2022.csv',
      'rencana-2023.csv',
      'rencana-2024.csv',
      'total-2022.csv',
      'total-2023.csv',
      'total-2024.csv',
    ]);
    for (const f of files) {
      expect({ file: f.name, missing: REQUIRED_COLUMNS[f.table].filter((c) => !f.header.includes(c)) }).toEqual({
        file: f.name,
        missing: [],
      });
      expect(f.rows.length).toBeGreaterThan(0);
    }
    expect(rowsOf(files, 'perangkat_daerah').map((r) => r['Kode Perangkat Daerah'])).toEqual(['DKUKM', 'DKUKM-BALATKOP']);
  });

  it('writes every amount as plain digits with at most two decimals, every date as ISO inside its fiscal year', () => {
    const amountCells: Array<[Row, string]> = [
      ...paguRows.flatMap((r): Array<[Row, string]> => [
        [r, 'Pagu'],
        [r, 'Perubahan'],
      ]),
      ...rowsOf(files, 'realisasi').map((r): [Row, string] => [r, 'Realisasi']),
      ...totals.map((r): [Row, string] => [r, 'Nilai']),
    ];
    const bad = amountCells
      .filter(([r, c]) => r[c] !== '' && !/^-?\d{1,16}(\.\d{1,2})?$/.test(r[c]))
      .map(([r, c]) => `${where(r)} ${c}=${r[c]}`);
    expect(bad).toEqual([]);
    const outputs = [
      ...rencana.map((r) => [r, r.Target] as const),
      ...rowsOf(files, 'realisasi').map((r) => [r, r['Realisasi Kinerja']] as const),
    ];
    const targets = outputs.filter(([, value]) => value !== '' && !/^\d+(\.\d{1,6})?$/.test(value)).map(([r]) => where(r));
    expect(targets).toEqual([]);
    const dated = [...rencana, ...paguRows].filter((r) => r['Tanggal Berlaku'] !== '' || r.Target);
    const outside = dated.filter((r) => !new RegExp(`^${r.Tahun}-\\d{2}-\\d{2}$`).test(r['Tanggal Berlaku'])).map(where);
    expect(outside).toEqual([]);
  });

  it('uses well-formed Permendagri 90 codes, registers parents before children, and names each line once', () => {
    const registered = new Map<string, string>();
    const problems: string[] = [];
    for (const r of rencana) {
      const m = /^2\.17\.(\d{2})(?:\.1\.(\d{2})(?:\.(\d{4}))?)?$/.exec(r.Kode);
      if (!m) problems.push(`${where(r)}: malformed code ${r.Kode}`);
      const scope = `${r.Tahun}|${r['Perangkat Daerah']}|`;
      const parent =
        r.Kode.split('.').length === 6
          ? r.Kode.split('.').slice(0, 5).join('.')
          : r.Kode.split('.').length === 5
            ? r.Kode.split('.').slice(0, 3).join('.')
            : null;
      const known = registered.get(scope + r.Kode);
      if (known === undefined) {
        if (parent && !registered.has(scope + parent)) problems.push(`${where(r)}: ${r.Kode} before its parent ${parent}`);
        if (!r['Program/Kegiatan/Sub Kegiatan']) problems.push(`${where(r)}: first row of ${r.Kode} has no name`);
        registered.set(scope + r.Kode, r['Program/Kegiatan/Sub Kegiatan']);
      } else if (r['Program/Kegiatan/Sub Kegiatan'] && r['Program/Kegiatan/Sub Kegiatan'] !== known) {
        problems.push(`${where(r)}: ${r.Kode} renamed`);
      }
      if (r.Indikator && (!r.Satuan || !['naik', 'turun', ''].includes(r.Arah)))
        problems.push(`${where(r)}: indicator without unit or direction`);
    }
    for (const r of [...paguRows, ...rowsOf(files, 'realisasi'), ...totals.filter((t) => t.Kode)]) {
      if (!registered.has(`${r.Tahun}|${r['Perangkat Daerah']}|${r.Kode}`))
        problems.push(`${where(r)}: ${r.Kode} is not a registered line`);
    }
    expect(problems).toEqual([]);
  });

  it('gives a legal basis (all three parts) and a reason wherever the API requires one', () => {
    const problems = paguRows.flatMap((r) => {
      const parts = [r['Jenis Dasar Hukum'], r['Nomor Dasar Hukum'], r['Tanggal Dasar Hukum']].filter((p) => p !== '').length;
      const needs = ['APBD', 'PERGESERAN', 'APBD_P'].includes(r.Tahapan) || r.Perubahan !== '';
      const out: string[] = [];
      if (parts !== 0 && parts !== 3) out.push(`${where(r)}: partial legal basis`);
      if (needs && (parts !== 3 || !r.Alasan)) out.push(`${where(r)}: ${r.Tahapan} needs a legal basis and a reason`);
      if ((r.Pagu === '') === (r.Perubahan === '')) out.push(`${where(r)}: exactly one of Pagu and Perubahan`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('adds the 2024 pagu indikatif up to Rp 23.633.051.862 and the eight program rows of Tabel 3.1', () => {
    const programs = ['2.17.01', '2.17.02', '2.17.03', '2.17.04', '2.17.05', '2.17.06', '2.17.07', '2.17.08'];
    expect(pagu(under(lines, 2024, DKUKM, ''), 'RENJA').toFixed(2)).toBe('23633051862.00');
    expect(programs.map((p) => pagu(under(lines, 2024, DKUKM, p), 'RENJA').toFixed(0))).toEqual([
      '13633250262',
      '60000000',
      '135000000',
      '90000000',
      '3824212800',
      '1312239600',
      '2379622100',
      '2198727100',
    ]);
    expect(pagu(under(lines, 2024, DKUKM, ''), 'PRAKIRAAN_MAJU').toFixed(0)).toBe('23980206480');
    expect(pagu(under(lines, 2024, DKUKM, ''), 'RKPD').toFixed(0)).toBe('23633051862');
  });

  it('keeps Tabel 2.3 (RKPD) and Tabel 3.1 (Renja) apart where they name different maintenance sub kegiatan', () => {
    const moved = under(lines, 2024, DKUKM, '')
      .filter((l) => !pagu([l], 'RKPD').equals(pagu([l], 'RENJA')))
      .map((l) => [l.code, pagu([l], 'RKPD').toFixed(0), pagu([l], 'RENJA').toFixed(0)]);
    expect(moved).toEqual([
      ['2.17.01.1.09.0001', '65000000', '0'],
      ['2.17.01.1.09.0002', '107780000', '65000000'],
      ['2.17.01.1.09.0009', '409431528', '107780000'],
      ['2.17.01.1.09.0005', '0', '409431528'],
      ['2.17.01.1.09.0006', '0', '130000000'],
      ['2.17.01.1.09.0010', '130000000', '16000000'],
      ['2.17.01.1.09.0011', '16000000', '0'],
    ]);
  });

  it('records the 2023 plan of Tabel 4.1 as its own year, the Dinas and its UPT Balatkop apart', () => {
    expect(pagu(under(lines, 2023, DKUKM, ''), 'RENJA').toFixed(0)).toBe('20357170786');
    expect(pagu(under(lines, 2023, 'DKUKM-BALATKOP', ''), 'RENJA').toFixed(0)).toBe('192246483');
    expect(new Decimal('20357170786').plus('192246483').toFixed(0)).toBe('20549417269');
  });

  it('reproduces the 2022 DID story: APBD induk + DID under PMK 170/PMK.07/2022 in November = the APBD-P pagu, and 38,15 / 39,77 / 74,06 %', () => {
    const did = paguRows.filter((r) => r['Sumber Dana'] === 'DID');
    expect(did.map((r) => [r.Kode, r.Tahapan, r.Perubahan, r['Nomor Dasar Hukum'], r['Tanggal Berlaku'].slice(0, 7)])).toEqual([
      ['2.17.07.1.01.0001', 'APBD_P', '1000000000', '170/PMK.07/2022', '2022-11'],
      ['2.17.08.1.01.0001', 'APBD_P', '5627000000', '170/PMK.07/2022', '2022-11'],
    ]);
    const umkm = under(lines, 2022, DKUKM, '2.17.07');
    const pengembangan = under(lines, 2022, DKUKM, '2.17.08');
    expect([
      pagu(umkm, 'APBD').toFixed(0),
      pagu(umkm, 'APBD_P').toFixed(0),
      realised(umkm).toFixed(0),
      absorption(umkm).toFixed(2),
    ]).toEqual(['653027794', '1653027794', '630592410', '38.15']);
    expect([
      pagu(pengembangan, 'APBD').toFixed(0),
      pagu(pengembangan, 'APBD_P').toFixed(0),
      realised(pengembangan).toFixed(0),
      absorption(pengembangan).toFixed(2),
    ]).toEqual(['518553447', '6145553447', '2444304781', '39.77']);
    const office = under(lines, 2022, DKUKM, '');
    expect([pagu(office, 'APBD_P').toFixed(0), realised(office).toFixed(0), absorption(office).toFixed(2)]).toEqual([
      '22312585924',
      '16524057351',
      '74.06',
    ]);
    // The text's total gives the same percentage: 16.524.057.351 of 22.312.405.660.
    expect(new Decimal('16524057351').div('22312405660').times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)).toBe('74.06');
  });

  it('records the 2022 program outcome indicators whose realisation over target gives the capaian Tabel 2.1 prints', () => {
    const kinerja = rowsOf(files, 'realisasi').filter((r) => r.Indikator !== '');
    const capaian = kinerja.map((r) => {
      const defined = rencana.find(
        (d) => d.Tahun === r.Tahun && d['Perangkat Daerah'] === r['Perangkat Daerah'] && d.Kode === r.Kode && d.Indikator === r.Indikator,
      );
      if (!defined) throw new Error(`${where(r)}: indicator ${r.Indikator} is not defined on ${r.Kode}`);
      return [
        r.Kode,
        new Decimal(r['Realisasi Kinerja']).div(defined.Target).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString(),
      ];
    });
    expect(capaian).toEqual([
      ['2.17.01', '25'],
      ['2.17.03', '10.32'],
      ['2.17.04', '13.78'],
      ['2.17.06', '4.86'],
      ['2.17.07', '12'],
    ]);
  });

  it('derives the program lost from Tabel 2.1 as a residual that its surviving 95,43 % row confirms', () => {
    const lost = under(lines, 2022, DKUKM, '2.17.05');
    expect([pagu(lost, 'APBD_P').toFixed(0), realised(lost).toFixed(0), absorption(lost).toFixed(2)]).toEqual([
      '2469963975',
      '2357174752',
      '95.43',
    ]);
  });

  it('states every document total, and exactly the contradictions differ from the sum of their parts', () => {
    const stated = (year: number, code: string, besaran: string, nilai: string, sumber: string) =>
      totals.filter((t) => t.Tahun === String(year) && t.Kode === code && t.Besaran === besaran && t.Nilai === nilai && t.Sumber === sumber)
        .length;
    expect(stated(2022, '', 'PAGU', '22312585924', 'Tabel 2.1')).toBe(1);
    expect(stated(2022, '', 'PAGU', '22312405660', 'Bab II teks')).toBe(2);
    expect(stated(2022, '2.17.07', 'REALISASI', '1022435384', 'Bab II teks')).toBe(1);
    expect(stated(2022, '2.17.07', 'REALISASI', '630592410', 'Tabel 2.1')).toBe(1);
    expect(stated(2024, '', 'PAGU', '23633051862', 'Tabel 3.1')).toBe(1);
    expect(stated(2023, '', 'PAGU', '20549417269', 'Tabel 4.1')).toBe(1);
    for (const program of ['2.17.01', '2.17.02', '2.17.03', '2.17.04', '2.17.05', '2.17.06', '2.17.07', '2.17.08']) {
      expect(totals.filter((t) => t.Tahun === '2024' && t.Kode === program && t.Tahapan === 'RENJA').map((t) => t.Sumber)).toEqual([
        'Tabel 3.1',
        'Tabel 2.3',
      ]);
    }
    expect(totals.every((t) => t.Sumber !== '' && ['PAGU', 'REALISASI', 'SERAPAN'].includes(t.Besaran))).toBe(true);
    const mismatches = totals
      .map((t) => ({ t, computed: computedFigure(lines, t) }))
      .filter(({ t, computed }) => !computed.equals(t.Nilai))
      .map(
        ({ t, computed }) =>
          `${t.Tahun} ${t['Perangkat Daerah']} ${t.Kode || '(office)'} ${t.Besaran} ${t.Tahapan}: ${t.Nilai} vs ${computed.toFixed(computed.isInteger() ? 0 : 2)} (${t.Sumber})`,
      );
    expect(mismatches).toEqual([
      '2022 DKUKM (office) SERAPAN : 39.77 vs 74.06 (Tabel 2.1)',
      '2022 DKUKM (office) PAGU APBD: 14711072921 vs 14918476653 (Bab II teks)',
      '2022 DKUKM (office) PAGU APBD_P: 22312405660 vs 22312585924 (Bab II teks)',
      '2022 DKUKM (office) PAGU APBD_P: 22312405660 vs 22312585924 (Bab II teks)',
      '2022 DKUKM 2.17.07 REALISASI : 1022435384 vs 630592410 (Bab II teks)',
      '2023 DKUKM (office) PAGU RENJA: 20549417269 vs 20357170786 (Tabel 4.1)',
    ]);
  });
});
