import { invalid } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { parseLegalBasis, parseReason } from '../shared/legal-basis';
import { parseDecimalValue, type Money } from '../shared/money';
import { parseDate } from '../shared/parse-date';
import { parseMoney } from '../shared/parse-money';
import { parsePeriodOf } from '../shared/parse-period';
import { parsePhase, type ParseMode } from '../shared/readings';
import type { ChangePagu, OutputInput, RecordRealisation, ShiftBudget } from './commands';
import { FUNDING_SOURCE_PATTERN, type FundingSource } from './phases';

/** The same in both modes: a code in any case, trimmed and upper-cased. */
export function parseFundingSource(value: unknown, field = 'fundingSource'): FundingSource {
  if (typeof value !== 'string' || !FUNDING_SOURCE_PATTERN.test(value.trim().toUpperCase())) {
    throw invalid(field, msg('FUNDING_SOURCE_FORMAT'), 'FUNDING_SOURCE_FORMAT');
  }
  return value.trim().toUpperCase();
}

const given = (value: unknown) => value !== undefined && value !== null;

export type ChangePaguInput = Omit<ChangePagu, 'type' | 'eventId'>;
export type RecordRealisationInput = Omit<RecordRealisation, 'type' | 'eventId'>;
export type ShiftBudgetInput = Omit<ShiftBudget, 'type' | 'shiftId' | 'outEventId' | 'inEventId'>;

/**
 * A pagu change as sent (phase, fundingSource, exactly one of amount and delta, effectiveDate, reason,
 * legalBasis), parsed by `mode`. The line's rules (the date in its year, a legal basis where the phase
 * needs one, the invariants) are the decider's.
 */
export function parseChangePagu(input: Record<string, unknown>, mode: ParseMode): ChangePaguInput {
  const phase = parsePhase(input.phase, mode);
  const fundingSource = parseFundingSource(input.fundingSource);
  const hasAmount = given(input.amount);
  if (hasAmount === given(input.delta)) throw invalid('amount', msg('AMOUNT_OR_DELTA'), 'AMOUNT_OR_DELTA');
  const operation = hasAmount ? 'set' : 'add';
  const amount: Money = hasAmount ? parseMoney(input.amount, mode, 'amount') : parseMoney(input.delta, mode, 'delta', { signed: true });
  if (operation === 'add' && amount.isZero()) throw invalid('delta', msg('DELTA_ZERO'), 'DELTA_ZERO');
  const effectiveDate = parseDate(input.effectiveDate, mode);
  return {
    phase,
    fundingSource,
    operation,
    amount,
    effectiveDate,
    legalBasis: parseLegalBasis(input.legalBasis),
    reason: parseReason(input.reason),
  };
}

/** Output values are not money: one decimal reader in both modes (the import reads its cells first). */
function parseOutputs(value: unknown): OutputInput[] {
  if (!given(value)) return [];
  if (!Array.isArray(value)) throw invalid('outputs', msg('OUTPUTS_FORMAT'), 'OUTPUTS_FORMAT');
  return value.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) throw invalid(`outputs[${i}]`, msg('OUTPUTS_FORMAT.item'), 'OUTPUTS_FORMAT');
    const o = item as Record<string, unknown>;
    const indicator = o.indicator ?? o.indicatorId;
    if (typeof indicator !== 'string' || indicator.trim() === '')
      throw invalid(`outputs[${i}].indicator`, msg('INDICATOR_REQUIRED'), 'INDICATOR_REQUIRED');
    return { indicator, value: parseDecimalValue(o.value, `outputs[${i}].value`).toString() };
  });
}

/**
 * A realisation as sent, for a line of fiscal year `year` (a quarter alias such as TW IV names a period
 * of that year). The period in the year, the outputs' indicators, the granularity and the dates are the
 * decider's rules.
 */
export function parseRecordRealisation(input: Record<string, unknown>, mode: ParseMode, year: number): RecordRealisationInput {
  const period = parsePeriodOf(input.period, mode, year);
  const amount = given(input.amount) ? parseMoney(input.amount, mode, 'amount') : null;
  const outputs = parseOutputs(input.outputs);
  if (amount === null && outputs.length === 0) throw invalid('amount', msg('REALISATION_EMPTY'), 'REALISATION_EMPTY');
  return {
    period,
    amount,
    outputs,
    effectiveDate: given(input.effectiveDate) ? parseDate(input.effectiveDate, mode) : null,
    legalBasis: parseLegalBasis(input.legalBasis),
    reason: parseReason(input.reason),
  };
}

/** A budget shift as sent (amount, fundingSource, effectiveDate, reason, legalBasis); the lines' rules are the decider's. */
export function parseShiftBudget(input: Record<string, unknown>, mode: ParseMode): ShiftBudgetInput {
  return {
    amount: parseMoney(input.amount, mode, 'amount'),
    fundingSource: parseFundingSource(input.fundingSource),
    effectiveDate: parseDate(input.effectiveDate, mode),
    legalBasis: parseLegalBasis(input.legalBasis),
    reason: parseReason(input.reason),
  };
}
