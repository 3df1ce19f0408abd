import { isPhase, type Phase } from '@renja/domain';

/**
 * The Indonesian cell formats of the import (docs/import-format.md). Each parser returns the machine
 * form the API takes, or throws a CellError saying what is wrong; the caller adds file, row and column.
 */
export class CellError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'CellError';
  }
}

/** A cell as read: its text, and for a numeric spreadsheet cell the exact machine number. */
export interface Cell {
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
      throw new CellError(
        'NUMBER_AMBIGUOUS',
        `"${raw}" mixes separators in a way that is not a number: write 1.653.027.794,00 or 1,653,027,794.00`,
      );
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
      throw new CellError(
        'NUMBER_AMBIGUOUS',
        `"${raw}" is ambiguous: "${sep}" must separate thousands in groups of three digits (1${sep}653${sep}027${sep}794)`,
      );
    }
    return { int: parts.join(''), frac: '' };
  }
  const [int, frac] = parts;
  if (int === '' || frac === '') throw new CellError('NUMBER_FORMAT', `"${raw}" is not a number`);
  return { int, frac };
}

/**
 * Reads 1653027794, 1653027794.00, 1.653.027.794, 1.653.027.794,00, Rp 1.653.027.794,00, Rp1.653.027.794
 * and 1,653,027,794. Returns a plain decimal string ("1653027794.00" → "1653027794.00"; sign kept).
 */
export function parseIndonesianNumber(cell: Cell, options: { maxDecimals?: number; signed?: boolean; percent?: boolean } = {}): string {
  const maxDecimals = options.maxDecimals ?? 2;
  const raw = cell.text.trim();
  let sign: string;
  let int: string;
  let frac: string;
  if (cell.number !== undefined) {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(cell.number);
    if (!m) throw new CellError('NUMBER_FORMAT', `"${raw}" is not a number`);
    [sign, int, frac] = [m[1], m[2], m[3] ?? ''];
  } else {
    let body = raw.replace(/\s+/g, ' ');
    if (options.percent) body = body.replace(/\s?%$/, '');
    body = body.replace(/[.,]-$/, ''); // "Rp 1.000.000,-": no cents
    const m = /^([-−]?)\s?(?:rp\.?\s?)?([-−]?)\s?(.*)$/i.exec(body);
    if (!m || (m[1] && m[2])) throw new CellError('NUMBER_FORMAT', `"${raw}" is not a number`);
    sign = m[1] || m[2] ? '-' : '';
    body = m[3];
    if (body === '') throw new CellError('NUMBER_FORMAT', `"${raw}" is not a number`);
    if (!/^[\d.,]+$/.test(body))
      throw new CellError('NUMBER_FORMAT', `"${raw}" is not a number: only digits, "." and "," (and a leading "Rp") are allowed`);
    ({ int, frac } = splitDecimal(body, raw));
  }
  if (frac.length > maxDecimals) {
    throw new CellError('TOO_MANY_DECIMALS', `"${raw}" has ${frac.length} decimal places; at most ${maxDecimals} are allowed`);
  }
  const digits = int.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_INTEGER_DIGITS)
    throw new CellError('NUMBER_TOO_LARGE', `"${raw}" has more than ${MAX_INTEGER_DIGITS} digits before the decimals`);
  if (sign && !options.signed) throw new CellError('NUMBER_NEGATIVE', `"${raw}" is negative; a negative value is not allowed here`);
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
    throw new CellError('DATE_FORMAT', `"${raw}" is not a calendar date`);
  }
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** 2022-11-08, 08/11/2022 (day/month/year) or 8 November 2022 → 2022-11-08. */
export function parseImportDate(cell: Cell): string {
  const raw = cell.text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (m) return calendarDate(Number(m[3]), Number(m[2]), Number(m[1]), raw);
  m = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/i.exec(raw);
  if (m && MONTHS[m[2].toLowerCase()]) return calendarDate(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1]), raw);
  throw new CellError('DATE_FORMAT', `"${raw}" is not a date: use 2022-11-08, 08/11/2022 or 8 November 2022`);
}

const PHASE_ALIASES: Record<string, Phase> = {
  PAGU_INDIKATIF: 'RENJA',
  APBD_INDUK: 'APBD',
  APBD_MURNI: 'APBD',
  APBD_PERUBAHAN: 'APBD_P',
};

/** Tahapan: RKPD, Renja / Pagu Indikatif, KUA-PPAS, APBD (Induk, Murni), Pergeseran, APBD-P (Perubahan), Prakiraan Maju. */
export function parseImportPhase(cell: Cell): Phase {
  const key = cell.text
    .trim()
    .toUpperCase()
    .replace(/[\s\-_]+/g, '_');
  const phase = PHASE_ALIASES[key] ?? key;
  if (!isPhase(phase)) {
    throw new CellError(
      'PHASE_UNKNOWN',
      `"${cell.text.trim()}" is not a phase: RKPD, RENJA (Pagu Indikatif), KUA_PPAS, APBD (Induk/Murni), PERGESERAN, APBD_P (Perubahan) or PRAKIRAAN_MAJU`,
    );
  }
  return phase;
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };

/** Periode: 2022-11, 2022-Q4, or with the year from Tahun: TW IV, Triwulan 4, November. */
export function parseImportPeriod(cell: Cell, year: number): string {
  const raw = cell.text.trim();
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(raw);
  if (m) return raw;
  m = /^(\d{4})-q([1-4])$/i.exec(raw);
  if (m) return `${m[1]}-Q${m[2]}`;
  m = /^(?:tw|triwulan)\s*(I{1,3}|IV|[1-4])$/i.exec(raw);
  if (m) return `${year}-Q${ROMAN[m[1].toUpperCase()] ?? Number(m[1])}`;
  const month = MONTHS[raw.toLowerCase()];
  if (month) return `${year}-${pad(month)}`;
  throw new CellError('PERIOD_FORMAT', `"${raw}" is not a period: use 2022-11, 2022-Q4, TW IV, Triwulan IV or a month name`);
}

/** Tahun: a fiscal year 2000-2100. */
export function parseImportYear(cell: Cell): number {
  const raw = cell.number ?? cell.text.trim();
  if (!/^\d{4}$/.test(raw) || Number(raw) < 2000 || Number(raw) > 2100)
    throw new CellError('YEAR_FORMAT', `"${cell.text.trim()}" is not a fiscal year (2000-2100)`);
  return Number(raw);
}

/** Arah: naik (higher is better, the default) or turun (lower is better). */
export function parseDirection(cell: Cell): 'higher_is_better' | 'lower_is_better' {
  const raw = cell.text.trim().toLowerCase();
  if (raw === '' || raw === 'naik') return 'higher_is_better';
  if (raw === 'turun') return 'lower_is_better';
  throw new CellError('DIRECTION_UNKNOWN', `"${cell.text.trim()}" is not a direction: naik (higher is better) or turun (lower is better)`);
}
