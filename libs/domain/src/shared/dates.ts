import { invalid, ruleBroken } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates an ISO calendar date (YYYY-MM-DD), rejecting impossible days such as 2022-02-30. */
export function parseIsoDate(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, 'is required as a date YYYY-MM-DD', 'DATE_REQUIRED');
  const m = ISO_DATE.exec(value);
  if (!m) throw invalid(field, `"${value}" is not a date in the form YYYY-MM-DD`, 'DATE_FORMAT');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw invalid(field, `"${value}" is not a calendar date`, 'DATE_FORMAT');
  }
  return value;
}

export function assertFiscalYear(year: unknown, field = 'year'): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw invalid(field, 'must be a fiscal year between 2000 and 2100', 'YEAR_FORMAT');
  }
  return year;
}

/** Effective (valid) dates of everything recorded for a fiscal year must fall inside that year. */
export function assertInFiscalYear(date: string, year: number, field = 'effectiveDate'): void {
  if (!date.startsWith(`${year}-`)) {
    throw ruleBroken(
      'EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR',
      `${field} ${date} lies outside fiscal year ${year} (${year}-01-01 … ${year}-12-31)`,
      field,
    );
  }
}

export const lastDayOfMonth = (year: number, month: number): string => {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
