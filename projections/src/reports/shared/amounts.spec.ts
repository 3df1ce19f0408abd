import fc from 'fast-check';
import { Money } from '@renja/domain';
import { fixed } from './amounts';

describe('fixed', () => {
  it('gives the text of toFixed(2) for any decimal', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 22 });
    const decimal = fc
      .tuple(fc.boolean(), digits, fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), maxLength: 6 })))
      .map(([negative, whole, places]) => new Money(`${negative ? '-' : ''}${whole}${places ? `.${places}` : ''}`));
    fc.assert(fc.property(decimal, (d) => expect(fixed(d)).toBe(d.toFixed(2))));
  });

  it('handles negative zero, sums and results of arithmetic as toFixed(2) does', () => {
    for (const d of [
      new Money('-0'),
      new Money('-0.00'),
      new Money('0.1').plus('0.2'),
      new Money('1e21'),
      new Money('1.005'),
      new Money('-1.005'),
      new Money(1).div(3),
    ]) {
      expect(fixed(d)).toBe(d.toFixed(2));
    }
  });
});
