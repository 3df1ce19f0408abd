import type Decimal from 'decimal.js';
import { decimalOf, senOf, type LineEntry, type PlanLineState } from '@renja/domain';
import { generatedHistory } from '@renja/domain/testing/generated-histories';
import { paguSteps, type LineSteps } from './pagu-steps';

/** The same amount with a third decimal zero ("12.50" → "12.500"): no sen amount, so paguSteps takes decimal.js. */
const threePlaces = (amount: string) => (amount.includes('.') ? `${amount.padEnd(amount.indexOf('.') + 3, '0')}0` : `${amount}.000`);

function inDecimals(state: PlanLineState): PlanLineState {
  const entries = state.entries.map((e): LineEntry =>
    e.kind === 'pagu' || e.kind === 'shift' ? ({ ...e, data: { ...e.data, amount: threePlaces(e.data.amount) } } as LineEntry) : e,
  );
  return { ...state, entries };
}

const seen = (d: Decimal) => `${d.toFixed()} ${d.toFixed(2)} ${d.isNegative() ? '-' : '+'}`;
/** Everything paguSteps gives, but the event's own amount text (which is what differs between both histories). */
const stepsSeen = (s: LineSteps) => ({
  steps: JSON.stringify(s.steps.map((step) => ({ ...step, statedAmount: null }))),
  sumOfDeltas: seen(s.sumOfDeltas),
  finalAmount: seen(s.finalAmount),
  currentPhase: s.currentPhase,
});

describe('paguSteps in integer sen equals decimal.js', () => {
  const states = Array.from({ length: 400 }, (_, i) => generatedHistory(i + 1));

  it('gives the same steps, texts and sums as the same history in three-decimal amounts', () => {
    let senHistories = 0;
    for (const state of states) {
      const amounts = state.entries.flatMap((e) => (e.kind === 'pagu' || e.kind === 'shift' ? [e.data.amount] : []));
      if (amounts.every((a) => senOf(a) !== null)) senHistories++;
      const decimal = inDecimals(state);
      expect(decimal.entries.every((e) => (e.kind !== 'pagu' && e.kind !== 'shift') || senOf(e.data.amount) === null)).toBe(true);
      for (const asOf of [{}, { validAt: '2022-06-30' }, { knownAt: '2022-06-30T00:00:00.000000Z' }]) {
        expect(stepsSeen(paguSteps(state, asOf))).toEqual(stepsSeen(paguSteps(decimal, asOf)));
      }
    }
    expect(senHistories).toBeGreaterThan(300);
  });

  it('rounds the steps of amounts with more than two decimals as before (decimal.js)', () => {
    let rounded = 0;
    for (const state of states.slice(0, 50)) {
      const odd = {
        ...state,
        entries: state.entries.map((e): LineEntry => (e.kind === 'pagu' ? { ...e, data: { ...e.data, amount: '0.125' } } : e)),
      };
      const trail = paguSteps(odd);
      for (const step of trail.steps) expect(step.delta).toMatch(/^-?\d+\.\d{2}$/);
      const texts = trail.steps.reduce((sum, s) => sum.plus(decimalOf(s.delta)), decimalOf('0'));
      expect(trail.sumOfDeltas.toFixed()).toBe(texts.toFixed());
      if (!trail.sumOfDeltas.equals(trail.finalAmount)) rounded++;
    }
    expect(rounded).toBeGreaterThan(0);
  });
});
