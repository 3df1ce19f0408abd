import { formatRupiah } from '@renja/domain';
import { formatDecimalId, type ImportPreview, type ImportPreviewRow, type ImportProblem, type ImportWarning } from '@renja/application';
// By file, not through the package index: the command line loads only what it prints with.
import { dateInWords, periodText } from '@renja/projections/reports/shared/indonesian-text';
import { phaseName } from '@renja/projections/reports/render/cells';
import { DIRECTION_WORDS, eventName } from '@renja/projections/reports/shared/ledger-words';

/**
 * `import --show`: every row as the ledger understood it, in Indonesian — table, row, line code, what it
 * records (phase, amounts in Rupiah, period, values) — with its warnings and problems beneath it.
 */
const RUPIAH = new Set(['Pagu', 'Perubahan', 'Jumlah', 'Realisasi']);
const DECIMAL = new Set(['Target', 'Realisasi Kinerja']);
const DATE = new Set(['Tanggal Berlaku', 'Tanggal Dasar Hukum']);
const PERIOD = new Set(['Periode', 'Periode Baru']);
/** Columns that place the row (shown first) rather than say what it records. */
const PLACE = new Set(['Tahun', 'Perangkat Daerah', 'Kode', 'Kode Perangkat Daerah']);

/** A value as the ledger understood it, in Indonesian notation. */
export function understoodText(row: ImportPreviewRow, column: string): string {
  const value = row.values[column];
  // Text the importer keeps as written (names, reasons), or a cell it could not read (its problem is listed beneath).
  if (value === undefined) return row.cells[column];
  if (RUPIAH.has(column)) return formatRupiah(value);
  if (DECIMAL.has(column)) return formatDecimalId(value);
  if (DATE.has(column)) return dateInWords(value);
  if (PERIOD.has(column)) return periodText(value);
  if (column === 'Tahapan' || column === 'Tahapan Baru') return phaseName(value) ?? value;
  if (column === 'Arah') return DIRECTION_WORDS[value] ?? value;
  if (column === 'Nilai') {
    const measure = (row.cells.Besaran ?? '').trim().toUpperCase();
    if (measure === 'SERAPAN') return `${formatDecimalId(value, 2)} %`;
    return measure === 'TARGET' ? formatDecimalId(value) : formatRupiah(value);
  }
  return value;
}

function outcomeText(row: ImportPreviewRow): string {
  if (row.outcome === 'invalid') return 'tidak dapat dicatat';
  if (row.outcome === 'unchanged') return 'sudah ada di buku besar (tidak berubah)';
  if (row.outcome === 'grouped') return `bagian dari realisasi baris ${row.groupedWith}`;
  return row.records
    .map((r) => {
      const what = r.type === 'event.corrected' && r.replacement === null ? 'Pembatalan peristiwa' : eventName(r.type);
      const target = r.corrects ? ` ${r.corrects}` : '';
      return `${what}${target}${r.code ? ` (${r.code})` : ''}`;
    })
    .join('; ');
}

/** The listing, one block per file and table, one line per row plus its warnings (!) and problems (×). */
export function previewListing(preview: ImportPreview, warnings: ImportWarning[], problems: ImportProblem[]): string[] {
  const out: string[] = ['', 'Setiap baris sebagaimana dibaca (--show):'];
  for (const table of preview.tables) {
    out.push('', `${table.file} — tabel ${table.table}`);
    for (const row of table.rows) {
      const place = ['Kode Perangkat Daerah', 'Perangkat Daerah', 'Kode']
        .filter((c) => row.cells[c] !== undefined)
        .map((c) => understoodText(row, c))
        .join(' ');
      const values = table.columns
        .filter((c) => !PLACE.has(c) && row.cells[c] !== undefined)
        .map((c) => `${c}: ${understoodText(row, c)}`)
        .join(' · ');
      out.push(`  baris ${row.row}  ${place}  → ${outcomeText(row)}`);
      if (values) out.push(`      ${values}`);
      for (const w of warnings.filter((x) => x.file === table.file && x.row === row.row)) out.push(`      ! ${w.message} (${w.rule})`);
      for (const p of problems.filter((x) => x.file === table.file && x.row === row.row)) out.push(`      × ${p.message} (${p.rule})`);
    }
  }
  if (preview.truncated) out.push('', 'Daftar ini hanya memuat 5.000 baris pertama.');
  return out;
}

/** Warnings as the problems are printed: file:row  column  "value"  RULE  message. */
export function warningLines(warnings: ImportWarning[]): string[] {
  return [
    '',
    'Peringatan — angka yang mungkin tetapi tidak wajar (berkas:baris  kolom  "nilai"  ATURAN  pesan):',
    ...warnings.map(
      (w) =>
        `  ${w.file ?? '(impor)'}${w.row !== null ? `:${w.row}` : ''}  ${w.column ?? '-'}  ${w.value !== null ? JSON.stringify(w.value) : '-'}  ${w.rule}  ${w.message}`,
    ),
  ];
}
