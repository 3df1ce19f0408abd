import { pdfText, type PdfPageText } from '../../../../test/support/pdf-text';
import { renderPdf } from './pdf';
import type { ReportDocument } from './report-table';
import type { RenderOptions } from './render-options';

/** A report long enough to run over several pages, with a grouped heading and a word that must not break. */
function longReport(rows: number): ReportDocument {
  const table = {
    sheet: 'Rincian',
    title: 'Rincian per sub kegiatan',
    columns: [
      { key: 'code', header: 'Kode', kind: 'text' as const, width: 14 },
      { key: 'name', header: 'Uraian', kind: 'text' as const, width: 40 },
      { key: 'k', header: 'K', group: 'Realisasi Renstra', kind: 'value' as const, width: 6 },
      { key: 'rp', header: 'Rp', group: 'Realisasi Renstra', kind: 'amount' as const, width: 16 },
      { key: 'pct', header: 'Serapan (%)', kind: 'percent' as const, width: 8 },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({
      cells: {
        code: `2.17.07.1.01.${String(i + 1).padStart(4, '0')}`,
        name: `Pemberdayaan usaha menengah ${i + 1}`,
        k: '12',
        rp: '1653027794.00',
        pct: '38.15',
      },
    })),
  };
  return { fileStem: 'x', title: 'Jejak Pagu', subtitle: ['Perangkat Daerah: DKUKM — Dinas KUKM'], tables: [table], csv: table };
}

const provenance: RenderOptions['provenance'] = {
  validAt: '2022-09-30',
  knownAt: null,
  position: 1234,
  checkpoint: { origin: 'renja-ledger.example/ledger', size: 1200, rootHash: 'q1w2e3r4t5y6u7i8o9p0AbCdEfGh+/Ab=' },
  drawnAt: '2023-01-31T02:00:00.000Z',
};
const signatory = {
  place: 'Pangkalpinang',
  title: 'Kepala Dinas Koperasi, Usaha Kecil dan Menengah',
  name: 'Budi Santoso',
  nip: '197001011990031001',
};

const flat = (page: PdfPageText) => page.text.replace(/\s+/g, ' ');

describe('PDF papers', () => {
  let a4: PdfPageText[];

  beforeAll(async () => {
    a4 = (await pdfText(await renderPdf(longReport(150), { provenance, signatory }))).pages;
  });

  it('prints landscape A4 by default, and landscape F4 (215 × 330 mm) when asked', async () => {
    expect(a4.length).toBeGreaterThan(2);
    for (const page of a4) expect([page.width, page.height]).toEqual([841.89, 595.28]);
    const f4 = (await pdfText(await renderPdf(longReport(150), { paper: 'f4', provenance, signatory }))).pages;
    for (const page of f4) expect([page.width, page.height]).toEqual([935.43, 609.45]);
    expect(f4.length).toBeLessThanOrEqual(a4.length);
  });

  it('repeats the headings on every page and numbers the pages "Halaman x dari N"', () => {
    a4.forEach((page, i) => {
      expect(flat(page)).toContain(`Halaman ${i + 1} dari ${a4.length}`);
      expect(flat(page)).toMatch(/Kode Uraian Realisasi Renstra Serapan \(%\) K Rp/);
    });
    expect(flat(a4[1])).toContain('Jejak Pagu (lanjutan)');
  });

  it('repeats a row that belongs to the headings (the column numbers) under them on every page, and only there', async () => {
    const report = longReport(150);
    const numbers = {
      cells: { code: '(1)', name: '(2)', k: '(3)', rp: '(3)', pct: '(4)' },
      kinds: { k: 'text' as const, rp: 'text' as const, pct: 'text' as const },
      heading: true,
    };
    const table = { ...report.tables[0], rows: [numbers, ...report.tables[0].rows] };
    const pages = (await pdfText(await renderPdf({ ...report, tables: [table] }, { provenance, signatory }))).pages;
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(flat(page)).toMatch(/Kode Uraian Realisasi Renstra Serapan \(%\) K Rp \(1\) \(2\) \(3\) \(3\) \(4\) 2\.17\.07\.1\.01\.\d{4}/);
      expect(flat(page).match(/\(1\) \(2\)/g)).toHaveLength(1);
    }
    // Every data row still printed once.
    const codes = pages.flatMap((page) => flat(page).match(/2\.17\.07\.1\.01\.\d{4}/g) ?? []);
    expect(codes).toHaveLength(150);
  });

  it('names on every page where the paper was drawn from: point of view, ledger position, signed checkpoint', () => {
    for (const page of a4) {
      expect(flat(page)).toContain('berlaku s.d. 30 September 2022');
      expect(flat(page)).toContain('diketahui: semua yang tercatat');
      expect(flat(page)).toContain('Posisi buku besar: 1.234 peristiwa');
      expect(flat(page)).toContain('renja-ledger.example/ledger, ukuran 1.200, akar q1w2e3r4t5y6u7i8…');
      expect(flat(page)).toContain('dicetak 31-01-2023 09:00 WIB');
    }
  });

  it('ends with the signature block: place and date, title, name, NIP', () => {
    const last = flat(a4.at(-1)!);
    expect(last).toContain('Pangkalpinang, 31 Januari 2023');
    expect(last).toContain('Kepala Dinas Koperasi, Usaha Kecil dan Menengah');
    expect(last).toContain('Budi Santoso');
    expect(last).toContain('NIP 19700101 199003 1 001');
  });

  it('leaves the signature to be filled in by hand when no signatory is recorded', async () => {
    const pages = (await pdfText(await renderPdf(longReport(3), { provenance, signatory: null }))).pages;
    expect(pages).toHaveLength(1);
    expect(flat(pages[0])).toMatch(/\.{10,}, 31 Januari 2023 Kepala Perangkat Daerah/);
    expect(flat(pages[0])).toMatch(/NIP \.{10,}/);
  });

  it('keeps amounts and heading words whole', () => {
    expect(flat(a4[0])).toContain('1.653.027.794,00');
    expect(flat(a4[0])).toContain('Serapan (%)');
  });

  it('never breaks a word of a column group heading over narrow columns', async () => {
    const narrow = {
      sheet: 'x',
      title: 'Evaluasi',
      columns: [
        { key: 'name', header: 'Uraian', kind: 'text' as const },
        ...['a', 'b', 'c', 'd', 'e', 'f'].flatMap((g) => [
          { key: `${g}k`, header: 'K', group: `Realisasi Renstra s.d. 2021 (${g})`, kind: 'value' as const },
          { key: `${g}r`, header: 'Rp', group: `Realisasi Renstra s.d. 2021 (${g})`, kind: 'value' as const },
        ]),
      ],
      // A long text wants the whole line: the group's columns are left at their minimum.
      rows: [{ cells: { name: 'Program Pemberdayaan Usaha Mikro, Kecil dan Menengah '.repeat(8), ak: '1', ar: '2' } }],
    };
    const doc = { fileStem: 'x', title: 'Evaluasi', subtitle: [], tables: [narrow], csv: narrow };
    const [page] = (await pdfText(await renderPdf(doc))).pages;
    const words = page.text.split(/\s+/);
    expect(words.filter((w) => w === 'Realisasi')).toHaveLength(6);
    expect(words.filter((w) => w === 'Renstra')).toHaveLength(6);
  });
});
