import { invalid, ruleBroken } from './errors';
import { msg } from './messages/message';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates an ISO calendar date (YYYY-MM-DD), rejecting impossible days such as 2022-02-30. */
export function parseIsoDate(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, msg('DATE_REQUIRED'), 'DATE_REQUIRED');
  const m = ISO_DATE.exec(value);
  if (!m) throw invalid(field, msg('DATE_FORMAT', { value }), 'DATE_FORMAT');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw invalid(field, msg('DATE_FORMAT.calendar', { value }), 'DATE_FORMAT');
  }
  return value;
}

export function assertFiscalYear(year: unknown, field = 'year'): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw invalid(field, msg('YEAR_FORMAT'), 'YEAR_FORMAT');
  }
  return year;
}

/** Effective (valid) dates of everything recorded for a fiscal year must fall inside that year. */
export function assertInFiscalYear(date: string, year: number, field = 'effectiveDate'): void {
  if (!date.startsWith(`${year}-`)) {
    throw ruleBroken('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', msg('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', { field, date, year }), field);
  }
}

export const lastDayOfMonth = (year: number, month: number): string => {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
