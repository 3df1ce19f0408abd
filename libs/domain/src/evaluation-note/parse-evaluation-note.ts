import { invalid } from '../shared/errors';
import { parseReason, requireText, TEXT_LIMITS } from '../shared/legal-basis';
import { msg } from '../shared/messages/message';
import { isGiven } from '../shared/parse-values';
import { parsePeriod } from '../shared/period';
import { periodFromAlias, type ParseMode } from '../shared/readings';
import { parsePlanCode } from '../plan-line/plan-code';
import type { RecordEvaluationNote } from './evaluation-note';

const textOrNull = (value: unknown, field: string): string | null =>
  isGiven(value) ? requireText(value, field, TEXT_LIMITS.evaluationNote) : null;

/**
 * An evaluation note from what was sent: a quarter ("2022-Q3"; "TW III" and "Triwulan 3" name the quarter
 * of the note's year in both modes, as the API has always read them), the line's code (none: the whole
 * office), at least one of the three texts within TEXT_LIMITS, an optional reason. That the office and the
 * line exist and the quarter lies in the year is decided.
 */
export function parseRecordEvaluationNote(
  input: {
    year: number;
    officeCode: string;
    period?: unknown;
    code?: unknown;
    pendorong?: unknown;
    penghambat?: unknown;
    tindakLanjut?: unknown;
    reason?: unknown;
  },
  mode: ParseMode,
): Omit<RecordEvaluationNote, 'type' | 'eventId' | 'officeRegistered' | 'lineRegistered'> {
  void mode;
  const period = parsePeriod(periodFromAlias(input.period, input.year));
  if (period.granularity !== 'quarter')
    throw invalid('period', msg('PERIOD_NOT_QUARTER', { period: period.key, year: input.year }), 'PERIOD_NOT_QUARTER');
  const code = isGiven(input.code) ? parsePlanCode(input.code) : null;
  const pendorong = textOrNull(input.pendorong, 'pendorong');
  const penghambat = textOrNull(input.penghambat, 'penghambat');
  const tindakLanjut = textOrNull(input.tindakLanjut, 'tindakLanjut');
  if (pendorong === null && penghambat === null && tindakLanjut === null) {
    throw invalid('pendorong', msg('EVALUATION_NOTE_EMPTY'), 'EVALUATION_NOTE_EMPTY');
  }
  return {
    year: input.year,
    officeCode: input.officeCode,
    period,
    code,
    pendorong,
    penghambat,
    tindakLanjut,
    reason: parseReason(input.reason),
  };
}
