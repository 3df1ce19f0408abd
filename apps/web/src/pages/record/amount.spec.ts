import { readAmount } from './amount';

describe('readAmount (the importer parser in the forms)', () => {
  it.each([
    ['1.653.027.794,00', '1653027794.00'],
    ['Rp 1.653.027.794', '1653027794'],
    ['Rp1.653.027.794,5', '1653027794.5'],
    ['653027794.00', '653027794.00'],
    ['1,653,027,794.00', '1653027794.00'],
    ['  95.000.000  ', '95000000'],
  ])('reads %s as %s', (typed, decimal) => {
    expect(readAmount(typed)).toEqual({ ok: true, value: decimal });
  });

  it('says nothing about an empty field', () => {
    expect(readAmount('  ')).toEqual({ ok: null });
  });

  it('refuses what the importer refuses, with its rule', () => {
    expect(readAmount('1.2345')).toMatchObject({ ok: false, rule: 'TOO_MANY_DECIMALS' });
    expect(readAmount('1.653,027.794')).toMatchObject({ ok: false, rule: 'NUMBER_AMBIGUOUS' });
    expect(readAmount('1,5')).toEqual({ ok: true, value: '1.5' });
    expect(readAmount('1,5555')).toMatchObject({ ok: false, rule: 'TOO_MANY_DECIMALS' });
    expect(readAmount('sejuta')).toMatchObject({ ok: false, rule: 'NUMBER_FORMAT' });
    expect(readAmount('-1.000')).toMatchObject({ ok: false, rule: 'NUMBER_NEGATIVE' });
  });

  it('keeps the sign of a change when asked to', () => {
    expect(readAmount('-25.000.000,00', { signed: true })).toEqual({ ok: true, value: '-25000000.00' });
    expect(readAmount('−25.000.000,00', { signed: true })).toEqual({ ok: true, value: '-25000000.00' });
  });
});
