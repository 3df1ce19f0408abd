import { Money } from '@renja/domain';
import { exactNumber } from './xlsx';

describe('exactNumber: amounts stored as XLSX numbers only when no cent can be lost', () => {
  it.each(['1653027794.00', '630592410.05', '0.01', '-249.50', '9999999999999.99'])(
    'stores %s as a number that reads back exactly',
    (value) => {
      const n = exactNumber(value);
      expect(n).not.toBeNull();
      expect(new Money(n!).toFixed(2)).toBe(value);
    },
  );

  it.each(['10000000000000.01', '90071992547409.93', '1000000000000000.00'])(
    'keeps %s as text: more than 15 significant digits',
    (value) => {
      expect(exactNumber(value)).toBeNull();
    },
  );
});
