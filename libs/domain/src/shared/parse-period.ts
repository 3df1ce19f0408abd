import { invalid } from './errors';
import { parsePeriod, type Period } from './period';
import { periodFromAlias, ReadingError, readPeriod, type ParseMode } from './readings';

/**
 * A realisation period of a fiscal year's line. 'strict' (the API): "2022-Q1", "2022-03" and the
 * unambiguous aliases of the line's year (TW IV, Triwulan 4, November: periodFromAlias). 'lenient' (the
 * import, the browser): Periode as typed (readPeriod, the same aliases with its own message). Whether the
 * period lies in the line's year is the decider's rule.
 */
export function parsePeriodOf(value: unknown, mode: ParseMode, year: number, field = 'period'): Period {
  if (mode === 'strict' || typeof value !== 'string') return parsePeriod(periodFromAlias(value, year), field);
  try {
    return parsePeriod(readPeriod(value, year), field);
  } catch (error) {
    if (error instanceof ReadingError) throw invalid(field, error.text, error.rule);
    throw error;
  }
}
