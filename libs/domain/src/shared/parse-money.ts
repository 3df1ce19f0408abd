import type Decimal from 'decimal.js';
import { invalid } from './errors';
import { parseAmount, Money } from './money';
import { ReadingError, readIndonesianNumber, type ParseMode, type TypedValue } from './readings';

/**
 * A Rupiah amount. 'strict' (the API): the canonical decimal string ("6145553447.00"), a JSON number
 * refused (parseAmount). 'lenient' (the import, the browser): also the Indonesian spellings people type
 * (1.653.027.794,00, Rp 1.653.027.794, a numeric spreadsheet cell), read by readIndonesianNumber — the one
 * reader of them. A reading error keeps its rule and message and gains the field.
 */
/** Digits without leading zeros (at most MAX_INTEGER_DIGITS), and at most two decimals: what readIndonesianNumber returns as it is. */
const PLAIN_AMOUNT = /^(?:0|[1-9]\d{0,15})(?:\.\d{1,2})?$/;

export function parseMoney(value: unknown, mode: ParseMode, field = 'amount', options: { signed?: boolean } = {}): Decimal {
  if (mode === 'strict') return parseAmount(value, field, options);
  // Already the plain form readIndonesianNumber gives (an import's cell, read once): it would give it back unchanged.
  if (typeof value === 'string' && PLAIN_AMOUNT.test(value)) return new Money(value);
  const typed: TypedValue | null = typeof value === 'string' ? { text: value } : isTypedValue(value) ? value : null;
  if (!typed) return parseAmount(value, field, options);
  try {
    return new Money(readIndonesianNumber(typed, { signed: options.signed }));
  } catch (error) {
    if (error instanceof ReadingError) throw invalid(field, error.text, error.rule);
    throw error;
  }
}

const isTypedValue = (value: unknown): value is TypedValue =>
  typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string';
