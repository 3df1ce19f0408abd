import { ruleBroken, type DomainError } from '../shared/errors';
import type Decimal from 'decimal.js';
import { decimalOf, Money } from '../shared/money';
import { msg } from '../shared/messages/message';
import { entriesAsOf } from './as-of';
import { breakdownOf, changesPagu } from './pagu';
import type { LineEntry, PlanLineState } from './state';

/**
 * Rules that must hold on every effective date of a line's history, checked on the state a command
 * would produce: no phase or funding source below zero, and cumulative realisation never above the
 * executable pagu in effect on the date of each realisation.
 *
 * One sweep over the entries in force, in effective order: the state on each date is a prefix of that
 * order, so the cumulative realisation grows by addition and the pagu breakdown is recomputed only on
 * dates that change a pagu (from the few pagu entries, not every entry). The figures are exactly those
 * of `paguBreakdown` and `cumulativeRealisationAt` for that date; a line of n entries costs O(n) sums
 * instead of O(n²) — this runs on every decision, and an import decides thousands in a row.
 */
export function findViolation(state: PlanLineState): DomainError | null {
  const code = state.line?.code ?? '?';
  const inForce = entriesAsOf(state); // not superseded, in effective order
  const paguEntries: LineEntry[] = [];
  let breakdown = breakdownOf(paguEntries);
  let realised: Decimal = new Money(0);
  for (let i = 0; i < inForce.length;) {
    const date = inForce[i].effectiveDate;
    let paguChanged = false;
    for (; i < inForce.length && inForce[i].effectiveDate === date; i++) {
      const entry = inForce[i];
      if (changesPagu(entry)) {
        paguEntries.push(entry);
        paguChanged = true;
      } else if (entry.kind === 'realisation' && entry.data.amount !== null) {
        realised = realised.plus(decimalOf(entry.data.amount));
      }
    }
    if (paguChanged) {
      breakdown = breakdownOf(paguEntries);
      for (const [phase, sources] of breakdown.phases) {
        for (const [source, amount] of sources) {
          if (amount.isNegative()) {
            return ruleBroken('PAGU_NEGATIVE', msg('PAGU_NEGATIVE', { code, phase, source, amount: amount.toFixed(2), date }), 'amount', {
              line: code,
              phase,
              fundingSource: source,
              amount: amount.toFixed(2),
              date,
            });
          }
        }
      }
    }
    if (realised.greaterThan(breakdown.executablePagu)) {
      const ceiling = breakdown.executablePhase
        ? msg('CEILING.phase', { phase: breakdown.executablePhase, pagu: breakdown.executablePagu.toFixed(2) })
        : msg('CEILING.none');
      return ruleBroken(
        'REALISATION_EXCEEDS_PAGU',
        msg('REALISATION_EXCEEDS_PAGU', { code, cumulative: realised.toFixed(2), date, ceiling }),
        'amount',
        {
          line: code,
          cumulative: realised.toFixed(2),
          date,
          pagu: breakdown.executablePagu.toFixed(2),
          ...(breakdown.executablePhase && { phase: breakdown.executablePhase }),
        },
      );
    }
  }
  return null;
}

export function assertInvariants(state: PlanLineState): void {
  const violation = findViolation(state);
  if (violation) throw violation;
}
