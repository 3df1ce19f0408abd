import { formatRupiah, Money, parseAmount, parseDecimalValue, percentage, sum, toAmountString } from './money';
import { errorOf } from '../testing/error-of';

describe('parseAmount', () => {
  it('accepts a decimal string and keeps it exact', () => {
    expect(toAmountString(parseAmount('6145553447.00', 'amount'))).toBe('6145553447.00');
    expect(toAmountString(parseAmount('653027794', 'amount'))).toBe('653027794.00');
    expect(toAmountString(parseAmount('0.5', 'amount'))).toBe('0.50');
  });

  it('keeps cents exact at 10^15 Rupiah, where JavaScript numbers lose them', () => {
    const total = parseAmount('999999999999999.99', 'amount').plus(parseAmount('0.01', 'amount'));
    expect(toAmountString(total)).toBe('1000000000000000.00');
    expect(toAmountString(parseAmount('1000000000000000.01', 'amount'))).toBe('1000000000000000.01');
    expect(toAmountString(sum(['999999999999999.99', '0.01', '0.01']))).toBe('1000000000000000.01');
  });

  it('refuses a JSON number, which may already have lost cents', () => {
    const error = errorOf(() => parseAmount(653027794, 'amount'));
    expect([error.kind, error.rule, error.field]).toEqual(['invalid', 'AMOUNT_NOT_STRING', 'amount']);
  });

  it('requires a value', () => {
    expect(errorOf(() => parseAmount(undefined, 'amount')).rule).toBe('AMOUNT_REQUIRED');
    expect(errorOf(() => parseAmount(null, 'amount')).rule).toBe('AMOUNT_REQUIRED');
  });

  it.each([
    ['more than two decimals', '1.005'],
    ['a comma as decimal separator', '1653027794,00'],
    ['thousands separators', '1,653,027,794.00'],
    ['Indonesian thousands separators', '1.653.027.794'],
    ['exponent notation', '1e9'],
    ['upper-case exponent notation', '1.5E3'],
    ['an empty string', ''],
    ['surrounding spaces', ' 100'],
    ['a Rupiah prefix', 'Rp 100'],
    ['a trailing dot', '100.'],
    ['a plus sign', '+100'],
    ['more than 16 integer digits', '12345678901234567'],
  ])('refuses %s (%s) with AMOUNT_FORMAT', (_, value) => {
    const error = errorOf(() => parseAmount(value, 'amount'));
    expect([error.kind, error.rule]).toEqual(['invalid', 'AMOUNT_FORMAT']);
  });

  it('refuses a negative amount unless signed, and accepts it when signed', () => {
    expect(errorOf(() => parseAmount('-100.00', 'amount')).rule).toBe('AMOUNT_FORMAT');
    expect(toAmountString(parseAmount('-100.50', 'delta', { signed: true }))).toBe('-100.50');
  });
});

describe('parseDecimalValue', () => {
  it('accepts targets with up to 6 decimals and refuses numbers and bad strings', () => {
    expect(parseDecimalValue('12.5', 'value').toString()).toBe('12.5');
    expect(parseDecimalValue('100', 'value').toString()).toBe('100');
    expect(errorOf(() => parseDecimalValue(12.5, 'value')).rule).toBe('VALUE_FORMAT');
    expect(errorOf(() => parseDecimalValue('1.1234567', 'value')).rule).toBe('VALUE_FORMAT');
    expect(errorOf(() => parseDecimalValue('12,5', 'value')).rule).toBe('VALUE_FORMAT');
  });
});

describe('formatRupiah', () => {
  it.each([
    ['1653027794', 'Rp 1.653.027.794,00'],
    ['6145553447.00', 'Rp 6.145.553.447,00'],
    ['22312405660', 'Rp 22.312.405.660,00'],
    ['999', 'Rp 999,00'],
    ['1000', 'Rp 1.000,00'],
    ['0', 'Rp 0,00'],
    ['0.5', 'Rp 0,50'],
    ['999999999999999.99', 'Rp 999.999.999.999.999,99'],
    ['-7601332739', '-Rp 7.601.332.739,00'],
    ['-0.01', '-Rp 0,01'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatRupiah(value)).toBe(expected);
  });

  it('formats a zero reached by subtraction without a minus sign', () => {
    expect(formatRupiah(new Money('-5').plus('5'))).toBe('Rp 0,00');
    expect(formatRupiah(new Money('0').neg())).toBe('Rp 0,00');
    expect(formatRupiah('-0.004')).toBe('Rp 0,00');
    expect(formatRupiah('-0.005')).toBe('-Rp 0,01');
  });
});

describe('percentage', () => {
  it('gives absorption with two places, rounding half up', () => {
    expect(percentage('630592410', '1653027794')).toBe('38.15');
    expect(percentage('2444304781', '6145553447')).toBe('39.77');
    expect(percentage('16524057351', '22312405660')).toBe('74.06');
    expect(percentage('7946048521', '8758759009')).toBe('90.72');
    expect(percentage('1', '8')).toBe('12.50');
    expect(percentage('1', '3')).toBe('33.33');
    expect(percentage('2', '3')).toBe('66.67');
    expect(percentage('0', '100')).toBe('0.00');
  });

  it('is null for a zero denominator', () => {
    expect(percentage('100', '0')).toBeNull();
    expect(percentage('0', '0.00')).toBeNull();
  });
});
