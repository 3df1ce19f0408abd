import { conflict, invalid, notFound, ruleBroken } from '../shared/errors';
import { msg } from '../shared/messages/message';
import { requireLegalBasisAndReason } from '../shared/legal-basis';
import type { CorrectEvent } from './commands';
import { LINE_EVENT_TYPES, type CorrectableData, type EventCorrected } from './events';
import { parsePaguChange, parseRealisation, parseTargetRevision, requireLine, type ParsedChange } from './parse-changes';
import { realisationGranularityOf } from './evolve';
import type { LineEntry, PlanLineState } from './state';

/** The entry a correction may target: recorded on this line and not corrected already. */
export function correctableEntry(state: PlanLineState, eventId: string): LineEntry {
  requireLine(state);
  const entry = state.entries.find((e) => e.eventId === eventId);
  if (!entry) {
    throw ruleBroken('EVENT_NOT_CORRECTABLE', msg('EVENT_NOT_CORRECTABLE', { eventId }), 'eventId');
  }
  if (entry.supersededBy) {
    throw conflict('EVENT_ALREADY_CORRECTED', msg('EVENT_ALREADY_CORRECTED', { eventId, by: entry.supersededBy.eventId }), 'eventId');
  }
  return entry;
}

/** The original change expressed as the fields of the command that produced it. */
function originalFields(entry: LineEntry): Record<string, unknown> {
  const common = { effectiveDate: entry.effectiveDate, legalBasis: entry.legalBasis };
  switch (entry.kind) {
    case 'pagu': {
      const { phase, fundingSource, operation, amount } = entry.data;
      return { ...common, phase, fundingSource, ...(operation === 'set' ? { amount } : { delta: amount }) };
    }
    case 'target':
      return { ...common, indicator: entry.data.indicatorId, value: entry.data.value };
    case 'realisation':
      return { ...common, period: entry.data.period, amount: entry.data.amount, outputs: entry.data.outputs };
    case 'shift':
      return { ...common, amount: entry.data.amount };
  }
}

/** The replacement: the original's fields overlaid with those sent; amount and delta replace each other. */
export function mergeReplacement(entry: LineEntry, replacement: Record<string, unknown>, reason: string): Record<string, unknown> {
  const base = originalFields(entry);
  if ('amount' in replacement && entry.kind === 'pagu') delete base.delta;
  if ('delta' in replacement && entry.kind === 'pagu') delete base.amount;
  // A realisation moved to another period takes that period's default date, not the old period's.
  if (
    entry.kind === 'realisation' &&
    'period' in replacement &&
    replacement.period !== entry.data.period &&
    !('effectiveDate' in replacement)
  ) {
    delete base.effectiveDate;
  }
  return { ...base, ...replacement, reason };
}

function parseReplacement(state: PlanLineState, entry: LineEntry, fields: Record<string, unknown>): ParsedChange<CorrectableData> {
  switch (entry.kind) {
    case 'pagu':
      return parsePaguChange(state, fields);
    case 'target':
      return parseTargetRevision(state, fields);
    case 'realisation':
      // The granularity rule must not count the corrected realisation itself, but must count all others.
      return parseRealisation(
        { ...state, realisationGranularity: realisationGranularityOf(state.entries.filter((e) => e !== entry)) },
        fields,
      );
    case 'shift':
      throw invalid('eventId', msg('SHIFT_CORRECTION'), 'SHIFT_CORRECTION');
  }
}

const needsLegalBasis = (entry: LineEntry) =>
  entry.kind === 'shift' || (entry.kind === 'pagu' && (entry.legalBasis !== null || entry.data.operation === 'add'));

export function decideCorrection(command: CorrectEvent, state: PlanLineState): EventCorrected {
  const entry = correctableEntry(state, command.correctedEventId);
  // Reversing or replacing one leg alone would leave the two lines disagreeing about the shift.
  if (entry.kind === 'shift') throw invalid('eventId', msg('SHIFT_CORRECTION'), 'SHIFT_CORRECTION');
  const reason = command.reason;
  if (!reason) throw ruleBroken('REASON_REQUIRED', msg('REASON_REQUIRED', { why: msg('WHY.correction') }), 'reason');
  let legalBasis = command.legalBasis;
  if (needsLegalBasis(entry)) ({ legalBasis } = requireLegalBasisAndReason(legalBasis, reason, msg('WHY.budget_correction')));
  const fields = command.replacement ?? {};
  const replacement = Object.keys(fields).length === 0 ? null : parseReplacement(state, entry, mergeReplacement(entry, fields, reason));
  if (!state.line) throw notFound('LINE_NOT_REGISTERED', msg('LINE_NOT_REGISTERED'));
  return {
    id: command.eventId,
    type: LINE_EVENT_TYPES.corrected,
    data: {
      correctedEventId: entry.eventId,
      correctedType: typeForKind[entry.kind],
      replacement: replacement && { data: replacement.data, effectiveDate: replacement.effectiveDate },
    },
    effectiveDate: replacement?.effectiveDate ?? entry.effectiveDate,
    legalBasis,
    reason,
  };
}

export const typeForKind: Record<LineEntry['kind'], string> = {
  pagu: LINE_EVENT_TYPES.paguChanged,
  shift: LINE_EVENT_TYPES.paguShifted,
  target: LINE_EVENT_TYPES.targetRevised,
  realisation: LINE_EVENT_TYPES.realisationRecorded,
};
