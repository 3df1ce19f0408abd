import { formatRupiah } from '../shared/money';
import { findViolation } from './invariants';
import { paguBreakdown } from './pagu';
import { cumulativeRealisationAt } from './realisation';
import { generatedHistory as history } from '../testing/generated-histories';
import { initialLineState, type PlanLineState } from './state';

/**
 * The invariants as first written: every date recomputed from scratch with the public figures. The
 * one-sweep `findViolation` must find exactly the same violation (rule, date, figures) on any history.
 */
function referenceViolation(state: PlanLineState): { rule: string; message: string } | null {
  const code = state.line?.code ?? '?';
  const dates = [...new Set(state.entries.filter((e) => !e.supersededBy).map((e) => e.effectiveDate))].sort();
  for (const date of dates) {
    const breakdown = paguBreakdown(state, { validAt: date });
    for (const [phase, sources] of breakdown.phases) {
      for (const [source, amount] of sources) {
        if (amount.isNegative()) {
          return {
            rule: 'PAGU_NEGATIVE',
            message: `pagu of line ${code} in phase ${phase} for funding source ${source} would be ${formatRupiah(amount)} on ${date}; pagu can never be negative`,
          };
        }
      }
    }
    const realised = cumulativeRealisationAt(state, date);
    if (realised.greaterThan(breakdown.executablePagu)) {
      const ceiling = breakdown.executablePhase
        ? `the ${breakdown.executablePhase} pagu in effect then, ${formatRupiah(breakdown.executablePagu)}`
        : 'any executable pagu (no APBD, PERGESERAN or APBD_P amount was in effect then)';
      return {
        rule: 'REALISATION_EXCEEDS_PAGU',
        message: `cumulative realisation of line ${code} would be ${formatRupiah(realised)} on ${date}, above ${ceiling}`,
      };
    }
  }
  return null;
}

describe('line invariants: one sweep over the history', () => {
  it('finds the same violation as recomputing every date from scratch, on 3,000 generated histories', () => {
    const outcomes = { none: 0, PAGU_NEGATIVE: 0, REALISATION_EXCEEDS_PAGU: 0 };
    for (let seed = 1; seed <= 3000; seed++) {
      const state = history(seed);
      const expected = referenceViolation(state);
      const found = findViolation(state);
      expect({ seed, violation: found && { rule: found.rule, message: found.message } }).toEqual({ seed, violation: expected });
      outcomes[(expected?.rule ?? 'none') as keyof typeof outcomes]++;
    }
    // The generator reaches every outcome often enough for the comparison to mean something.
    expect(Math.min(...Object.values(outcomes))).toBeGreaterThan(100);
  });

  it('accepts an empty line', () => {
    expect(findViolation(initialLineState())).toBeNull();
  });
});
