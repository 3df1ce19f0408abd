import type Decimal from 'decimal.js';
import { parseIsoDate } from './dates';
import { DomainError } from './errors';
import { parseAmount, parseDecimalValue } from './money';
import { readIndonesianDate, readIndonesianNumber, type ParseMode } from './readings';

/** A calendar date as the API sends it and events store it: "2022-06-15". */
export type IsoDate = `${number}-${number}-${number}`;

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

/** A Rupiah amount, not negative: "6145553447.00"; lenient also "Rp 6.145.553.447,00". */
export function parseAmountIn(value: unknown, mode: ParseMode, field: string): Decimal {
  return withHumanReading(
    value,
    mode,
    (v) => parseAmount(v, field),
    (text) => readIndonesianNumber({ text }),
  );
}

/** An ISO date "2022-06-15"; lenient also "15/06/2022" or "15 Juni 2022". */
export function parseIsoDateIn(value: unknown, mode: ParseMode, field: string): IsoDate {
  return withHumanReading(value, mode, (v) => parseIsoDate(v, field) as IsoDate, readIndonesianDate);
}
