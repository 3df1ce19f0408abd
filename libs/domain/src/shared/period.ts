import { lastDayOfMonth } from './dates';

const firstDayOfMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;
import { invalid, ruleBroken } from './errors';
import { msg } from './messages/message';

/** A realisation period: a month ("2022-11") or a quarter, triwulan ("2022-Q4"). */
export interface Period {
  key: string;
  year: number;
  granularity: 'month' | 'quarter';
  /** 1-12 for months, 1-4 for quarters */
  index: number;
  quarter: 1 | 2 | 3 | 4;
  /** Last day of the period, the default effective date of its realisation. */
  endDate: string;
  /** First day of the period. */
  startDate: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/**
 * Periods are parsed on every fold of a line's realisations (reports fold thousands of lines), and
 * there are only a few dozen distinct keys a year: parsed periods are cached (frozen, shared).
 */
const cache = new Map<string, Period>();

export function parsePeriod(value: unknown, field = 'period'): Period {
  const cached = typeof value === 'string' ? cache.get(value) : undefined;
  if (cached) return cached;
  const period = parseUncached(value, field);
  if (cache.size > 10_000) cache.clear();
  cache.set(period.key, Object.freeze(period));
  return period;
}

function parseUncached(value: unknown, field: string): Period {
  if (typeof value !== 'string') throw invalid(field, msg('PERIOD_REQUIRED'), 'PERIOD_REQUIRED');
  const month = MONTH.exec(value);
  if (month) {
    const year = Number(month[1]);
    const index = Number(month[2]);
    return {
      key: value,
      year,
      granularity: 'month',
      index,
      quarter: Math.ceil(index / 3) as Period['quarter'],
      startDate: firstDayOfMonth(year, index),
      endDate: lastDayOfMonth(year, index),
    };
  }
  const quarter = QUARTER.exec(value);
  if (quarter) {
    const year = Number(quarter[1]);
    const index = Number(quarter[2]);
    return {
      key: value,
      year,
      granularity: 'quarter',
      index,
      quarter: index as Period['quarter'],
      startDate: firstDayOfMonth(year, index * 3 - 2),
      endDate: lastDayOfMonth(year, index * 3),
    };
  }
  throw invalid(field, msg('PERIOD_FORMAT', { value }), 'PERIOD_FORMAT');
}

export function assertPeriodInYear(period: Period, year: number, field = 'period'): void {
  if (period.year !== year) {
    throw ruleBroken('PERIOD_OUTSIDE_FISCAL_YEAR', msg('PERIOD_OUTSIDE_FISCAL_YEAR', { field, period: period.key, year }), field);
  }
}
