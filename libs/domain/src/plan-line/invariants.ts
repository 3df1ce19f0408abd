import { ruleBroken, type DomainError } from '../shared/errors';
import type Decimal from 'decimal.js';
import { decimalOf, Money } from '../shared/money';
import { msg } from '../shared/messages/message';
import { entriesAsOf } from './as-of';
import { LINE_EVENT_TYPES, type LineEvent } from './events';
import { breakdownOf, changesPagu, type PaguBreakdown } from './pagu';
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
  const swept = sweep(state.line?.code ?? '?', entriesAsOf(state), START); // not superseded, in effective order
  if (!('realised' in swept)) return swept;
  valid.set(state.entries, swept);
  return null;
}

/** Where a sweep of a line without violation ended: what the next entries, in effective order after these, start from. */
interface Sweep {
  /** The pagu entries in force so far, in effective order. */
  paguEntries: readonly LineEntry[];
  breakdown: PaguBreakdown;
  realised: Decimal;
  /** The effective date of the last group swept (null before any), and whether that group changed a pagu. */
  lastDate: string | null;
  lastChanged: boolean;
}

const START: Sweep = { paguEntries: [], breakdown: breakdownOf([]), realised: new Money(0), lastDate: null, lastChanged: false };

/** The end of the sweep of entries arrays known to hold no violation (states never change theirs: evolve makes a new one). */
const valid = new WeakMap<readonly LineEntry[], Sweep>();

/**
 * Sweeps `entries` (in effective order, all at or after `from.lastDate`) on from where an earlier sweep ended:
 * a group on `from.lastDate` continues that sweep's last group. The first violation, or where the sweep ends.
 */
function sweep(code: string, entries: readonly LineEntry[], from: Sweep): DomainError | Sweep {
  let paguEntries = from.paguEntries;
  let breakdown = from.breakdown;
  let realised = from.realised;
  let lastDate = from.lastDate;
  let lastChanged = from.lastChanged;
  for (let i = 0; i < entries.length;) {
    const date = entries[i].effectiveDate;
    let paguChanged = date === lastDate && lastChanged;
    for (; i < entries.length && entries[i].effectiveDate === date; i++) {
      const entry = entries[i];
      if (changesPagu(entry)) {
        paguEntries = [...paguEntries, entry];
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
    lastDate = date;
    lastChanged = paguChanged;
  }
  return { paguEntries, breakdown, realised, lastDate, lastChanged };
}

/**
 * `findViolation(after)` where `after` is `before` with `events` folded in, and `before` was found without
 * violation: when the events only add entries at or after the last effective date in force (an import's
 * rows in date order), the sweep goes on from where `before`'s ended (the dates before are swept exactly as
 * they were, without violation); otherwise (a correction, an earlier date, `before` not checked) the whole
 * sweep. The same answer as `findViolation(after)` either way (invariants.spec.ts compares them).
 */
export function findViolationAfter(before: PlanLineState, after: PlanLineState, events: readonly LineEvent[]): DomainError | null {
  const from = valid.get(before.entries);
  const added = after.entries.length - before.entries.length;
  if (!from || events.some((e) => e.type === LINE_EVENT_TYPES.corrected) || added < 0) return findViolation(after);
  const entries = after.entries.slice(before.entries.length);
  let date = from.lastDate ?? '';
  for (const entry of entries) {
    if (entry.supersededBy || entry.effectiveDate < date) return findViolation(after);
    date = entry.effectiveDate;
  }
  const swept = sweep(after.line?.code ?? '?', entries, from);
  if (!('realised' in swept)) return swept;
  valid.set(after.entries, swept);
  return null;
}

export function assertInvariants(state: PlanLineState): void {
  const violation = findViolation(state);
  if (violation) throw violation;
}
