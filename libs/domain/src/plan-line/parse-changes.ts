import { assertInFiscalYear, parseIsoDate } from '../shared/dates';
import { invalid, notFound, ruleBroken } from '../shared/errors';
import { parseLegalBasis, parseReason, requireLegalBasisAndReason, type LegalBasis } from '../shared/legal-basis';
import { parseAmount, parseDecimalValue, toAmountString } from '../shared/money';
import { assertPeriodInYear, parsePeriod } from '../shared/period';
import type { IndicatorDefinedData, OutputValue, PaguChangedData, RealisationRecordedData, TargetRevisedData } from './events';
import { FUNDING_SOURCE_PATTERN, isPhase, PHASES, PHASES_NEEDING_LEGAL_BASIS } from './phases';
import type { PlanLineState } from './state';

/** A validated change: event data plus the metadata it is recorded with. */
export interface ParsedChange<D> {
  data: D;
  effectiveDate: string;
  legalBasis: LegalBasis | null;
  reason: string | null;
}

export function requireLine(state: PlanLineState) {
  if (!state.line)
    throw notFound('LINE_NOT_REGISTERED', 'the plan line is not registered: register it before recording anything on it', 'code');
  return state.line;
}

export function effectiveDateIn(state: PlanLineState, value: unknown, field = 'effectiveDate'): string {
  const date = parseIsoDate(value, field);
  assertInFiscalYear(date, requireLine(state).year, field);
  return date;
}

export function resolveIndicator(state: PlanLineState, ref: unknown, field = 'indicator'): IndicatorDefinedData {
  if (typeof ref !== 'string' || ref.trim() === '')
    throw invalid(field, 'is required: an indicator id such as "IK-1" or its exact name', 'INDICATOR_REQUIRED');
  const found = state.indicators.find((i) => i.indicatorId === ref || i.name === ref.trim());
  if (!found) {
    const known = state.indicators.map((i) => `${i.indicatorId} (${i.name})`).join(', ') || 'none defined';
    throw notFound('INDICATOR_UNKNOWN', `indicator "${ref}" is not defined on line ${state.line?.code}; known: ${known}`, field);
  }
  return found;
}

export function parseFundingSource(value: unknown, field = 'fundingSource'): string {
  if (typeof value !== 'string' || !FUNDING_SOURCE_PATTERN.test(value.trim().toUpperCase())) {
    throw invalid(
      field,
      'is required: a funding source code such as APBD, PAD, DAU, DAK, DBH or DID (letters, digits, _ or -)',
      'FUNDING_SOURCE_FORMAT',
    );
  }
  return value.trim().toUpperCase();
}

export function parsePaguChange(state: PlanLineState, input: Record<string, unknown>): ParsedChange<PaguChangedData> {
  requireLine(state);
  if (!isPhase(input.phase)) throw invalid('phase', `must be one of ${PHASES.join(', ')}`, 'PHASE_UNKNOWN');
  const phase = input.phase;
  const fundingSource = parseFundingSource(input.fundingSource);
  const hasAmount = input.amount !== undefined && input.amount !== null;
  const hasDelta = input.delta !== undefined && input.delta !== null;
  if (hasAmount === hasDelta) {
    throw invalid(
      'amount',
      'send exactly one of "amount" (sets the source\'s amount in this phase) and "delta" (adds a signed change)',
      'AMOUNT_OR_DELTA',
    );
  }
  const operation = hasAmount ? 'set' : 'add';
  const amount = hasAmount ? parseAmount(input.amount, 'amount') : parseAmount(input.delta, 'delta', { signed: true });
  if (operation === 'add' && amount.isZero()) throw invalid('delta', 'must not be zero', 'DELTA_ZERO');
  const effectiveDate = effectiveDateIn(state, input.effectiveDate);
  let legalBasis = parseLegalBasis(input.legalBasis);
  let reason = parseReason(input.reason);
  if (PHASES_NEEDING_LEGAL_BASIS.includes(phase) || operation === 'add') {
    const why = operation === 'add' ? `an addition to the ${phase} pagu` : `a change to the ${phase} pagu`;
    ({ legalBasis, reason } = requireLegalBasisAndReason(legalBasis, reason, why));
  }
  return { data: { phase, fundingSource, operation, amount: toAmountString(amount) }, effectiveDate, legalBasis, reason };
}

export function parseTargetRevision(state: PlanLineState, input: Record<string, unknown>): ParsedChange<TargetRevisedData> {
  requireLine(state);
  const indicator = resolveIndicator(state, input.indicator ?? input.indicatorId);
  const value = parseDecimalValue(input.value, 'value');
  const reason = parseReason(input.reason);
  if (!reason) throw ruleBroken('REASON_REQUIRED', 'a target revision must carry a reason', 'reason');
  return {
    data: { indicatorId: indicator.indicatorId, value: value.toString() },
    effectiveDate: effectiveDateIn(state, input.effectiveDate),
    legalBasis: parseLegalBasis(input.legalBasis),
    reason,
  };
}

function parseOutputs(state: PlanLineState, value: unknown): OutputValue[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('outputs', 'must be a list of {indicator, value}', 'OUTPUTS_FORMAT');
  const seen = new Set<string>();
  return value.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw invalid(`outputs[${i}]`, 'must be an object {indicator, value}', 'OUTPUTS_FORMAT');
    const o = item as Record<string, unknown>;
    const indicator = resolveIndicator(state, o.indicator ?? o.indicatorId, `outputs[${i}].indicator`);
    if (seen.has(indicator.indicatorId))
      throw invalid(`outputs[${i}].indicator`, `${indicator.indicatorId} is listed twice`, 'OUTPUTS_DUPLICATE');
    seen.add(indicator.indicatorId);
    return { indicatorId: indicator.indicatorId, value: parseDecimalValue(o.value, `outputs[${i}].value`).toString() };
  });
}

export function parseRealisation(state: PlanLineState, input: Record<string, unknown>): ParsedChange<RealisationRecordedData> {
  const line = requireLine(state);
  const period = parsePeriod(input.period);
  assertPeriodInYear(period, line.year);
  const amount = input.amount === undefined || input.amount === null ? null : toAmountString(parseAmount(input.amount, 'amount'));
  const outputs = parseOutputs(state, input.outputs);
  if (amount === null && outputs.length === 0) throw invalid('amount', 'send an amount, outputs, or both', 'REALISATION_EMPTY');
  const granularity = state.realisationGranularity;
  if (granularity && granularity !== period.granularity) {
    throw ruleBroken(
      'REALISATION_GRANULARITY_MIXED',
      `line ${line.code} records realisation by ${granularity}; a ${period.granularity} period (${period.key}) would count money twice`,
      'period',
    );
  }
  const effectiveDate =
    input.effectiveDate === undefined || input.effectiveDate === null ? period.endDate : effectiveDateIn(state, input.effectiveDate);
  // Spending takes effect inside its period: a date outside it would test it against another period's pagu.
  if (effectiveDate < period.startDate || effectiveDate > period.endDate) {
    throw ruleBroken(
      'EFFECTIVE_DATE_OUTSIDE_PERIOD',
      `effectiveDate ${effectiveDate} lies outside period ${period.key} (${period.startDate} … ${period.endDate})`,
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
