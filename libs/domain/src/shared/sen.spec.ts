import { Money } from './money';
import { senMoney, senOf, senOfMoney, senText } from './sen';
import { seededRandom as random } from '../testing/seeded-random';

/** An amount as the parsers accept it: up to 16 digits, none, one or two decimals, a sign now and then. */
function amountOf(next: () => number): string {
  const digits = 1 + Math.floor(next() * 16);
  let int = String(Math.floor(next() * 9) + 1);
  for (let i = 1; i < digits; i++) int += String(Math.floor(next() * 10));
  if (next() < 0.15) int = '0';
  const places = Math.floor(next() * 3);
  const fraction = places === 0 ? '' : `.${String(Math.floor(next() * 10 ** places)).padStart(places, '0')}`;
  const text = `${int}${fraction}`;
  return next() < 0.3 && /[1-9]/.test(text) ? `-${text}` : text;
}

describe('amounts in integer sen', () => {
  it('writes every amount as decimal.js toFixed(2) does', () => {
    const next = random(7);
    for (let i = 0; i < 5000; i++) {
      const amount = amountOf(next);
      expect([amount, senText(senOf(amount)!)]).toEqual([amount, new Money(amount).toFixed(2)]);
    }
  });

  it('sums and differences equal decimal.js over random amounts', () => {
    const next = random(11);
    for (let run = 0; run < 500; run++) {
      let sen = 0n;
      let decimal = new Money(0);
      const amounts: string[] = [];
      for (let i = 0, n = 1 + Math.floor(next() * 30); i < n; i++) {
        const amount = amountOf(next);
        amounts.push(amount);
        if (next() < 0.3) {
          sen -= senOf(amount)!;
          decimal = decimal.minus(amount);
        } else {
          sen += senOf(amount)!;
          decimal = decimal.plus(amount);
        }
      }
      expect([amounts, senText(sen)]).toEqual([amounts, decimal.toFixed(2)]);
    }
  });

  it('leaves to decimal.js what it cannot hold exactly as decimal.js does', () => {
    // More than two decimals, a negative zero (decimal.js keeps its sign), anything that is no plain amount.
    for (const amount of ['1.005', '0.001', '-0', '-0.00', '-0.0', '-00.00', '1e5', '', '.5', '5.', '+5', ' 5', 'NaN'])
      expect([amount, senOf(amount)]).toEqual([amount, null]);
    expect(senOf(5 as unknown as string)).toBeNull();
    expect(new Money('-0.00').isNegative()).toBe(true);
  });

  it('keeps small values, signs and leading zeros exact', () => {
    expect(senOf('0')).toBe(0n);
    expect(senOf('-0.05')).toBe(-5n);
    expect(senOf('007.5')).toBe(750n);
    expect(senOf('9999999999999999.99')).toBe(999999999999999999n);
    expect(senText(-5n)).toBe('-0.05');
    expect(senText(0n)).toBe('0.00');
    expect(senText(12345n)).toBe('123.45');
    expect(senText(-100000n)).toBe('-1000.00');
  });

  it('turns sen into decimals and back, exactly', () => {
    const next = random(13);
    for (let i = 0; i < 2000; i++) {
      const amount = amountOf(next);
      const money = senMoney(senOf(amount)!);
      expect([amount, money.toFixed(), money.toFixed(2)]).toEqual([amount, new Money(amount).toFixed(), new Money(amount).toFixed(2)]);
      expect(senOfMoney(money)).toBe(senOf(amount));
      expect(senOfMoney(new Money(amount))).toBe(senOf(amount)); // a decimal not made here
    }
    expect(senMoney(0n).isNegative()).toBe(false);
    expect(senOfMoney(new Money('1.005'))).toBeNull();
    expect(senOfMoney(new Money('-0'))).toBeNull();
  });
});
