import { paguBreakdown, realisationSummary, type AsOf, type PlanLineState } from '@renja/domain';
import { generatedHistory } from '@renja/domain/testing/generated-histories';
import { changePagu, correct, history, PMK_DID, recordedAt, registered, stateOf } from '@renja/domain/testing/plan-line-fixtures';
import { lineFigures, storePlanFigures } from '../../plan/line-figures';
import { foldLineView, keptLineView, readStoredLineView, storeLineView, type LineView } from './line-view';

/** Everything a view holds, as text: maps as entry lists, decimals as their digits (key order kept). */
const asText = (view: LineView): string =>
  JSON.stringify({
    breakdown: { ...view.breakdown, phases: [...view.breakdown.phases].map(([phase, sources]) => [phase, [...sources]]) },
    steps: view.steps,
    movements: view.movements,
    money: view.money,
    kinerja: { outputs: [...view.kinerja.outputs], targets: [...view.kinerja.targets] },
  });

/** The view as the projection stores it, through JSON as PostgreSQL keeps it, and read back. */
function throughStorage(state: PlanLineState): LineView {
  const { view, movements, steps } = JSON.parse(JSON.stringify(storeLineView(state, { pagu: paguBreakdown(state) })));
  return readStoredLineView(view, { movements, steps });
}

describe('stored line views', () => {
  const code = '2.17.08.1.01.0001';
  const story = recordedAt(
    '2022-11-25T01:00:00.000000Z',
    history(
      [registered(code)],
      changePagu('p-induk', { amount: '518553447.00' }),
      changePagu('p-did', {
        phase: 'APBD_P',
        fundingSource: 'DID',
        delta: '5627000000.00',
        legalBasis: PMK_DID,
        reason: 'DID 2022',
        effectiveDate: '2022-11-24',
      }),
      correct('c-1', 'p-induk', { replacement: { amount: '518553000.00' }, legalBasis: PMK_DID }),
    ),
  );

  it('read back from storage equal the fold of the state, field by field and in the same order', () => {
    const states = [stateOf(story), ...Array.from({ length: 600 }, (_, i) => generatedHistory(i + 1))];
    for (const [i, state] of states.entries()) {
      expect({ i, view: asText(throughStorage(state)) }).toEqual({ i, view: asText(foldLineView(state, {})) });
    }
  });

  it('store the plan figures the plan reader computes, with the pagu and realisation folded once', () => {
    for (const state of [stateOf(story), ...Array.from({ length: 200 }, (_, i) => generatedHistory(i + 1))]) {
      const stored = storePlanFigures(state, { pagu: paguBreakdown(state), realisation: realisationSummary(state) });
      expect(JSON.stringify(JSON.parse(JSON.stringify(stored)))).toBe(JSON.stringify(lineFigures(state)));
    }
  });

  it('kept for a point of view equal the fold at every point, on first read and on every read after, in any order', () => {
    for (const state of [stateOf(story), ...Array.from({ length: 200 }, (_, i) => generatedHistory(i + 1))]) {
      const points: AsOf[] = [{}];
      for (const e of state.entries) {
        points.push({ validAt: e.effectiveDate });
        if (e.recordedAt) points.push({ knownAt: e.recordedAt }, { validAt: e.effectiveDate, knownAt: e.recordedAt });
      }
      for (const asOf of points) {
        const folded = asText(foldLineView(state, asOf));
        const kept = keptLineView(state, asOf);
        expect({ asOf, view: asText(kept) }).toEqual({ asOf, view: folded });
        expect({ asOf, view: asText(kept) }).toEqual({ asOf, view: folded });
        // The money first: the breakdown it folds is kept for the breakdown read after.
        const moneyFirst = keptLineView(state, asOf);
        const kinerja = moneyFirst.kinerja;
        expect({ asOf, view: asText(moneyFirst) }).toEqual({ asOf, view: folded });
        // Of a kept state's text, parsed when a part is first folded.
        expect({ asOf, view: asText(keptLineView({ text: JSON.stringify(state) }, asOf)) }).toEqual({ asOf, view: folded });
        expect(JSON.stringify([...kinerja.outputs, ...kinerja.targets])).toBe(
          JSON.stringify([...moneyFirst.kinerja.outputs, ...moneyFirst.kinerja.targets]),
        );
      }
    }
  });

  it('refuse to give steps or movements that were not read', () => {
    const { view } = storeLineView(stateOf(story));
    const read = readStoredLineView(view, { movements: null, steps: null });
    expect(() => read.steps).toThrow(/not loaded/);
    expect(() => read.movements).toThrow(/not loaded/);
    expect(read.money.currentPagu.toFixed(2)).toBe('6145553000.00');
  });
});
