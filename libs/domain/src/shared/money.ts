import Decimal from 'decimal.js';
import { invalid } from './errors';
import { msg } from './messages/message';

/** Amounts are exact decimals. 34 significant digits comfortably hold 10^15 Rupiah with cents. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -20, toExpPos: 40 });
export type Money = Decimal;

const AMOUNT = /^-?\d{1,16}(\.\d{1,2})?$/;
const UNSIGNED_AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const DECIMAL_VALUE = /^-?\d{1,18}(\.\d{1,6})?$/;

/**
 * Parses a Rupiah amount sent as a decimal string ("6145553447.00"). A JSON number is refused:
 * it may already have lost cents on its way here.
 */
export function parseAmount(value: unknown, field: string, options: { signed?: boolean } = {}): Decimal {
  if (typeof value === 'number') {
    throw invalid(field, msg('AMOUNT_NOT_STRING'), 'AMOUNT_NOT_STRING');
  }
  if (typeof value !== 'string') throw invalid(field, msg('AMOUNT_REQUIRED'), 'AMOUNT_REQUIRED');
  const pattern = options.signed ? AMOUNT : UNSIGNED_AMOUNT;
  if (!pattern.test(value)) {
    throw invalid(field, msg(options.signed ? 'AMOUNT_FORMAT.signed' : 'AMOUNT_FORMAT', { value }), 'AMOUNT_FORMAT');
  }
  return new Money(value);
}

/** Parses a non-money decimal (an indicator target or output value). */
export function parseDecimalValue(value: unknown, field: string): Decimal {
  if (typeof value !== 'string' || !DECIMAL_VALUE.test(value)) {
    throw invalid(field, msg('VALUE_FORMAT'), 'VALUE_FORMAT');
  }
  return new Money(value);
}

/**
 * A stored decimal string as a Money, parsed once: folds read the same amounts of the same entries over
 * and over (every figure of every state of a line), and decimal.js parsing dominated them. Decimals are
 * immutable, so sharing one instance is safe. Bounded: cleared when it grows past 50,000 strings.
 */
const parsed = new Map<string, Decimal>();

export function decimalOf(value: string): Decimal {
  let d = parsed.get(value);
  if (d === undefined) {
    d = new Money(value);
    if (parsed.size >= 50_000) parsed.clear();
    parsed.set(value, d);
  }
  return d;
}

/** Machine format: plain decimal string with exactly two places. */
export const toAmountString = (d: Decimal.Value): string => new Money(d).toFixed(2);

export const sum = (values: Iterable<Decimal.Value>): Decimal => {
  let total = new Money(0);
  for (const v of values) total = total.plus(v);
  return total;
};

/** Percentage with two places, or null when the denominator is zero (absorption of a zero pagu is undefined). */
export function percentage(numerator: Decimal.Value, denominator: Decimal.Value): string | null {
  const d = new Money(denominator);
  if (d.isZero()) return null;
  return new Money(numerator).div(d).times(100).toFixed(2);
}

/** Human format, Indonesian style: Rp 1.653.027.794,00 */
export function formatRupiah(value: Decimal.Value): string {
  const d = new Money(value).toDecimalPlaces(2);
  const [int, frac] = d.abs().toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  // A zero (also -0, as decimal.js produces from e.g. 0.neg()) carries no sign.
  return `${d.isNegative() && !d.isZero() ? '-' : ''}Rp ${grouped},${frac}`;
}
