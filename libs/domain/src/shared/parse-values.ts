import type Decimal from 'decimal.js';
import { DomainError } from './errors';
import { parseDecimalValue } from './money';
import { readIndonesianNumber, type ParseMode } from './readings';

/** Something was sent: not absent, not null, not blank text. */
export const isGiven = (value: unknown): boolean =>
  value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/**
 * Reads `value` strictly; in lenient mode a string the strict form refuses is read again as people write it
 * (`human`), and strictly parsed after that. A value neither reads fails with the strict error, which names
 * the field.
 */
function withHumanReading<T>(value: unknown, mode: ParseMode, strict: (v: unknown) => T, human: (text: string) => string): T {
  try {
    return strict(value);
  } catch (error) {
    if (mode === 'strict' || typeof value !== 'string' || !(error instanceof DomainError)) throw error;
    let read: string;
    try {
      read = human(value);
    } catch (reading) {
      if (reading instanceof DomainError) throw error;
      throw reading;
    }
    return strict(read);
  }
}

/** A non-money decimal (an indicator's target, a K figure): "12.5"; lenient also "12,5" or "1.250". */
export function parseDecimalIn(value: unknown, mode: ParseMode, field: string): Decimal {
  return withHumanReading(
    value,
    mode,
    (v) => parseDecimalValue(v, field),
    (text) => readIndonesianNumber({ text }, { maxDecimals: 6, signed: true }),
  );
}
