import { errorOf } from '../testing/error-of';
import { seededRandom } from '../testing/seeded-random';
import { invalid, type DomainError } from './errors';
import { Money } from './money';
import { parseDate } from './parse-date';
import { parseMoney } from './parse-money';
import { parsePeriodOf } from './parse-period';
import { readIndonesianNumber, type ReadingError } from './readings';

describe('parseMoney: one reader, two modes', () => {
  it('strict takes only the canonical decimal string', () => {
    expect(parseMoney('1653027794.00', 'strict').toFixed(2)).toBe('1653027794.00');
    expect(parseMoney('-5.50', 'strict', 'delta', { signed: true }).toFixed(2)).toBe('-5.50');
    for (const [value, rule] of [
      ['1.653.027.794,00', 'AMOUNT_FORMAT'],
      ['Rp 25.000', 'AMOUNT_FORMAT'],
      [25000, 'AMOUNT_NOT_STRING'],
      [undefined, 'AMOUNT_REQUIRED'],
    ] as const) {
      const error = errorOf(() => parseMoney(value, 'strict', 'amount'));
      expect([error.rule, error.field]).toEqual([rule, 'amount']);
    }
  });

  it('lenient reads the Indonesian spellings (readIndonesianNumber) and names the field of a refusal', () => {
    expect(parseMoney('1.653.027.794,00', 'lenient').toFixed(2)).toBe('1653027794.00');
    expect(parseMoney('Rp 25.000', 'lenient').toFixed(2)).toBe('25000.00');
    expect(parseMoney({ text: '1,653,027,794.5', number: '1653027794.5' }, 'lenient').toFixed(2)).toBe('1653027794.50');
    expect(parseMoney('-1.000', 'lenient', 'delta', { signed: true }).toFixed(2)).toBe('-1000.00');
    const ambiguous = errorOf(() => parseMoney('1.65.3', 'lenient', 'delta'));
    expect([ambiguous.rule, ambiguous.kind, ambiguous.field]).toEqual(['NUMBER_AMBIGUOUS', 'invalid', 'delta']);
    expect(errorOf(() => parseMoney('-1.000', 'lenient')).rule).toBe('NUMBER_NEGATIVE');
    expect(errorOf(() => parseMoney(25000, 'lenient')).rule).toBe('AMOUNT_NOT_STRING');
  });
});

describe('parseDate', () => {
  it('strict takes YYYY-MM-DD and refuses impossible days', () => {
    expect(parseDate('2022-11-08', 'strict')).toBe('2022-11-08');
    expect(errorOf(() => parseDate('08/11/2022', 'strict')).rule).toBe('DATE_FORMAT');
    expect(errorOf(() => parseDate('2022-02-30', 'strict')).rule).toBe('DATE_FORMAT');
  });

  it('lenient also reads day/month/year and Indonesian month names', () => {
    expect(parseDate('08/11/2022', 'lenient')).toBe('2022-11-08');
    expect(parseDate('8 November 2022', 'lenient')).toBe('2022-11-08');
    const error = errorOf(() => parseDate('30/02/2022', 'lenient', 'legalBasis.date'));
    expect([error.rule, error.field]).toEqual(['DATE_FORMAT', 'legalBasis.date']);
  });
});

describe('parsePeriodOf', () => {
  it('strict takes the keys and the unambiguous aliases of the line year', () => {
    expect(parsePeriodOf('2022-Q1', 'strict', 2022).key).toBe('2022-Q1');
    expect(parsePeriodOf('2022-03', 'strict', 2022).key).toBe('2022-03');
    expect(parsePeriodOf('TW III', 'strict', 2022).key).toBe('2022-Q3');
    expect(errorOf(() => parsePeriodOf('Q3', 'strict', 2022)).rule).toBe('PERIOD_FORMAT');
  });

  it('lenient reads Periode as typed, with the field named', () => {
    expect(parsePeriodOf('Triwulan 4', 'lenient', 2023).key).toBe('2023-Q4');
    expect(parsePeriodOf('November', 'lenient', 2022).endDate).toBe('2022-11-30');
    const error = errorOf(() => parsePeriodOf('kuartal 3', 'lenient', 2022));
    expect([error.rule, error.field]).toEqual(['PERIOD_FORMAT', 'period']);
  });
});

describe('parseMoney lenient: a plain amount is taken as it is', () => {
  /** The lenient reading without the shortcut: every text through readIndonesianNumber (its error gains the field). */
  const throughReader = (text: string, signed: boolean) => {
    try {
      return { amount: new Money(readIndonesianNumber({ text }, { signed })).toString() };
    } catch (error) {
      const { rule, message } = invalid('amount', (error as ReadingError).text, (error as ReadingError).rule);
      return { rule, message };
    }
  };
  const lenient = (text: string, signed: boolean) => {
    try {
      return { amount: parseMoney(text, 'lenient', 'amount', { signed }).toString() };
    } catch (error) {
      const { rule, message } = error as DomainError;
      return { rule, message };
    }
  };
  it('reads 10,000 generated texts (plain, grouped, signed, too long, leading zeros) exactly as readIndonesianNumber', () => {
    const next = seededRandom(15);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
    const pieces = ['', '0', '00', '.', ',', '-', ' ', 'Rp ', '.5', '.05', '.000', ',00', '1', '9'];
    const pick = () => pieces[Math.floor(next() * pieces.length)];
    let plain = 0;
    for (let i = 0; i < 10_000; i++) {
      const text = `${pick()}${digits(Math.floor(next() * 19))}${pick()}${next() < 0.5 ? digits(Math.floor(next() * 4)) : ''}`;
      const signed = next() < 0.3;
      if (/^(?:0|[1-9]\d*)(?:\.\d{1,2})?$/.test(text)) plain++;
      expect({ text, signed, read: lenient(text, signed) }).toEqual({ text, signed, read: throughReader(text, signed) });
    }
    expect(plain).toBeGreaterThan(800);
  });
});
