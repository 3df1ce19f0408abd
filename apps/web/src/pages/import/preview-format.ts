import { formatDate, formatDecimal, formatPercent, formatRupiah } from '../../format';
import type { Locale, MessageKey, Translate } from '../../i18n/i18n';
import type { ImportProblem, PreviewRow } from './import-types';

const RUPIAH = new Set(['Pagu', 'Perubahan', 'Jumlah', 'Realisasi']);
const DECIMALS = new Set(['Target', 'Realisasi Kinerja']);
const DATES = new Set(['Tanggal Berlaku', 'Tanggal Dasar Hukum']);
const ROMAN = ['I', 'II', 'III', 'IV'];

/** "2022-Q4" → "TW IV 2022", "2022-11" → "November 2022". */
export function formatPeriod(period: string, locale: Locale): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${locale === 'id' ? 'TW' : 'Q'} ${ROMAN[Number(quarter[2]) - 1]} ${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  return month ? formatDate(`${period}-01`, locale).replace(/^1 /, '') : period;
}

/**
 * A cell as the importer understood it, in the workbench's display form (Rp 1.653.027.794,00,
 * 15 November 2022, APBD-P, TW IV 2022); a cell it could not read is shown as it was written.
 */
export function displayCell(row: PreviewRow, column: string, t: Translate, locale: Locale): string {
  const text = row.cells[column];
  if (text === undefined) return '';
  const value = row.values[column];
  if (value === undefined) return text;
  if (RUPIAH.has(column)) return formatRupiah(value, locale);
  if (DECIMALS.has(column)) return formatDecimal(value, locale, 0);
  if (DATES.has(column)) return formatDate(value, locale);
  if (column === 'Tahapan') return t(`phase.${value}` as MessageKey);
  if (column === 'Periode') return formatPeriod(value, locale);
  if (column === 'Arah') return t(value === 'lower_is_better' ? 'import.direction.down' : 'import.direction.up');
  if (column === 'Nilai') {
    const measure = (row.cells.Besaran ?? '').trim().toUpperCase();
    if (measure === 'SERAPAN') return formatPercent(value, locale);
    return measure === 'TARGET' ? formatDecimal(value, locale, 0) : formatRupiah(value, locale);
  }
  return value;
}

/** Amount-like columns are right-aligned with tabular figures. */
export const isNumeric = (column: string) => RUPIAH.has(column) || DECIMALS.has(column) || column === 'Nilai';

/** Rules said in Indonesian (with the column and value); any other rule keeps the server's own message. */
const KNOWN_RULES = [
  'VALUE_REQUIRED',
  'NUMBER_FORMAT',
  'NUMBER_AMBIGUOUS',
  'TOO_MANY_DECIMALS',
  'NUMBER_TOO_LARGE',
  'NUMBER_NEGATIVE',
  'PAGU_NEGATIVE',
  'DATE_FORMAT',
  'YEAR_FORMAT',
  'PHASE_UNKNOWN',
  'PERIOD_FORMAT',
  'CODE_FORMAT',
  'OFFICE_CODE_FORMAT',
  'DUPLICATE_ROW',
  'DUPLICATE_FILE',
  'FILE_EMPTY',
  'FILE_TYPE',
  'COLUMN_UNKNOWN',
  'COLUMN_MISSING',
  'LINE_NOT_REGISTERED',
  'OFFICE_NOT_REGISTERED',
  'PARENT_NOT_REGISTERED',
  'LEGAL_BASIS_REQUIRED',
  'REASON_REQUIRED',
  'REALISATION_EXCEEDS_PAGU',
  'REALISATION_ALREADY_RECORDED',
  'FORBIDDEN',
] as const;

export function problemMessage(problem: ImportProblem, t: Translate): string {
  if (!(KNOWN_RULES as readonly string[]).includes(problem.rule)) return problem.message;
  return t(`import.rule.${problem.rule}` as MessageKey, { column: problem.column ?? '', value: problem.value ?? '' });
}

/** What a previewed row would do, in words: the events it records, or why it records none. */
export function outcomeText(row: PreviewRow, t: Translate): string {
  if (row.outcome === 'invalid') return t('import.outcome.invalid');
  if (row.outcome === 'unchanged') return t('import.outcome.unchanged');
  if (row.outcome === 'grouped') return t('import.outcome.grouped', { row: row.groupedWith ?? '' });
  return row.records
    .map((r) => {
      // A koreksi row names the event it corrects (its id's first block, enough to find it in the log).
      const corrected = r.type === 'event.corrected' && r.corrects ? { id: r.corrects.slice(0, 8) } : undefined;
      const type = r.type === 'event.corrected' && r.replacement === null ? 'event.reversed' : r.type;
      const kind = t(`import.event.${type}` as MessageKey, corrected);
      return r.code ? `${kind} (${r.code})` : kind;
    })
    .join('; ');
}
