import type { HistoryEntry, PaguTrail } from '../line/line-types';
import type { CorrectionValues } from './correction-body';
import type { CorrectableKind } from './may-correct';

/**
 * The entry's figures as the form's starting values, where the server's answers give them exactly:
 * pagu and shifts from the pagu trail's step of that event (phase, source, the stated amount),
 * a target from its figure, a realisation's amount when it was the first in its quarter. What is not
 * known is left out: an empty field then keeps the recorded value (only sent fields are replaced).
 */
export function recordedValues(kind: CorrectableKind, entry: HistoryEntry, trail: PaguTrail | undefined): Partial<CorrectionValues> {
  const values: Partial<CorrectionValues> = entry.effectiveDate ? { effectiveDate: entry.effectiveDate } : {};
  if (kind === 'pagu' || kind === 'shift') {
    const step = trail?.lines.flatMap((l) => l.steps).find((s) => s.eventId === entry.eventId);
    if (!step?.statedAmount) return values;
    if (kind === 'shift') return { ...values, amount: step.statedAmount.replace(/^-/, '') };
    return {
      ...values,
      phase: step.phase,
      fundingSource: step.fundingSource ?? '',
      ...(step.kind === 'pagu_add' ? { delta: step.statedAmount } : { amount: step.statedAmount }),
    };
  }
  if (kind === 'target') {
    const figure = entry.changes.find((c) => c.figure.startsWith('target.'));
    return figure?.to != null ? { ...values, value: figure.to } : values;
  }
  const quarter = entry.changes.find((c) => /^realisation\.Q[1-4]$/.test(c.figure));
  return quarter && quarter.from === null && quarter.to !== null && !entry.correctsEventId ? { ...values, amount: quarter.to } : values;
}
