import { assertInFiscalYear, parseIsoDate } from '../shared/dates';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { parseLegalBasis, parseReason, requireLegalBasisAndReason, requireText, TEXT_LIMITS, type LegalBasis } from '../shared/legal-basis';
import { parseAmount, parseDecimalValue, toAmountString } from '../shared/money';
import { assertPeriodInYear, parsePeriod } from '../shared/period';
import type {
  IndicatorDefinedData,
  IndicatorDirection,
  OutputValue,
  PaguChangedData,
  RealisationRecordedData,
  TargetRevisedData,
} from './events';
import { parseDirection, parsePhase, periodFromAlias, type ParseMode } from '../shared/readings';
import { FUNDING_SOURCE_PATTERN, PHASES_NEEDING_LEGAL_BASIS } from './phases';
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

export function parseFundingSource(value: unknown, field = 'fundingSource'): string {
  if (typeof value !== 'string' || !FUNDING_SOURCE_PATTERN.test(value.trim().toUpperCase())) {
    throw invalid(field, msg('FUNDING_SOURCE_FORMAT'), 'FUNDING_SOURCE_FORMAT');
  }
  return value.trim().toUpperCase();
}

export function parsePaguChange(state: PlanLineState, input: Record<string, unknown>): ParsedChange<PaguChangedData> {
  requireLine(state);
  const phase = parsePhase(input.phase, 'strict');
  const fundingSource = parseFundingSource(input.fundingSource);
  const hasAmount = input.amount !== undefined && input.amount !== null;
  const hasDelta = input.delta !== undefined && input.delta !== null;
  if (hasAmount === hasDelta) {
    throw invalid('amount', msg('AMOUNT_OR_DELTA'), 'AMOUNT_OR_DELTA');
  }
  const operation = hasAmount ? 'set' : 'add';
  const amount = hasAmount ? parseAmount(input.amount, 'amount') : parseAmount(input.delta, 'delta', { signed: true });
  if (operation === 'add' && amount.isZero()) throw invalid('delta', msg('DELTA_ZERO'), 'DELTA_ZERO');
  const effectiveDate = effectiveDateIn(state, input.effectiveDate);
  let legalBasis = parseLegalBasis(input.legalBasis);
  let reason = parseReason(input.reason);
  if (PHASES_NEEDING_LEGAL_BASIS.includes(phase) || operation === 'add') {
    const why = msg(operation === 'add' ? 'WHY.pagu_addition' : 'WHY.pagu_change', { phase });
    ({ legalBasis, reason } = requireLegalBasisAndReason(legalBasis, reason, why));
  }
  return { data: { phase, fundingSource, operation, amount: toAmountString(amount) }, effectiveDate, legalBasis, reason };
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

function parseOutputs(state: PlanLineState, value: unknown): OutputValue[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('outputs', msg('OUTPUTS_FORMAT'), 'OUTPUTS_FORMAT');
  const seen = new Set<string>();
  return value.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw invalid(`outputs[${i}]`, msg('OUTPUTS_FORMAT.item'), 'OUTPUTS_FORMAT');
    const o = item as Record<string, unknown>;
    const indicator = resolveIndicator(state, o.indicator ?? o.indicatorId, `outputs[${i}].indicator`);
    if (seen.has(indicator.indicatorId))
      throw invalid(`outputs[${i}].indicator`, msg('OUTPUTS_DUPLICATE', { indicator: indicator.indicatorId }), 'OUTPUTS_DUPLICATE');
    seen.add(indicator.indicatorId);
    return { indicatorId: indicator.indicatorId, value: parseDecimalValue(o.value, `outputs[${i}].value`).toString() };
  });
}

export function parseRealisation(state: PlanLineState, input: Record<string, unknown>): ParsedChange<RealisationRecordedData> {
  const line = requireLine(state);
  const period = parsePeriod(periodFromAlias(input.period, line.year));
  assertPeriodInYear(period, line.year);
  const amount = input.amount === undefined || input.amount === null ? null : toAmountString(parseAmount(input.amount, 'amount'));
  const outputs = parseOutputs(state, input.outputs);
  if (amount === null && outputs.length === 0) throw invalid('amount', msg('REALISATION_EMPTY'), 'REALISATION_EMPTY');
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
  const effectiveDate =
    input.effectiveDate === undefined || input.effectiveDate === null ? period.endDate : effectiveDateIn(state, input.effectiveDate);
  // Spending takes effect inside its period: a date outside it would test it against another period's pagu.
  if (effectiveDate < period.startDate || effectiveDate > period.endDate) {
    throw ruleBroken(
      'EFFECTIVE_DATE_OUTSIDE_PERIOD',
      msg('EFFECTIVE_DATE_OUTSIDE_PERIOD', { date: effectiveDate, period: period.key, start: period.startDate, end: period.endDate }),
      'effectiveDate',
    );
  }
  return {
    data: { period: period.key, amount, outputs },
    effectiveDate,
    legalBasis: parseLegalBasis(input.legalBasis),
    reason: parseReason(input.reason),
  };
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
