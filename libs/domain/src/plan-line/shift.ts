import { invalid, ruleBroken } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { parseLegalBasis, parseReason, requireLegalBasisAndReason } from '../shared/legal-basis';
import { assertInFiscalYear } from '../shared/dates';
import { parseAmount, toAmountString } from '../shared/money';
import { correctableEntry } from './correct';
import { paguBreakdown } from './pagu';
import { checked } from './decide';
import { LINE_EVENT_TYPES, type EventCorrected, type LineEvent, type PaguShifted } from './events';
import type { ShiftBudget } from './commands';
import { requireLine } from './parse-changes';
import type { LineEntry, PlanLineState } from './state';

/** Decides both legs; the handler appends them to the two streams in one transaction. */
export function decideShift(command: ShiftBudget, from: PlanLineState, to: PlanLineState): { out: LineEvent[]; in: LineEvent[] } {
  const fromLine = requireLine(from);
  const toLine = requireLine(to);
  if (fromLine.code === toLine.code) throw invalid('toCode', msg('SHIFT_SAME_LINE'), 'SHIFT_SAME_LINE');
  if (fromLine.year !== toLine.year || fromLine.officeCode !== toLine.officeCode) {
    throw ruleBroken('SHIFT_ACROSS_OFFICES', msg('SHIFT_ACROSS_OFFICES'), 'toCode');
  }
  const { amount, fundingSource, effectiveDate } = command;
  if (!amount.isPositive() || amount.isZero()) throw invalid('amount', msg('SHIFT_AMOUNT_NOT_POSITIVE'), 'SHIFT_AMOUNT_NOT_POSITIVE');
  assertInFiscalYear(effectiveDate, fromLine.year, 'effectiveDate');
  const { legalBasis, reason } = requireLegalBasisAndReason(command.legalBasis, command.reason, msg('WHY.shift'));
  const revised = [from, to].some((s) => paguBreakdown(s, { validAt: effectiveDate }).phases.has('APBD_P'));
  const phase = revised ? 'APBD_P' : 'PERGESERAN';
  const leg = (id: string, direction: 'out' | 'in', counterpartCode: string): PaguShifted => ({
    id,
    type: LINE_EVENT_TYPES.paguShifted,
    data: { shiftId: command.shiftId, phase, direction, counterpartCode, fundingSource, amount: toAmountString(amount) },
    effectiveDate,
    legalBasis,
    reason,
  });
  return {
    out: checked(from, [leg(command.outEventId, 'out', toLine.code)]),
    in: checked(to, [leg(command.inEventId, 'in', fromLine.code)]),
  };
}

export interface CorrectShift {
  type: 'CorrectShift';
  /** Id of either leg of the shift. */
  correctedEventId: string;
  /** Ids of the two correcting events: one for the line holding correctedEventId, one for the counterpart. */
  eventId: string;
  counterpartEventId: string;
  reason: unknown;
  legalBasis: unknown;
  /** { amount } to change the shifted amount; absent: the shift is reversed on both lines. */
  replacement?: Record<string, unknown>;
}

/** Corrects both legs of a shift together, so the two lines never disagree about it. */
export function decideShiftCorrection(
  command: CorrectShift,
  line: PlanLineState,
  counterpart: PlanLineState,
): { line: LineEvent[]; counterpart: LineEvent[] } {
  const leg = correctableEntry(line, command.correctedEventId);
  if (leg.kind !== 'shift') throw invalid('eventId', msg('NOT_A_SHIFT', { eventId: command.correctedEventId }), 'NOT_A_SHIFT');
  // The other leg: same shift, opposite direction, on the line this leg names as its counterpart.
  const other =
    counterpart.line?.code === leg.data.counterpartCode
      ? counterpart.entries.find(
          (e) => e.kind === 'shift' && e.data.shiftId === leg.data.shiftId && e.data.direction !== leg.data.direction && !e.supersededBy,
        )
      : undefined;
  if (!other)
    throw ruleBroken('SHIFT_LEG_MISSING', msg('SHIFT_LEG_MISSING', { shiftId: leg.data.shiftId, code: counterpart.line?.code ?? '?' }));
  const { legalBasis, reason } = requireLegalBasisAndReason(
    parseLegalBasis(command.legalBasis),
    parseReason(command.reason),
    msg('WHY.shift_correction'),
  );
  const fields = command.replacement ?? {};
  const unknownFields = Object.keys(fields).filter((k) => k !== 'amount');
  if (unknownFields.length > 0) throw invalid(unknownFields[0], msg('SHIFT_CORRECTION_FIELD'), 'SHIFT_CORRECTION_FIELD');
  const amount = fields.amount === undefined ? null : toAmountString(parseAmount(fields.amount, 'amount'));
  if (amount !== null && isZeroAmount(amount))
    throw invalid('amount', msg('SHIFT_AMOUNT_NOT_POSITIVE.correction'), 'SHIFT_AMOUNT_NOT_POSITIVE');
  const correction = (id: string, entry: LineEntry): EventCorrected => ({
    id,
    type: LINE_EVENT_TYPES.corrected,
    data: {
      correctedEventId: entry.eventId,
      correctedType: LINE_EVENT_TYPES.paguShifted,
      replacement:
        amount === null ? null : { data: { ...(entry.data as PaguShifted['data']), amount }, effectiveDate: entry.effectiveDate },
    },
    effectiveDate: entry.effectiveDate,
    legalBasis,
    reason,
  });
  return {
    line: checked(line, [correction(command.eventId, leg)]),
    counterpart: checked(counterpart, [correction(command.counterpartEventId, other)]),
  };
}

const isZeroAmount = (amount: string): boolean => /^0+(\.0+)?$/.test(amount);
