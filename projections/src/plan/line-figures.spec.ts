import { decimalBreakdownOf, entriesAsOf, paguBreakdown, realisationSummary, totalOf, type PlanLineState } from '@renja/domain';
import { generatedHistory } from '@renja/domain/testing/generated-histories';
import { lineFigures } from './line-figures';

/** The amounts of lineFigures as decimal.js writes them (toFixed(2) of every amount and phase total). */
function decimalTexts(state: PlanLineState, pagu = paguBreakdown(state)) {
  const realisation = realisationSummary(state);
  return {
    pagu: Object.fromEntries(
      [...pagu.phases].map(([phase, sources]) => [
        phase,
        { ...Object.fromEntries([...sources].map(([s, a]) => [s, a.toFixed(2)])), total: totalOf(sources).toFixed(2) },
      ]),
    ),
    currentPagu: pagu.currentPagu.toFixed(2),
    originalPagu: pagu.originalPagu?.toFixed(2) ?? null,
    executablePagu: pagu.executablePagu.toFixed(2),
    realised: realisation.cumulative.toFixed(2),
    realisedByQuarter: realisation.byQuarter.map((q) => q.toFixed(2)),
  };
}

const texts = (f: ReturnType<typeof lineFigures>) => ({
  pagu: f.pagu,
  currentPagu: f.currentPagu,
  originalPagu: f.originalPagu,
  executablePagu: f.executablePagu,
  realised: f.realised,
  realisedByQuarter: f.realisedByQuarter,
});

describe('lineFigures amounts', () => {
  const states = Array.from({ length: 300 }, (_, i) => generatedHistory(i + 1));

  it('writes every amount and phase total as toFixed(2) does, from the sen sums', () => {
    for (const state of states) expect(texts(lineFigures(state))).toEqual(decimalTexts(state));
  });

  it('writes the same from decimals made by decimal.js alone, and from amounts with more decimals', () => {
    for (const state of states) {
      const pagu = decimalBreakdownOf(entriesAsOf(state));
      expect(texts(lineFigures(state, {}, { pagu, realisation: realisationSummary(state) }))).toEqual(decimalTexts(state, pagu));
      const odd: PlanLineState = {
        ...state,
        entries: state.entries.map((e) => (e.kind === 'pagu' ? { ...e, data: { ...e.data, amount: `${e.data.amount}5` } } : e)),
      };
      expect(texts(lineFigures(odd))).toEqual(decimalTexts(odd));
    }
  });
});
