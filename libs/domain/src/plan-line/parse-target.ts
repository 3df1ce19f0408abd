import type Decimal from 'decimal.js';
import { assertInFiscalYear } from '../shared/dates';
import { invalid, ruleBroken } from '../shared/errors';
import { parseLegalBasis, parseReason, requireText, TEXT_LIMITS } from '../shared/legal-basis';
import { msg } from '../shared/messages/message';
import { parseDate } from '../shared/parse-date';
import { parseMoney } from '../shared/parse-money';
import { isGiven, parseDecimalIn } from '../shared/parse-values';
import type { ParseMode } from '../shared/readings';
import type { CorrectEvent, RecordRenstra, RegisterLine, ReviseTarget } from './commands';
import type { TargetRevisedData } from './events';
import { requireLine, resolveIndicator, type ParsedChange } from './parse-changes';
import { parsePlanCode } from './plan-code';
import type { PlanLineState } from './state';

/** What an edge sends for a command: everything but its type, the ids the pipeline chooses and the facts it looks up. */
type Sent<C, Looked extends string = never> = Omit<C, 'type' | 'eventId' | Looked>;

/**
 * An indicator as a command names it: its id ("IK-1") or its exact name, kept as sent (the decider
 * looks it up on the line: by id as sent, by name trimmed).
 */
export function parseIndicatorRef(value: unknown, field = 'indicator'): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, msg('INDICATOR_REQUIRED'), 'INDICATOR_REQUIRED');
  return value;
}

/** A line's registration: its Permendagri 90 code (level and parent read from it) and its name within TEXT_LIMITS. */
export function parseRegisterLine(
  input: { year: number; officeCode: string; code?: unknown; name?: unknown },
  mode: ParseMode,
): Sent<RegisterLine, 'officeRegistered' | 'parentRegistered'> {
  void mode;
  return {
    year: input.year,
    officeCode: input.officeCode,
    code: parsePlanCode(input.code),
    name: requireText(input.name, 'name', TEXT_LIMITS.lineName),
  };
}

/**
 * A target revision: the indicator named, the value a decimal, a reason (always required), an ISO date
 * (lenient: also as people write them), an optional legal basis. That the indicator exists and the date
 * falls in the line's year is decided against the line.
 */
export function parseReviseTarget(
  input: { indicator?: unknown; value?: unknown; reason?: unknown; effectiveDate?: unknown; legalBasis?: unknown },
  mode: ParseMode,
): Sent<ReviseTarget> {
  const indicator = parseIndicatorRef(input.indicator);
  const value = parseDecimalIn(input.value, mode, 'value');
  const reason = parseReason(input.reason);
  if (!reason) throw ruleBroken('REASON_REQUIRED', msg('REASON_REQUIRED', { why: msg('WHY.target_revision') }), 'reason');
  return {
    indicator,
    value,
    reason,
    effectiveDate: parseDate(input.effectiveDate, mode, 'effectiveDate'),
    legalBasis: parseLegalBasis(input.legalBasis),
  };
}

const amountOrNull = (value: unknown, mode: ParseMode, field: string): Decimal | null =>
  isGiven(value) ? parseMoney(value, mode, field) : null;
const valueOrNull = (value: unknown, mode: ParseMode, field: string): Decimal | null =>
  isGiven(value) ? parseDecimalIn(value, mode, field) : null;

/**
 * Renstra figures: at least one; Rupiah as amounts, K as decimal values; a K figure names its indicator
 * (an indicator of the line, decided against it). Without a date, the decider takes the first day of the year.
 */
export function parseRecordRenstra(
  input: {
    indicator?: unknown;
    targetK?: unknown;
    targetRp?: unknown;
    realisedToLastYearK?: unknown;
    realisedToLastYearRp?: unknown;
    effectiveDate?: unknown;
    reason?: unknown;
    legalBasis?: unknown;
  },
  mode: ParseMode,
): Sent<RecordRenstra> {
  const targetRp = amountOrNull(input.targetRp, mode, 'targetRp');
  const realisedToLastYearRp = amountOrNull(input.realisedToLastYearRp, mode, 'realisedToLastYearRp');
  const targetK = valueOrNull(input.targetK, mode, 'targetK');
  const realisedToLastYearK = valueOrNull(input.realisedToLastYearK, mode, 'realisedToLastYearK');
  if ([targetK, targetRp, realisedToLastYearK, realisedToLastYearRp].every((v) => v === null)) {
    throw invalid('targetRp', msg('RENSTRA_EMPTY'), 'RENSTRA_EMPTY');
  }
  const hasK = targetK !== null || realisedToLastYearK !== null;
  // A K figure is in an indicator's unit: without its indicator it means nothing.
  const indicator = hasK || isGiven(input.indicator) ? parseIndicatorRef(input.indicator) : null;
  return {
    indicator,
    targetK,
    targetRp,
    realisedToLastYearK,
    realisedToLastYearRp,
    effectiveDate: isGiven(input.effectiveDate) ? parseDate(input.effectiveDate, mode, 'effectiveDate') : null,
    reason: parseReason(input.reason),
    legalBasis: parseLegalBasis(input.legalBasis),
  };
}

/** Decides a parsed target revision against the line: registered, the indicator one of its own, the date in its year. */
export function targetRevision(state: PlanLineState, command: ReviseTarget): ParsedChange<TargetRevisedData> {
  const line = requireLine(state);
  const indicator = resolveIndicator(state, command.indicator);
  assertInFiscalYear(command.effectiveDate, line.year);
  return {
    data: { indicatorId: indicator.indicatorId, value: command.value.toString() },
    effectiveDate: command.effectiveDate,
    legalBasis: command.legalBasis,
    reason: command.reason,
  };
}

/**
 * A correction's own fields: its reason and legal basis (whether each is required depends on the entry
 * corrected, decided). The replacement stays as sent: it is read over the corrected entry's fields by that
 * kind's parser once the entry is known.
 */
export function parseCorrectEvent(
  input: { correctedEventId: string; reason?: unknown; legalBasis?: unknown; replacement?: Record<string, unknown> },
  mode: ParseMode,
): Sent<CorrectEvent> {
  void mode;
  return {
    correctedEventId: input.correctedEventId,
    reason: parseReason(input.reason),
    legalBasis: parseLegalBasis(input.legalBasis),
    ...(input.replacement === undefined ? {} : { replacement: input.replacement }),
  };
}
