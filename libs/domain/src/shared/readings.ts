import { INDICATOR_DIRECTIONS, type IndicatorDirection } from '../plan-line/events';
import { phaseFromAlias, PHASES, type Phase } from '../plan-line/phases';
import { DomainError, invalid } from './errors';
import { msg, type Message } from './messages/message';

/**
 * One set of readers for what people type: phases, periods, amounts, dates, years and directions. The
 * import and the browser's forms read human spellings with them (1.653.027.794,00, 15/06/2022, TW III,
 * APBD-P); the API keeps its canonical forms and accepts only the unambiguous aliases (phaseFromAlias,
 * periodFromAlias). Each reader returns the machine form or throws a ReadingError saying what is wrong;
 * the caller adds where (file, row, column or field).
 */
export class ReadingError extends DomainError {
  constructor(rule: string, message: string | Message) {
    super('invalid', rule, message);
    this.name = 'ReadingError';
  }
}

/** What was typed: its text, and for a numeric spreadsheet cell the exact machine number. */
export interface TypedValue {
  text: string;
  /** Set for numeric XLSX cells: a plain decimal ("1653027794.5"); no Indonesian separators to interpret. */
  number?: string;
}

const MAX_INTEGER_DIGITS = 16;
const GROUPED = (sep: string) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);

function splitDecimal(body: string, raw: string): { int: string; frac: string } {
  const hasDot = body.includes('.');
  const hasComma = body.includes(',');
  if (!hasDot && !hasComma) return { int: body, frac: '' };
  if (hasDot && hasComma) {
    const decimalSep = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const thousandsSep = decimalSep === '.' ? ',' : '.';
    const at = body.lastIndexOf(decimalSep);
    const [int, frac] = [body.slice(0, at), body.slice(at + 1)];
    if (int.includes(decimalSep) || !GROUPED(thousandsSep).test(int) || !/^\d+$/.test(frac)) {
      throw new ReadingError('NUMBER_AMBIGUOUS', msg('NUMBER_AMBIGUOUS.mixed', { raw }));
    }
    return { int: int.split(thousandsSep).join(''), frac };
  }
  const sep = hasDot ? '.' : ',';
  const parts = body.split(sep);
  // "0.065": no thousands group starts with 0, so a lone separator after a zero is the decimal one.
  const afterZero = parts.length === 2 && parts[0] === '0';
  if (parts.length > 2 || (parts.length === 2 && parts[1].length === 3 && !afterZero)) {
    // A separator followed by groups of exactly three digits is a thousands separator.
    if (!GROUPED(sep).test(body) || /^0\d*[.,]/.test(body)) {
      throw new ReadingError('NUMBER_AMBIGUOUS', msg('NUMBER_AMBIGUOUS', { raw, sep }));
    }
    return { int: parts.join(''), frac: '' };
  }
  const [int, frac] = parts;
  if (int === '' || frac === '') throw new ReadingError('NUMBER_FORMAT', msg('NUMBER_FORMAT', { raw }));
  return { int, frac };
}

export interface NumberReadingOptions {
  /** Decimal places allowed (2 for Rupiah, the default; 6 for indicator values). */
  maxDecimals?: number;
  signed?: boolean;
  /** A trailing "%" is allowed. */
  percent?: boolean;
}

/**
 * Reads 1653027794, 1653027794.00, 1.653.027.794, 1.653.027.794,00, Rp 1.653.027.794,00, Rp1.653.027.794,
 * Rp 1.000.000,- and 1,653,027,794 as a plain decimal string ("1653027794.00"; sign kept). A lone
 * separator before exactly three digits groups thousands ("25.000" is 25000); anything that could be
 * read two ways ("1.65.3", "1,653.027,794") is refused, never guessed.
 */
export function readIndonesianNumber(value: TypedValue, options: NumberReadingOptions = {}): string {
  const maxDecimals = options.maxDecimals ?? 2;
  const raw = value.text.trim();
  let sign: string;
  let int: string;
  let frac: string;
  if (value.number !== undefined) {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.number);
    if (!m) throw new ReadingError('NUMBER_FORMAT', msg('NUMBER_FORMAT', { raw }));
    [sign, int, frac] = [m[1], m[2], m[3] ?? ''];
  } else {
    let body = raw.replace(/\s+/g, ' ');
    if (options.percent) body = body.replace(/\s?%$/, '');
    body = body.replace(/[.,]-$/, ''); // "Rp 1.000.000,-": no cents
    const m = /^([-−]?)\s?(?:rp\.?\s?)?([-−]?)\s?(.*)$/i.exec(body);
    if (!m || (m[1] && m[2])) throw new ReadingError('NUMBER_FORMAT', msg('NUMBER_FORMAT', { raw }));
    sign = m[1] || m[2] ? '-' : '';
    body = m[3];
    if (body === '') throw new ReadingError('NUMBER_FORMAT', msg('NUMBER_FORMAT', { raw }));
    if (!/^[\d.,]+$/.test(body)) throw new ReadingError('NUMBER_FORMAT', msg('NUMBER_FORMAT.characters', { raw }));
    ({ int, frac } = splitDecimal(body, raw));
  }
  if (frac.length > maxDecimals) {
    throw new ReadingError('TOO_MANY_DECIMALS', msg('TOO_MANY_DECIMALS', { raw, count: frac.length, max: maxDecimals }));
  }
  const digits = int.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_INTEGER_DIGITS)
    throw new ReadingError('NUMBER_TOO_LARGE', msg('NUMBER_TOO_LARGE', { raw, max: MAX_INTEGER_DIGITS }));
  if (sign && !options.signed) throw new ReadingError('NUMBER_NEGATIVE', msg('NUMBER_NEGATIVE', { raw }));
  const isZero = /^0+$/.test(digits) && /^0*$/.test(frac);
  return `${sign && !isZero ? '-' : ''}${digits}${frac ? `.${frac}` : ''}`;
}

const MONTHS: Record<string, number> = {
  januari: 1,
  februari: 2,
  pebruari: 2,
  maret: 3,
  april: 4,
  mei: 5,
  juni: 6,
  juli: 7,
  agustus: 8,
  september: 9,
  oktober: 10,
  november: 11,
  nopember: 11,
  desember: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function calendarDate(y: number, m: number, d: number, raw: string): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new ReadingError('DATE_FORMAT', msg('DATE_FORMAT.calendar', { value: raw }));
  }
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** 2022-11-08, 08/11/2022 (day/month/year, as Indonesia writes it) or 8 November 2022 → 2022-11-08. */
export function readIndonesianDate(text: string): string {
  const raw = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (m) return calendarDate(Number(m[3]), Number(m[2]), Number(m[1]), raw);
  m = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/i.exec(raw);
  if (m && MONTHS[m[2].toLowerCase()]) return calendarDate(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1]), raw);
  throw new ReadingError('DATE_FORMAT', msg('DATE_FORMAT.human', { value: raw }));
}

/** Tahapan as typed: a phase (phaseFromAlias) or a ReadingError listing the spellings. */
export function readPhase(text: string): Phase {
  const phase = phaseFromAlias(text);
  if (!phase) throw new ReadingError('PHASE_UNKNOWN', msg('PHASE_UNKNOWN.human', { value: text.trim() }));
  return phase;
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
const QUARTER_ALIAS = /^(?:tw|triwulan)[\s-]*(I{1,3}|IV|[1-4])$/i;

/**
 * A period's canonical key ("2022-Q3", "2022-11") from an alias that names it unambiguously within the
 * line's fiscal year: TW III, TW3, Triwulan 3, a month name (November), or 2022-q3. Anything else is
 * returned as it is, for the period parser to accept or refuse.
 */
export function periodFromAlias(value: unknown, year: number): unknown {
  if (typeof value !== 'string') return value;
  const raw = value.trim();
  let m = /^(\d{4})-q([1-4])$/i.exec(raw);
  if (m) return `${m[1]}-Q${m[2]}`;
  m = QUARTER_ALIAS.exec(raw);
  if (m) return `${year}-Q${ROMAN[m[1].toUpperCase()] ?? Number(m[1])}`;
  const month = MONTHS[raw.toLowerCase()];
  if (month) return `${year}-${pad(month)}`;
  return value;
}

/** Periode as typed (2022-11, 2022-Q4, or with the year given: TW IV, Triwulan 4, November) → "2022-Q4". */
export function readPeriod(text: string, year: number): string {
  const key = periodFromAlias(text, year);
  if (typeof key === 'string' && /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(key)) return key;
  throw new ReadingError('PERIOD_FORMAT', msg('PERIOD_FORMAT.human', { value: text.trim() }));
}

/** Tahun: a fiscal year 2000-2100. */
export function readFiscalYear(value: TypedValue): number {
  const raw = value.number ?? value.text.trim();
  if (!/^\d{4}$/.test(raw) || Number(raw) < 2000 || Number(raw) > 2100)
    throw new ReadingError('YEAR_FORMAT', msg('YEAR_FORMAT.human', { value: value.text.trim() }));
  return Number(raw);
}

/** Arah: naik (higher is better, the default) or turun (lower is better). */
export function readDirection(text: string): 'higher_is_better' | 'lower_is_better' {
  const raw = text.trim().toLowerCase();
  if (raw === '' || raw === 'naik') return 'higher_is_better';
  if (raw === 'turun') return 'lower_is_better';
  throw new ReadingError('DIRECTION_UNKNOWN', msg('DIRECTION_UNKNOWN.human', { value: text.trim() }));
}

/** Whether a value names a period the API takes, canonical ("2022-Q4") or an alias (TW IV, TW4, Triwulan 4, November). */
export function isPeriodSpelling(value: unknown): boolean {
  const key = periodFromAlias(value, 2000);
  return typeof key === 'string' && /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(key);
}

/**
 * How an input is read. 'strict': the API's canonical machine forms (and only the unambiguous aliases
 * above); 'lenient': also the spellings people type (the import, the browser's forms). One parser per
 * value, with this flag: never a second implementation.
 */
export type ParseMode = 'strict' | 'lenient';

/** A pagu phase: strict takes the code or an alias (phaseFromAlias); lenient reads Tahapan as typed (readPhase). */
export function parsePhase(value: unknown, mode: ParseMode, field = 'phase'): Phase {
  if (mode === 'lenient' && typeof value === 'string') return readPhase(value);
  const phase = phaseFromAlias(value);
  if (!phase) throw invalid(field, msg('PHASE_UNKNOWN', { phases: PHASES.join(', ') }), 'PHASE_UNKNOWN');
  return phase;
}

/** An indicator's direction: strict takes the codes (higher_is_better, lower_is_better); lenient also reads Arah (naik, turun). */
export function parseDirection(value: unknown, mode: ParseMode, field = 'direction'): IndicatorDirection {
  if (typeof value === 'string' && (INDICATOR_DIRECTIONS as readonly string[]).includes(value)) return value as IndicatorDirection;
  if (mode === 'lenient' && typeof value === 'string') return readDirection(value);
  throw invalid(field, msg('DIRECTION_UNKNOWN', { directions: INDICATOR_DIRECTIONS.join(', ') }), 'DIRECTION_UNKNOWN');
}
