import type Decimal from 'decimal.js';
import { decimalOf } from './money';

/**
 * Rupiah amounts in exact integer sen (hundredths), as a BigInt: folds that sum many amounts with at most
 * two decimals (every amount the parsers accept has) add BigInts instead of decimal.js values, and write
 * the result as `toFixed(2)` would. Anything else (more than two decimals, a negative zero, which decimal.js
 * keeps as -0) is no sen amount: the caller keeps decimal.js for it.
 */

/** An amount with digits and at most two decimals, a sign allowed (a negative zero is refused by `senOf`). */
const SEN_AMOUNT = /^-?\d+(?:\.\d{1,2})?$/;
const NEGATIVE_ZERO = /^-0+(?:\.0*)?$/;

/** Parsed amounts, shared: folds read the same amounts of the same entries over and over. Bounded like decimalOf's. */
const parsed = new Map<string, bigint | null>();

/** `amount` in integer sen, exactly; null when it is no sen amount (more than two decimals, a negative zero, not a number). */
export function senOf(amount: string): bigint | null {
  if (typeof amount !== 'string') return null; // an amount stored otherwise (never written so) goes to decimal.js
  let sen = parsed.get(amount);
  if (sen === undefined) {
    sen = SEN_AMOUNT.test(amount) && !NEGATIVE_ZERO.test(amount) ? toSen(amount) : null;
    if (parsed.size >= 50_000) parsed.clear();
    parsed.set(amount, sen);
  }
  return sen;
}

function toSen(amount: string): bigint {
  const dot = amount.indexOf('.');
  if (dot < 0) return BigInt(amount) * 100n;
  // "-0.05" → "-005": the sign stays in front of the digits.
  return BigInt(amount.slice(0, dot) + amount.slice(dot + 1).padEnd(2, '0'));
}

/** Integer sen as decimal.js's `toFixed(2)` writes the same amount ("-0.05", "1000.00"). */
export function senText(sen: bigint): string {
  const negative = sen < 0n;
  const digits = (negative ? -sen : sen).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Decimals made by `senMoney`, by their sen, and back: folds turn the same few sums into decimals over and over. */
const moneyBySen = new Map<bigint, Decimal>();
const senByMoney = new WeakMap<Decimal, bigint>();

/** Integer sen as a decimal (shared, immutable): the value decimal.js's own sums give. */
export function senMoney(sen: bigint): Decimal {
  let money = moneyBySen.get(sen);
  if (money === undefined) {
    money = decimalOf(senText(sen));
    if (moneyBySen.size >= 50_000) moneyBySen.clear();
    moneyBySen.set(sen, money);
    senByMoney.set(money, sen);
  }
  return money;
}

/** A decimal in integer sen when it has at most two decimals (exactly) and is no negative zero, else null. */
export function senOfMoney(value: Decimal): bigint | null {
  const known = senByMoney.get(value);
  if (known !== undefined) return known;
  if (value.isNegative() && value.isZero()) return null; // toFixed(2) would drop its sign
  return value.decimalPlaces() <= 2 ? senOf(value.toFixed(2)) : null;
}
