import { invalid } from '../shared/errors';
import { requireText, TEXT_LIMITS } from '../shared/legal-basis';
import { msg } from '../shared/messages/message';
import { isGiven, parseDecimalIn } from '../shared/parse-values';
import { parsePeriod } from '../shared/period';
import { parsePhase, periodFromAlias, type ParseMode } from '../shared/readings';
import { parsePlanCode } from '../plan-line/plan-code';
import { STATED_MEASURES, type RecordStatedFigure, type StatedMeasure } from './stated-figure';

const isStatedMeasure = (value: unknown): value is StatedMeasure => (STATED_MEASURES as readonly unknown[]).includes(value);

/**
 * A stated figure from what was sent: the line's code (none: the whole office), the measure, the phase a
 * PAGU needs, the period (lenient: also "TW III" of the year), the indicator a TARGET needs, the value a
 * decimal (lenient: also as written, "630.592.410"), texts within TEXT_LIMITS. That the office exists and the
 * period lies in the year is decided.
 */
export function parseRecordStatedFigure(
  input: {
    year: number;
    officeCode: string;
    code?: unknown;
    label?: unknown;
    measure?: unknown;
    phase?: unknown;
    period?: unknown;
    indicator?: unknown;
    value?: unknown;
    source?: unknown;
    note?: unknown;
  },
  mode: ParseMode,
): Omit<RecordStatedFigure, 'type' | 'eventId' | 'officeRegistered'> {
  const code = isGiven(input.code) ? parsePlanCode(input.code) : null;
  const measure = typeof input.measure === 'string' ? input.measure.trim().toUpperCase() : input.measure;
  if (!isStatedMeasure(measure))
    throw invalid('measure', msg('MEASURE_UNKNOWN', { measures: STATED_MEASURES.join(', ') }), 'MEASURE_UNKNOWN');
  const phase = isGiven(input.phase) ? parsePhase(input.phase, mode) : null;
  if (measure === 'PAGU' && phase === null) throw invalid('phase', msg('PHASE_REQUIRED'), 'PHASE_REQUIRED');
  const period = isGiven(input.period) ? parsePeriod(mode === 'lenient' ? periodFromAlias(input.period, input.year) : input.period) : null;
  const indicator = isGiven(input.indicator) ? requireText(input.indicator, 'indicator', TEXT_LIMITS.statedIndicator) : null;
  if (measure === 'TARGET' && (indicator === null || code === null)) {
    throw invalid('indicator', msg('INDICATOR_REQUIRED.stated'), 'INDICATOR_REQUIRED');
  }
  return {
    year: input.year,
    officeCode: input.officeCode,
    code,
    label: requireText(input.label, 'label', TEXT_LIMITS.statedLabel),
    measure,
    phase,
    period,
    indicator,
    value: parseDecimalIn(input.value, mode, 'value'),
    source: requireText(input.source, 'source', TEXT_LIMITS.statedSource),
    note: isGiven(input.note) ? requireText(input.note, 'note', TEXT_LIMITS.note) : null,
  };
}
