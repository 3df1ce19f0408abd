import { assertFiscalYear, assertInFiscalYear, lastDayOfMonth, parseIsoDate } from './dates';
import { errorOf } from '../testing/error-of';

describe('parseIsoDate', () => {
  it.each(['2022-11-22', '2024-02-29', '2022-12-31', '2022-01-01'])('accepts %s', (value) => {
    expect(parseIsoDate(value, 'date')).toBe(value);
  });

  it.each(['2022-02-29', '2022-02-30', '2022-04-31', '2022-13-01', '2022-00-10', '2022-01-00', '2022-01-32'])(
    'refuses the impossible date %s',
    (value) => {
      const error = errorOf(() => parseIsoDate(value, 'effectiveDate'));
      expect([error.kind, error.rule, error.field]).toEqual(['invalid', 'DATE_FORMAT', 'effectiveDate']);
    },
  );

  it.each(['22-11-2022', '2022/11/22', '2022-11-22T00:00:00Z', '2022-1-5', '', ' 2022-11-22'])('refuses the format %s', (value) => {
    expect(errorOf(() => parseIsoDate(value, 'date')).rule).toBe('DATE_FORMAT');
  });

  it('requires a string', () => {
    expect(errorOf(() => parseIsoDate(undefined, 'date')).rule).toBe('DATE_REQUIRED');
    expect(errorOf(() => parseIsoDate(20221122, 'date')).rule).toBe('DATE_REQUIRED');
  });
});

describe('lastDayOfMonth', () => {
  it.each([
    [2024, 2, '2024-02-29'],
    [2022, 2, '2022-02-28'],
    [1900, 2, '1900-02-28'],
    [2000, 2, '2000-02-29'],
    [2022, 4, '2022-04-30'],
    [2022, 12, '2022-12-31'],
    [2022, 1, '2022-01-31'],
  ])('%i-%i ends on %s', (year, month, expected) => {
    expect(lastDayOfMonth(year, month)).toBe(expected);
  });
});

describe('fiscal year', () => {
  it('accepts years 2000-2100 and refuses others', () => {
    expect(assertFiscalYear(2022)).toBe(2022);
    expect(errorOf(() => assertFiscalYear(1999)).rule).toBe('YEAR_FORMAT');
    expect(errorOf(() => assertFiscalYear(2022.5)).rule).toBe('YEAR_FORMAT');
    expect(errorOf(() => assertFiscalYear('2022')).rule).toBe('YEAR_FORMAT');
  });

  it('refuses an effective date outside the fiscal year as a broken rule', () => {
    expect(() => assertInFiscalYear('2022-12-31', 2022)).not.toThrow();
    const error = errorOf(() => assertInFiscalYear('2023-01-01', 2022));
    expect([error.kind, error.rule, error.field]).toEqual(['rule', 'EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', 'effectiveDate']);
  });
});
