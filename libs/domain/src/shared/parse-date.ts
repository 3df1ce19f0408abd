import { parseIsoDate } from './dates';
import { invalid } from './errors';
import { ReadingError, readIndonesianDate, type ParseMode } from './readings';

/** A calendar date in ISO form (YYYY-MM-DD), as the parsers return it. */
export type IsoDate = `${number}-${number}-${number}`;

/**
 * A date. 'strict' (the API): YYYY-MM-DD, impossible days refused (parseIsoDate). 'lenient' (the import,
 * the browser): also 08/11/2022 (day/month/year) and 8 November 2022, read by readIndonesianDate.
 */
export function parseDate(value: unknown, mode: ParseMode, field = 'effectiveDate'): IsoDate {
  if (mode === 'strict' || typeof value !== 'string') return parseIsoDate(value, field) as IsoDate;
  try {
    return readIndonesianDate(value) as IsoDate;
  } catch (error) {
    if (error instanceof ReadingError) throw invalid(field, error.text, error.rule);
    throw error;
  }
}
