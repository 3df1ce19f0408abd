import ExcelJS from 'exceljs';
import { humanCell } from './human-cells';
import type { ReportDocument, ReportTable } from './report-table';
import { columnWidths, renderXlsx } from './xlsx';

const table: ReportTable = {
  sheet: 'Rincian',
  title: 'Rincian per sub kegiatan',
  columns: [
    { key: 'code', header: 'Kode', kind: 'text', width: 14 },
    { key: 'name', header: 'Uraian', kind: 'text', width: 40 },
    { key: 'k', header: 'K', group: 'Realisasi Renstra', kind: 'value', width: 6 },
    { key: 'rp', header: 'Rp', group: 'Realisasi Renstra', kind: 'amount', width: 8 },
  ],
  rows: [
    {
      cells: {
        code: '2.17.07.1.01.0001',
        name: 'Pemberdayaan usaha menengah yang bergerak di bidang industri kecil dan kerajinan',
        k: '12',
        rp: '1653027794.00',
      },
    },
    { cells: { code: 'Jumlah', name: null, k: null, rp: '22312405660.00' }, total: true },
  ],
};
const doc: ReportDocument = {
  fileStem: 'x',
  title: 'Jejak Pagu',
  subtitle: ['Perangkat Daerah: DKUKM', 'Tahun Anggaran: 2022'],
  tables: [table],
  csv: table,
};
const provenance = {
  validAt: '2022-09-30',
  position: 1234,
  checkpoint: { origin: 'renja-ledger.example/ledger', size: 1200, rootHash: 'q1w2e3r4t5y6u7i8o9p0AbCdEfGh' },
  drawnAt: '2023-01-31T02:00:00.000Z',
};

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe('XLSX that prints', () => {
  it('sets landscape, the paper, one page wide, and the heading rows repeated on every page', async () => {
    const a4 = await sheetOf(await renderXlsx(doc, { provenance }));
    expect(a4.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // Title, 2 subtitle lines, 2 provenance lines, a blank row: the headings are rows 7 (group) and 8.
    expect(a4.pageSetup.printTitlesRow).toBe('7:8');
    expect(a4.getCell(7, 3).value).toBe('Realisasi Renstra');
    expect(a4.getCell(8, 4).value).toBe('Rp');
    const f4 = await sheetOf(await renderXlsx(doc, { paper: 'f4', provenance }));
    expect(f4.pageSetup.paperSize).toBe(14);
  });

  it('prints and freezes a row that belongs to the headings (the column numbers) with them', async () => {
    const numbered: ReportTable = {
      ...table,
      rows: [{ cells: { code: '(1)', name: '(2)', k: '(3)', rp: '(3)' }, kinds: { k: 'text', rp: 'text' }, heading: true }, ...table.rows],
    };
    const sheet = await sheetOf(await renderXlsx({ ...doc, tables: [numbered] }, { provenance }));
    expect(sheet.pageSetup.printTitlesRow).toBe('7:9');
    expect(sheet.getCell(9, 1).value).toBe('(1)');
    expect(sheet.getCell(9, 4).alignment).toMatchObject({ horizontal: 'center' });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 9 });
  });

  it('names where the paper was drawn from under the title and in the page footer, with the page number', async () => {
    const sheet = await sheetOf(await renderXlsx(doc, { provenance }));
    expect(String(sheet.getCell(4, 1).value)).toContain('berlaku s.d. 30 September 2022');
    expect(String(sheet.getCell(5, 1).value)).toContain('Posisi buku besar: 1.234 peristiwa');
    expect(sheet.headerFooter.oddFooter).toContain('Posisi buku besar: 1.234 peristiwa');
    expect(sheet.headerFooter.oddFooter).toContain('Halaman &P dari &N');
  });

  it('makes every column wide enough for its figures as shown, and keeps amounts as numbers in Rupiah format', async () => {
    const widths = columnWidths(table);
    expect(widths[3]).toBeGreaterThanOrEqual(humanCell('amount', '22312405660.00').length + 2);
    expect(widths[1]).toBeLessThanOrEqual(50); // long text wraps instead of widening the page
    const sheet = await sheetOf(await renderXlsx(doc, { provenance }));
    expect(sheet.getColumn(4).width).toBe(widths[3]);
    const amount = sheet.getCell(9, 4);
    expect([amount.value, amount.numFmt]).toEqual([1653027794, '"Rp "#,##0.00']);
    expect(sheet.getCell(9, 2).alignment).toMatchObject({ wrapText: true });
    expect(sheet.getRow(9).height).toBeGreaterThanOrEqual(30); // two lines of wrapped text get two lines of room
  });
});

describe('XLSX column widths under a group heading', () => {
  it('give the group heading its longest word across the columns it spans', () => {
    const narrow: ReportTable = {
      ...table,
      columns: [
        { key: 'k', header: 'K', group: 'Pertanggungjawaban', kind: 'value' },
        { key: 'rp', header: 'Rp', group: 'Pertanggungjawaban', kind: 'value' },
      ],
      rows: [{ cells: { k: '1', rp: '2' } }],
    };
    const [k, rp] = columnWidths(narrow);
    expect(k + rp).toBeGreaterThanOrEqual('Pertanggungjawaban'.length + 2);
  });
});
