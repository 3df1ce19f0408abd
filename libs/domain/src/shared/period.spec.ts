import { assertPeriodInYear, parsePeriod } from './period';
import { errorOf } from '../testing/error-of';

describe('parsePeriod', () => {
  it.each([
    ['2022-01', 1, 1, '2022-01-31'],
    ['2022-03', 3, 1, '2022-03-31'],
    ['2022-04', 4, 2, '2022-04-30'],
    ['2024-02', 2, 1, '2024-02-29'],
    ['2023-02', 2, 1, '2023-02-28'],
    ['2022-11', 11, 4, '2022-11-30'],
    ['2022-12', 12, 4, '2022-12-31'],
  ])('reads the month %s', (key, index, quarter, endDate) => {
    expect(parsePeriod(key)).toEqual({
      key,
      year: Number(key.slice(0, 4)),
      granularity: 'month',
      index,
      quarter,
      startDate: `${key}-01`,
      endDate,
    });
  });

  it.each([
    ['2022-Q1', 1, '2022-03-31'],
    ['2022-Q2', 2, '2022-06-30'],
    ['2022-Q3', 3, '2022-09-30'],
    ['2022-Q4', 4, '2022-12-31'],
  ])('reads the quarter (triwulan) %s', (key, index, endDate) => {
    expect(parsePeriod(key)).toEqual({
      key,
      year: 2022,
      granularity: 'quarter',
      index,
      quarter: index,
      startDate: `2022-${String(index * 3 - 2).padStart(2, '0')}-01`,
      endDate,
    });
  });

  it.each(['2022-13', '2022-00', '2022-1', '2022-Q0', '2022-Q5', '2022-q4', 'Q4-2022', '2022-11-30', '2022'])('refuses %s', (value) => {
    const error = errorOf(() => parsePeriod(value));
    expect([error.kind, error.rule, error.field]).toEqual(['invalid', 'PERIOD_FORMAT', 'period']);
  });

  it('requires a string', () => {
    expect(errorOf(() => parsePeriod(202211)).rule).toBe('PERIOD_REQUIRED');
  });

  it('refuses a period of another fiscal year', () => {
    expect(() => assertPeriodInYear(parsePeriod('2022-Q4'), 2022)).not.toThrow();
    const error = errorOf(() => assertPeriodInYear(parsePeriod('2023-01'), 2022));
    expect([error.kind, error.rule]).toEqual(['rule', 'PERIOD_OUTSIDE_FISCAL_YEAR']);
  });
});
