import { ruleBroken, type DomainError } from '../shared/errors';
import { formatRupiah } from '../shared/money';
import { paguBreakdown } from './pagu';
import { cumulativeRealisationAt } from './realisation';
import type { PlanLineState } from './state';

/**
 * Rules that must hold on every effective date of a line's history, checked on the state a command
 * would produce: no phase or funding source below zero, and cumulative realisation never above the
 * executable pagu in effect on the date of each realisation.
 */
export function findViolation(state: PlanLineState): DomainError | null {
  const code = state.line?.code ?? '?';
  const dates = [...new Set(state.entries.filter((e) => !e.supersededBy).map((e) => e.effectiveDate))].sort();
  for (const date of dates) {
    const breakdown = paguBreakdown(state, { validAt: date });
    for (const [phase, sources] of breakdown.phases) {
      for (const [source, amount] of sources) {
        if (amount.isNegative()) {
          return ruleBroken(
            'PAGU_NEGATIVE',
            `pagu of line ${code} in phase ${phase} for funding source ${source} would be ${formatRupiah(amount)} on ${date}; pagu can never be negative`,
            'amount',
          );
        }
      }
    }
    const realised = cumulativeRealisationAt(state, date);
    if (realised.greaterThan(breakdown.executablePagu)) {
      const ceiling = breakdown.executablePhase
        ? `the ${breakdown.executablePhase} pagu in effect then, ${formatRupiah(breakdown.executablePagu)}`
        : 'any executable pagu (no APBD, PERGESERAN or APBD_P amount was in effect then)';
      return ruleBroken(
        'REALISATION_EXCEEDS_PAGU',
        `cumulative realisation of line ${code} would be ${formatRupiah(realised)} on ${date}, above ${ceiling}`,
        'amount',
      );
    }
  }
  return null;
}

export function assertInvariants(state: PlanLineState): void {
  const violation = findViolation(state);
  if (violation) throw violation;
}
