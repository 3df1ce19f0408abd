import Decimal from 'decimal.js';
import { Money } from '@renja/domain';

/** Exact decimal helpers shared by the reports: amounts travel as strings with two places. */
const ZERO = new Money(0);
/** Zero (one shared instance: decimals are immutable, and reports start thousands of sums). */
export const zero = (): Decimal => ZERO;
/**
 * d.toFixed(2). Amounts have at most two places, and decimal.js rounds (a new decimal) on every toFixed(2):
 * the digits as they are (toFixed() rounds nothing), padded to two places, give the same text for less.
 */
export function fixed(d: Decimal): string {
  const digits = d.toFixed();
  const dot = digits.indexOf('.');
  if (dot === -1) return `${digits}.00`;
  const places = digits.length - dot - 1;
  return places === 2 ? digits : places === 1 ? `${digits}0` : d.toFixed(2);
}
export const fixedOrNull = (d: Decimal | null | undefined): string | null => (d ? fixed(d) : null);

/** Sum where a missing value stays missing only if every value is missing. */
export function sumPresent(values: Array<Decimal | null>): Decimal | null {
  const present = values.filter((v): v is Decimal => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a.plus(b), zero());
}

/** a + b where a missing value counts only if both are missing (as sumPresent([a, b]), without its arrays). */
export function plusOrNull(a: Decimal | null, b: Decimal | null): Decimal | null {
  if (a !== null && b !== null) return a.isZero() && b.isZero() ? ZERO : a.plus(b);
  const only = a ?? b;
  // sumPresent adds to zero, which turns a negative zero into zero: keep exactly that.
  return only === null ? null : only.isZero() ? ZERO.plus(only) : only;
}

/** Funding-source maps (sumber dana → amount) added source by source. */
export function plusSources(a: Map<string, Decimal>, b: Map<string, Decimal>): Map<string, Decimal> {
  const out = new Map(a);
  for (const [source, amount] of b) out.set(source, (out.get(source) ?? zero()).plus(amount));
  return out;
}

/** A source map as JSON, sources in alphabetical order; zero amounts left out when asked. */
export function sourcesJson(map: Map<string, Decimal>, options: { dropZero?: boolean } = {}): Record<string, string> {
  const entries = [...map].filter(([, v]) => !options.dropZero || !v.isZero()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, fixed(v)]));
}

/** A tie-out: two numbers computed independently that must be equal. */
export interface TieOut {
  description: string;
  expected: string;
  actual: string;
  status: 'OK' | 'MISMATCH';
}

export const tieOut = (description: string, expected: Decimal, actual: Decimal): TieOut => ({
  description,
  expected: fixed(expected),
  actual: fixed(actual),
  status: expected.equals(actual) ? 'OK' : 'MISMATCH',
});
