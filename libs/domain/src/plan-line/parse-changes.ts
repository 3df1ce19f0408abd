import { assertInFiscalYear, parseIsoDate } from '../shared/dates';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { parseLegalBasis, parseReason, requireLegalBasisAndReason, requireText, TEXT_LIMITS, type LegalBasis } from '../shared/legal-basis';
import { parseDecimalValue, toAmountString } from '../shared/money';
import { assertPeriodInYear } from '../shared/period';
import type {
  IndicatorDefinedData,
  IndicatorDirection,
  OutputValue,
  PaguChangedData,
  RealisationRecordedData,
  TargetRevisedData,
} from './events';
import { parseDirection, type ParseMode } from '../shared/readings';
import type { OutputInput } from './commands';
import { parseChangePagu, parseRecordRealisation, type ChangePaguInput, type RecordRealisationInput } from './parse-budget';
import { PHASES_NEEDING_LEGAL_BASIS } from './phases';
import type { PlanLineState } from './state';

/** A validated change: event data plus the metadata it is recorded with. */
export interface ParsedChange<D> {
  data: D;
  effectiveDate: string;
  legalBasis: LegalBasis | null;
  reason: string | null;
}

export function requireLine(state: PlanLineState) {
  if (!state.line) throw notFound('LINE_NOT_REGISTERED', msg('LINE_NOT_REGISTERED'), 'code');
  return state.line;
}

export function effectiveDateIn(state: PlanLineState, value: unknown, field = 'effectiveDate'): string {
  const date = parseIsoDate(value, field);
  assertInFiscalYear(date, requireLine(state).year, field);
  return date;
}

export function resolveIndicator(state: PlanLineState, ref: unknown, field = 'indicator'): IndicatorDefinedData {
  if (typeof ref !== 'string' || ref.trim() === '') throw invalid(field, msg('INDICATOR_REQUIRED'), 'INDICATOR_REQUIRED');
  const found = state.indicators.find((i) => i.indicatorId === ref || i.name === ref.trim());
  if (!found) {
    const known = state.indicators.map((i) => `${i.indicatorId} (${i.name})`).join(', ') || msg('NONE_DEFINED');
    throw notFound('INDICATOR_UNKNOWN', msg('INDICATOR_UNKNOWN', { ref, code: state.line?.code ?? '?', known }), field);
  }
  return found;
}

/**
 * A parsed pagu change against the line: its date inside the line's year, a legal basis and a reason where
 * the phase (or an addition) needs them. The invariants are checked by the decider on the result.
 */
export function decidePaguChange(state: PlanLineState, command: ChangePaguInput): ParsedChange<PaguChangedData> {
  const line = requireLine(state);
  const { phase, fundingSource, operation, amount, effectiveDate } = command;
  assertInFiscalYear(effectiveDate, line.year, 'effectiveDate');
  let { legalBasis, reason } = command;
  if (PHASES_NEEDING_LEGAL_BASIS.includes(phase) || operation === 'add') {
    const why = msg(operation === 'add' ? 'WHY.pagu_addition' : 'WHY.pagu_change', { phase });
    ({ legalBasis, reason } = requireLegalBasisAndReason(legalBasis, reason, why));
  }
  return { data: { phase, fundingSource, operation, amount: toAmountString(amount) }, effectiveDate, legalBasis, reason };
}

/** A pagu change's fields as sent (a correction's replacement), parsed strictly and decided against the line. */
export function parsePaguChange(state: PlanLineState, input: Record<string, unknown>): ParsedChange<PaguChangedData> {
  requireLine(state);
  return decidePaguChange(state, parseChangePagu(input, 'strict'));
}

export function parseTargetRevision(state: PlanLineState, input: Record<string, unknown>): ParsedChange<TargetRevisedData> {
  requireLine(state);
  const indicator = resolveIndicator(state, input.indicator ?? input.indicatorId);
  const value = parseDecimalValue(input.value, 'value');
  const reason = parseReason(input.reason);
  if (!reason) throw ruleBroken('REASON_REQUIRED', msg('REASON_REQUIRED', { why: msg('WHY.target_revision') }), 'reason');
  return {
    data: { indicatorId: indicator.indicatorId, value: value.toString() },
    effectiveDate: effectiveDateIn(state, input.effectiveDate),
    legalBasis: parseLegalBasis(input.legalBasis),
    reason,
  };
}

function resolveOutputs(state: PlanLineState, outputs: OutputInput[]): OutputValue[] {
  const seen = new Set<string>();
  return outputs.map((o, i) => {
    const indicator = resolveIndicator(state, o.indicator, `outputs[${i}].indicator`);
    if (seen.has(indicator.indicatorId))
      throw invalid(`outputs[${i}].indicator`, msg('OUTPUTS_DUPLICATE', { indicator: indicator.indicatorId }), 'OUTPUTS_DUPLICATE');
    seen.add(indicator.indicatorId);
    return { indicatorId: indicator.indicatorId, value: o.value };
  });
}

/**
 * A parsed realisation against the line: the period in its year, the outputs' indicators defined, one
 * granularity (months or quarters) per line, the date inside the year and inside the period.
 */
export function decideRealisation(state: PlanLineState, command: RecordRealisationInput): ParsedChange<RealisationRecordedData> {
  const line = requireLine(state);
  const { period } = command;
  assertPeriodInYear(period, line.year);
  const amount = command.amount === null ? null : toAmountString(command.amount);
  const outputs = resolveOutputs(state, command.outputs);
  const granularity = state.realisationGranularity;
  if (granularity && granularity !== period.granularity) {
    throw ruleBroken(
      'REALISATION_GRANULARITY_MIXED',
      msg('REALISATION_GRANULARITY_MIXED', {
        code: line.code,
        granularity: msg(`GRANULARITY.${granularity}`),
        periodGranularity: msg(`GRANULARITY.${period.granularity}`),
        period: period.key,
      }),
      'period',
    );
  }
  const effectiveDate = command.effectiveDate ?? period.endDate;
  if (command.effectiveDate !== null) assertInFiscalYear(effectiveDate, line.year, 'effectiveDate');
  // Spending takes effect inside its period: a date outside it would test it against another period's pagu.
  if (effectiveDate < period.startDate || effectiveDate > period.endDate) {
    throw ruleBroken(
      'EFFECTIVE_DATE_OUTSIDE_PERIOD',
      msg('EFFECTIVE_DATE_OUTSIDE_PERIOD', { date: effectiveDate, period: period.key, start: period.startDate, end: period.endDate }),
      'effectiveDate',
    );
  }
  return { data: { period: period.key, amount, outputs }, effectiveDate, legalBasis: command.legalBasis, reason: command.reason };
}

/** A realisation's fields as sent (a correction's replacement), parsed strictly for the line's year and decided against it. */
export function parseRealisation(state: PlanLineState, input: Record<string, unknown>): ParsedChange<RealisationRecordedData> {
  const line = requireLine(state);
  return decideRealisation(state, parseRecordRealisation(input, 'strict', line.year));
}

/**
 * An indicator's definition from what was sent: name and unit as text within their limits, the direction
 * by `mode` (the API's codes, or naik / turun as people write them). The decider checks the rest against
 * the line (registered, the name not taken).
 */
export function parseIndicatorDefinition(
  input: { name?: unknown; unit?: unknown; direction?: unknown },
  mode: ParseMode,
): { name: string; unit: string; direction: IndicatorDirection } {
  return {
    name: requireText(input.name, 'name', TEXT_LIMITS.indicatorName),
    unit: requireText(input.unit, 'unit', TEXT_LIMITS.indicatorUnit),
    direction: parseDirection(input.direction, mode),
  };
}
