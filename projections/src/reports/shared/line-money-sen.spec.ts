import type Decimal from 'decimal.js';
import { senOf, type LineEntry, type PlanLineState } from '@renja/domain';
import { generatedHistory } from '@renja/domain/testing/generated-histories';
import { lineFacts } from './line-money';

/** The same amount with a third decimal zero ("12.50" → "12.500"): no sen amount, so lineFacts takes decimal.js. */
const threePlaces = (amount: string) => (amount.includes('.') ? `${amount.padEnd(amount.indexOf('.') + 3, '0')}0` : `${amount}.000`);

function inDecimals(state: PlanLineState): PlanLineState {
  const entries = state.entries.map((e): LineEntry =>
    e.kind === 'realisation' && e.data.amount !== null ? { ...e, data: { ...e.data, amount: threePlaces(e.data.amount) } } : e,
  );
  return { ...state, entries };
}

/** A decimal as every reader can see it: both texts the stored views and reports use, and its sign. */
const seen = (d: Decimal | null) => (d === null ? null : `${d.toFixed()} ${d.toFixed(2)} ${d.isNegative() ? '-' : '+'}`);
const factsSeen = ({ money: m, kinerja: k }: ReturnType<typeof lineFacts>) => ({
  money: {
    ...m,
    currentPagu: seen(m.currentPagu),
    originalPagu: seen(m.originalPagu),
    realised: seen(m.realised),
    months: m.months.map(seen),
    quarters: m.quarters.map(seen),
  },
  outputs: [...k.outputs].map(([id, row]) => [id, row.map(seen)]),
  targets: [...k.targets].map(([id, t]) => [id, seen(t)]),
});

describe('lineFacts in integer sen equals decimal.js', () => {
  it('gives the same realised sums, months, quarters and kinerja as the same history in three-decimal amounts', () => {
    let senHistories = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const state = generatedHistory(seed);
      const amounts = state.entries.flatMap((e) => (e.kind === 'realisation' && e.data.amount !== null ? [e.data.amount] : []));
      if (amounts.length > 0 && amounts.every((a) => senOf(a) !== null)) senHistories++;
      const decimal = inDecimals(state);
      for (const e of decimal.entries) if (e.kind === 'realisation' && e.data.amount !== null) expect(senOf(e.data.amount)).toBeNull();
      for (const asOf of [{}, { validAt: '2022-06-30' }, { knownAt: '2022-06-30T00:00:00.000000Z' }]) {
        expect(factsSeen(lineFacts(state, asOf))).toEqual(factsSeen(lineFacts(decimal, asOf)));
      }
    }
    expect(senHistories).toBeGreaterThan(200);
  });
});
