/**
 * Display formats of the workbench. Amounts arrive from the API as decimal strings and are only ever
 * re-punctuated here, never parsed into a JS number: the server's figures are the truth.
 */
import type { Locale } from './i18n/i18n';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** "1653027794.5" → "1.653.027.794,50" (id) or "1,653,027,794.50" (en); anything else is shown as received. */
export function formatDecimal(value: string | null | undefined, locale: Locale = 'id', places = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  const [thousands, point] = locale === 'id' ? ['.', ','] : [',', '.'];
  const padded = places > 0 ? point + (fraction + '0'.repeat(places)).slice(0, Math.max(places, fraction.length)) : '';
  const isZero = /^0*$/.test(whole + fraction);
  return `${sign && !isZero ? '−' : ''}${group(whole.replace(/^0+(?=\d)/, ''), thousands)}${padded}`;
}

/** "1653027794.00" → "Rp 1.653.027.794,00"; a negative amount → "−Rp 1.000,00". */
export function formatRupiah(value: string | null | undefined, locale: Locale = 'id'): string {
  const text = formatDecimal(value, locale);
  if (text === '—' || !/^[−\d]/.test(text)) return text;
  return text.startsWith('−') ? `−Rp ${text.slice(1)}` : `Rp ${text}`;
}

/** "38.15" → "38,15 %". */
export function formatPercent(value: string | null | undefined, locale: Locale = 'id'): string {
  const text = formatDecimal(value, locale);
  return text === '—' ? text : `${text} %`;
}

const MONTHS: Record<Locale, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "2022-11-15" → "15 November 2022" (a calendar date: no time zone involved). */
export function formatDate(value: string | null | undefined, locale: Locale = 'id'): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  return `${Number(match[3])} ${MONTHS[locale][Number(match[2]) - 1]} ${match[1]}`;
}

/**
 * Asia/Jakarta has kept UTC+7 (WIB) since 1 January 1964 (the tz database); an instant from then on is
 * shifted by seven hours. Earlier instants ask Intl, created on first need: building a formatter with a
 * time zone loads the zone data and costs tens of milliseconds, which every page start would pay.
 */
const WIB_SINCE = Date.UTC(1963, 11, 31, 17); // 1964-01-01 00:00 WIB
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
let wibFormat: Intl.DateTimeFormat | undefined;
/** The time-zone data's WIB fields (en-GB, two digits, 24 h): what times before WIB_SINCE are read with. */
export const WIB_INTL_OPTIONS: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Jakarta',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

type WibParts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

/** The WIB calendar and clock fields of an instant, as Intl's en-GB two-digit parts. */
export function wibParts(date: Date): WibParts {
  if (date.getTime() >= WIB_SINCE) {
    const wib = new Date(date.getTime() + WIB_OFFSET_MS);
    const two = (n: number) => String(n).padStart(2, '0');
    return {
      year: String(wib.getUTCFullYear()),
      month: two(wib.getUTCMonth() + 1),
      day: two(wib.getUTCDate()),
      hour: two(wib.getUTCHours()),
      minute: two(wib.getUTCMinutes()),
      second: two(wib.getUTCSeconds()),
    };
  }
  wibFormat ??= new Intl.DateTimeFormat('en-GB', WIB_INTL_OPTIONS);
  const parts = wibFormat.formatToParts(date).filter((p) => p.type !== 'literal');
  return Object.fromEntries(parts.map((p) => [p.type, p.value])) as WibParts;
}

/** A recorded time (ISO, UTC) in Western Indonesian Time: "15 November 2022 14.03.22 WIB". */
export function formatRecordedTime(value: string | null | undefined, locale: Locale = 'id'): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = wibParts(date);
  const clock = locale === 'id' ? `${parts.hour}.${parts.minute}.${parts.second}` : `${parts.hour}:${parts.minute}:${parts.second}`;
  return `${formatDate(`${parts.year}-${parts.month}-${parts.day}`, locale)} ${clock} WIB`;
}

/** Today's calendar date in WIB, as YYYY-MM-DD (for date inputs' defaults and limits). */
export function todayInJakarta(): string {
  const parts = wibParts(new Date());
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Sign of a decimal string, for colouring (no arithmetic). */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  if (!value) return 0;
  const match = DECIMAL.exec(value.trim());
  if (!match || /^0*$/.test(match[2] + (match[3] ?? ''))) return 0;
  return match[1] ? -1 : 1;
}
