import ExcelJS from 'exceljs';
import { TABLE_ORDER, TABLES, type TableName } from './tables';

/**
 * The import templates (data/templates/): every column of each table and one example row, as CSV files
 * and as one XLSX workbook with a sheet per table. data/templates/generate-templates.js writes them from
 * here; a spec checks the committed files still match.
 */
export const TEMPLATE_EXAMPLES: Record<TableName, Record<string, string>> = {
  renstra: {
    Tahun: '2022',
    'Perangkat Daerah': 'DKUKM',
    Kode: '2.17.07',
    Indikator: 'Persentase UMKM yang diberdayakan',
    'Target Renstra K': '0,25',
    'Target Renstra Rp': '1.736.420.000,00',
    'Realisasi Renstra s.d. Tahun Lalu K': '0',
    'Realisasi Renstra s.d. Tahun Lalu Rp': '757.319.800,00',
    Alasan: 'Renstra DKUKM, Tabel 2.1 Renja 2024',
  },
  perangkat_daerah: { 'Kode Perangkat Daerah': 'DKUKM', 'Nama Perangkat Daerah': 'Dinas Koperasi, Usaha Kecil dan Menengah' },
  rencana: {
    Tahun: '2024',
    'Perangkat Daerah': 'DKUKM',
    Kode: '2.17.07.1.01.0001',
    'Program/Kegiatan/Sub Kegiatan': 'Menumbuhkembangkan UMKM',
    Indikator: 'Jumlah UMKM yang dibina',
    Satuan: 'Unit',
    Arah: 'naik',
    Target: '100',
    'Tanggal Berlaku': '2024-01-02',
    Alasan: 'Target Renja 2024',
  },
  pagu: {
    Tahun: '2022',
    'Perangkat Daerah': 'DKUKM',
    Kode: '2.17.07.1.01.0001',
    Tahapan: 'APBD-P',
    'Sumber Dana': 'DID',
    Perubahan: '1.000.000.000,00',
    'Tanggal Berlaku': '2022-11-08',
    Alasan: 'Tambahan DID 2022',
    'Jenis Dasar Hukum': 'PMK',
    'Nomor Dasar Hukum': '170/PMK.07/2022',
    'Tanggal Dasar Hukum': '2022-11-08',
  },
  pergeseran: {
    Tahun: '2022',
    'Perangkat Daerah': 'DKUKM',
    'Dari Kode': '2.17.08.1.01.0001',
    'Ke Kode': '2.17.07.1.01.0001',
    'Sumber Dana': 'DAU',
    Jumlah: '25.000.000',
    'Tanggal Berlaku': '2022-06-15',
    Alasan: 'Pergeseran antar sub kegiatan',
    'Jenis Dasar Hukum': 'Perkada',
    'Nomor Dasar Hukum': '25 Tahun 2022',
    'Tanggal Dasar Hukum': '2022-06-14',
  },
  realisasi: {
    Tahun: '2022',
    'Perangkat Daerah': 'DKUKM',
    Kode: '2.17.07.1.01.0001',
    Periode: 'TW IV',
    Realisasi: '175.592.410',
    Indikator: 'Jumlah UMKM yang dibina',
    'Realisasi Kinerja': '45',
  },
  total: {
    Tahun: '2022',
    'Perangkat Daerah': 'DKUKM',
    Kode: '2.17.07',
    Uraian: 'Program Pemberdayaan UMKM',
    Besaran: 'SERAPAN',
    Tahapan: 'APBD-P',
    Nilai: '38,15',
    Sumber: 'Tabel 2.1',
    Keterangan: 'realisasi Rp 630.592.410 dari pagu Rp 1.653.027.794',
  },
  koreksi: {
    Jenis: 'Realisasi',
    Tahun: '2022',
    'Perangkat Daerah': 'DKUKM',
    Kode: '2.17.07.1.01.0001',
    Periode: 'TW IV',
    Batalkan: 'tidak',
    Realisasi: '175.592.410,00',
    Alasan: 'Salah ketik pada laporan realisasi TW IV',
  },
};

export const templateColumns = (table: TableName): string[] => {
  // A correction names its target first, then what replaces it: its own order, not the other tables'.
  const order = table === 'koreksi' ? KOREKSI_ORDER : ORDER;
  return [...TABLES[table].required, ...TABLES[table].optional].sort((a, b) => order.indexOf(a) - order.indexOf(b));
};

/**
 * A correction names its target first (ID Peristiwa, Jenis, then the line's columns), then what replaces it,
 * then why: its table's own column list, so a column added there cannot be missed here.
 */
const KOREKSI_ORDER = ((): string[] => {
  const { required, optional } = TABLES.koreksi;
  const legalBasis = optional.filter((c) => c.endsWith('Dasar Hukum'));
  const between = optional.filter((c) => c !== 'ID Peristiwa' && !legalBasis.includes(c));
  return ['ID Peristiwa', 'Jenis', ...between, ...required.filter((c) => c !== 'Jenis'), ...legalBasis];
})();

/** Column order in the templates: as an office would fill them in, left to right. */
const ORDER = [
  'Kode Perangkat Daerah',
  'Nama Perangkat Daerah',
  'Tahun',
  'Perangkat Daerah',
  'Kode',
  'Dari Kode',
  'Ke Kode',
  'Program/Kegiatan/Sub Kegiatan',
  'Uraian',
  'Besaran',
  'Tahapan',
  'Periode',
  'Indikator',
  'Satuan',
  'Arah',
  'Target',
  'Sumber Dana',
  'Pagu',
  'Perubahan',
  'Jumlah',
  'Realisasi',
  'Realisasi Kinerja',
  'Target Renstra K',
  'Target Renstra Rp',
  'Realisasi Renstra s.d. Tahun Lalu K',
  'Realisasi Renstra s.d. Tahun Lalu Rp',
  'Nilai',
  'Sumber',
  'Keterangan',
  'Tanggal Berlaku',
  'Alasan',
  'Jenis Dasar Hukum',
  'Nomor Dasar Hukum',
  'Tanggal Dasar Hukum',
];

const quote = (cell: string) => (/[",\n\r;]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function templateCsv(table: TableName): string {
  const columns = templateColumns(table);
  return `${columns.map(quote).join(',')}\n${columns.map((c) => quote(TEMPLATE_EXAMPLES[table][c] ?? '')).join(',')}\n`;
}

/** A workbook with one sheet per table; cells are text, so "1.000.000.000,00" stays as written. */
export async function tablesWorkbook(tables: Array<{ sheet: string; rows: string[][] }>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Fixed document dates: regenerating the template changes no cell.
  workbook.created = workbook.modified = new Date(Date.UTC(2024, 0, 1));
  for (const { sheet, rows } of tables) {
    const worksheet = workbook.addWorksheet(sheet);
    rows.forEach((row) => worksheet.addRow(row));
    worksheet.getRow(1).font = { bold: true };
    worksheet.columns.forEach((column) => (column.width = 22));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function templateWorkbook(): Promise<Buffer> {
  return tablesWorkbook(
    TABLE_ORDER.map((table) => {
      const columns = templateColumns(table);
      return { sheet: TABLES[table].sheet, rows: [columns, columns.map((c) => TEMPLATE_EXAMPLES[table][c] ?? '')] };
    }),
  );
}

/** A workbook's content, sheet by sheet, as text: what "the same workbook" means (zip bytes carry timestamps). */
export async function workbookContent(buffer: Buffer): Promise<Array<{ sheet: string; rows: string[][] }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return { sheet: ws.name, rows };
  });
}
