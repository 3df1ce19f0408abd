import type Decimal from 'decimal.js';
import { generatedHistory } from '../testing/generated-histories';
import { entriesAsOf } from './as-of';
import { familyFigures } from './describe-change';
import { breakdownOf, decimalBreakdownOf, type PaguBreakdown } from './pagu';
import { addToSummary, realisationSummary, type RealisationEntry, type RealisationSummary } from './realisation';
import type { LineEntry, PlanLineState } from './state';

/** A decimal as every reader can see it: both texts the stored views and figures use, and its sign. */
const seen = (d: Decimal | null) => (d === null ? null : `${d.toFixed()} ${d.toFixed(2)} ${d.isNegative() ? '-' : '+'}`);

const breakdownSeen = (b: PaguBreakdown) => ({
  phases: [...b.phases].map(([phase, sources]) => [phase, [...sources].map(([source, a]) => [source, seen(a)])]),
  currentPhase: b.currentPhase,
  currentPagu: seen(b.currentPagu),
  executablePhase: b.executablePhase,
  executablePagu: seen(b.executablePagu),
  originalPagu: seen(b.originalPagu),
});

const summarySeen = (s: RealisationSummary) => ({
  cumulative: seen(s.cumulative),
  byQuarter: s.byQuarter.map(seen),
  byMonth: s.byMonth.map(seen),
  outputs: [...s.outputs].map(([id, row]) => [id, row.map(seen)]),
});

/** The summary as addToSummary folds it in decimal.js, one entry after the other. */
function decimalSummary(state: PlanLineState): RealisationSummary {
  const summary = realisationSummary({ ...state, entries: [] });
  for (const e of entriesAsOf(state)) if (e.kind === 'realisation') addToSummary(summary, e);
  return summary;
}

/** The history with some amounts changed: more than two decimals, negative zeros, quarters, outputs. */
function varied(state: PlanLineState, seed: number): PlanLineState {
  const entries = state.entries.map((e, i): LineEntry => {
    const pick = (seed * 31 + i * 7) % 23;
    if (e.kind === 'pagu' && pick === 0) return { ...e, data: { ...e.data, amount: `${e.data.amount.replace(/\..*/, '')}.125` } };
    if (e.kind === 'pagu' && pick === 1) return { ...e, data: { ...e.data, operation: 'set', amount: '-0.00' } };
    if (e.kind === 'shift' && pick === 2) return { ...e, data: { ...e.data, amount: '0.001' } };
    if (e.kind === 'realisation') {
      const data: RealisationEntry['data'] = {
        ...e.data,
        period: pick % 3 === 0 ? `2022-Q${1 + (pick % 4)}` : e.data.period,
        amount: pick === 4 ? '10.005' : pick === 5 ? '-0.00' : pick === 6 ? '-12.30' : e.data.amount,
        outputs: pick % 2 === 0 ? [{ indicatorId: 'IK-1', value: `${pick}.125` }] : e.data.outputs,
      };
      return { ...e, data };
    }
    return e;
  });
  return { ...state, entries };
}

describe('folds in integer sen equal decimal.js', () => {
  const states = Array.from({ length: 400 }, (_, i) => generatedHistory(i + 1)).flatMap((s, i) => [s, varied(s, i)]);

  it('pagu breakdown: same phases, sources in the same order, totals, texts and signs', () => {
    for (const state of states) {
      const inForce = entriesAsOf(state);
      expect(breakdownSeen(breakdownOf(inForce))).toEqual(breakdownSeen(decimalBreakdownOf(inForce)));
    }
  });

  it('the pagu figures of a line, as decimal.js formats the breakdown', () => {
    for (const state of states) {
      const b = decimalBreakdownOf(entriesAsOf(state));
      const expected = new Map<string, string>();
      for (const [phase, sources] of b.phases) for (const [source, a] of sources) expected.set(`pagu.${phase}.${source}`, a.toFixed(2));
      if (b.currentPhase) expected.set('pagu.current', b.currentPagu.toFixed(2));
      expect([...familyFigures(state, 'pagu')]).toEqual([...expected]);
    }
  });

  it('realisation summary: same cumulative, quarters, months and outputs', () => {
    for (const state of states) expect(summarySeen(realisationSummary(state))).toEqual(summarySeen(decimalSummary(state)));
  });

  it('the generated histories do take both paths', () => {
    const senPath = states.filter((s) =>
      s.entries.every((e) => !/(\.\d{3}|^-0\.00)$/.test(String((e.data as { amount?: unknown }).amount))),
    );
    expect(senPath.length).toBeGreaterThan(100);
    expect(states.length - senPath.length).toBeGreaterThan(50);
  });
});
