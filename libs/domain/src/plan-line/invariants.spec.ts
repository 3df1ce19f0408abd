import { formatRupiah } from '../shared/money';
import { LINE_EVENT_TYPES, type LineEvent } from './events';
import { findViolation, findViolationAfter } from './invariants';
import { paguBreakdown } from './pagu';
import { cumulativeRealisationAt } from './realisation';
import { generatedHistory as history } from '../testing/generated-histories';
import { initialLineState, type LineEntry, type PlanLineState } from './state';

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

describe('line invariants: the sweep continued after new entries (findViolationAfter)', () => {
  const asFound = (error: { rule: string; message: string; field?: string; params?: unknown } | null) =>
    error && { rule: error.rule, message: error.message, field: error.field, params: error.params };
  /** Each history entry by entry, as deciding one command after another builds it: in the generated order, and by date. */
  const orders: Array<[string, (entries: LineEntry[]) => LineEntry[]]> = [
    ['as generated', (entries) => entries],
    [
      'in effective order',
      (entries) =>
        [...entries]
          .sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0))
          .map((e, i) => ({ ...e, sequence: i + 1, supersededBy: null })),
    ],
  ];
  it.each(orders)('finds what the whole sweep finds after every entry added, %s, on 1,500 generated histories', (_, order) => {
    const outcomes = { none: 0, PAGU_NEGATIVE: 0, REALISATION_EXCEEDS_PAGU: 0 };
    for (let seed = 1; seed <= 1500; seed++) {
      const generated = history(seed);
      const entries = order(generated.entries);
      let before: PlanLineState = { ...generated, entries: [] };
      findViolation(before);
      for (const entry of entries) {
        const after: PlanLineState = { ...before, entries: [...before.entries, entry], version: before.version + 1 };
        const event = { type: LINE_EVENT_TYPES.paguChanged } as LineEvent;
        // The whole sweep on a fresh copy of the entries (nothing remembered about them).
        const expected = asFound(findViolation({ ...after, entries: [...after.entries] }));
        expect({ seed, entry: entry.eventId, found: asFound(findViolationAfter(before, after, [event])) }).toEqual({
          seed,
          entry: entry.eventId,
          found: expected,
        });
        outcomes[(expected?.rule ?? 'none') as keyof typeof outcomes]++;
        before = after;
      }
    }
    expect(Math.min(...Object.values(outcomes))).toBeGreaterThan(100);
  });

  it('sweeps again from the start after a correction', () => {
    const state = history(7);
    const before: PlanLineState = { ...state, entries: state.entries.slice(0, -1) };
    findViolation(before);
    const event = { type: LINE_EVENT_TYPES.corrected } as LineEvent;
    expect(asFound(findViolationAfter(before, state, [event]))).toEqual(asFound(findViolation({ ...state, entries: [...state.entries] })));
  });
});
