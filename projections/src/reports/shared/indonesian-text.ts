import { formatRupiah, Money, type AsOf } from '@renja/domain';
import { indonesianNumber, MISSING } from '../render/human-cells';

/**
 * Figures and times inside text a person reads (headings, tie-outs, explanations): Indonesian style, as the
 * office writes them. Cells of a table stay machine strings; the renderers format those (render/human-cells).
 */

/** Western Indonesia Time (Asia/Jakarta, Bangka Belitung included): UTC+7 all year, no daylight saving. */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

const MONTH_NAMES = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Recorded times come from PostgreSQL with microseconds ("2022-12-15T07:03:12.123456Z"), sometimes with an offset.
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant as WIB wall-clock time (read with the getUTC… methods), or null when the text is not an instant. */
function wibClock(iso: string): Date | null {
  const m = ISO_INSTANT.exec(iso.trim());
  if (!m) return null;
  const [, date, time, seconds = '00', zone = 'Z'] = m;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${date}T${time}:${seconds}${offset}`);
  return Number.isNaN(ms) ? null : new Date(ms + WIB_OFFSET_MS);
}

/**
 * "2022-12-15T07:03:12.123456Z" → "15-12-2022 14:03 WIB": the recorded time as an office reads it, to the minute.
 * The one style for a time on every paper, footer and command line; text that is not an instant comes back as given.
 */
export function wibDateTime(iso: string): string {
  const wib = wibClock(iso);
  if (!wib) return iso;
  return `${pad(wib.getUTCDate())}-${pad(wib.getUTCMonth() + 1)}-${wib.getUTCFullYear()} ${pad(wib.getUTCHours())}:${pad(wib.getUTCMinutes())} WIB`;
}

/** The calendar day of an instant in WIB: "2026-12-05T18:50:00Z" → "2026-12-06"; text that is not an instant comes back as given. */
export function wibDay(iso: string): string {
  const wib = wibClock(iso);
  return wib ? `${wib.getUTCFullYear()}-${pad(wib.getUTCMonth() + 1)}-${pad(wib.getUTCDate())}` : iso;
}

/** "2022-11-08" → "08-11-2022", as dates stand in the columns of Indonesian tables. */
export function dayMonthYear(isoDate: string | null): string | null {
  if (isoDate === null) return null;
  const m = ISO_DATE.exec(isoDate);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : isoDate;
}

/** "2022-11-08" → "8 November 2022", as a date is written in a sentence or a legal basis. */
export function dateInWords(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return isoDate;
  return `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
}

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

/** A realisation period in words: "2022-Q4" → "TW IV 2022", "2022-11" → "November 2022". */
export function periodText(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `TW ${ROMAN_QUARTERS[Number(quarter[2]) - 1]} ${quarter[1]}`;
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  return month ? `${MONTH_NAMES[Number(month[2]) - 1]} ${month[1]}` : period;
}

/** "7394109271.00" → "Rp 7.394.109.271,00"; missing → "—" (never a zero that is not there). */
export const rupiahText = (value: string | null | undefined): string => (value == null || value === '' ? MISSING : formatRupiah(value));

/** "74.06" → "74,06 %" (two places); missing → "—". */
export const percentText = (value: string | null | undefined): string =>
  value == null || value === '' ? MISSING : `${indonesianNumber(new Money(value).abs().isZero() ? '0.00' : new Money(value).toFixed(2))} %`;

/** A plain value (target, output, a percentage stated as a number): "1250.5" → "1.250,5". */
export const valueText = (value: string | null | undefined): string => (value == null || value === '' ? MISSING : indonesianNumber(value));

/** "PMK 170/PMK.07/2022 tanggal 8 November 2022": the legal basis as an inspector cites it. */
export const legalBasisLine = (b: { kind: string; number: string; date: string } | null): string | null =>
  b ? `${b.kind} ${b.number} tanggal ${dateInWords(b.date)}` : null;

/** "OK" / "TIDAK SESUAI": a tie-out's status for people (the JSON keeps OK / MISMATCH). */
export const checkStatus = (status: string): string => (status === 'OK' ? 'sesuai' : status === 'MISMATCH' ? 'TIDAK SESUAI' : status);

/**
 * The report's point of view: "Sudut pandang: berlaku s.d. 30-09-2022; tercatat s.d. 15-12-2022 14:03 WIB". A
 * knownAt given as a day is the end of that day in UTC (the API's rule), shown in WIB as the following morning.
 */
export function pointOfView(asOf: AsOf): string {
  const valid = asOf.validAt ? `berlaku s.d. ${dayMonthYear(asOf.validAt)}` : 'berlaku s.d. hari ini';
  const known = asOf.knownAt ? `sebagaimana tercatat s.d. ${wibDateTime(asOf.knownAt)}` : 'semua yang tercatat';
  return `Sudut pandang: ${valid}; ${known}`;
}

/** The heading lines every paper of an office-year carries: office, year, point of view. */
export const officeYearHeading = (report: { year: number; office: { code: string; name: string }; asOf?: AsOf }): string[] => [
  `Perangkat Daerah: ${report.office.code} — ${report.office.name}`,
  `Tahun Anggaran: ${report.year}`,
  ...(report.asOf ? [pointOfView(report.asOf)] : []),
];
