import { reviseTarget } from '../testing/parsed-commands';
import {
  changePagu,
  correct,
  defineIndicator,
  history,
  PERDA_APBD,
  PERKADA_PERGESERAN,
  PMK_DID,
  realise,
  registered,
  stateOf,
} from '../testing/plan-line-fixtures';
import fc from 'fast-check';
import {
  byFigure,
  describeChange,
  familiesChangedBy,
  FigureTracker,
  lineFigures,
  sortByFigure,
  type FigureChange,
} from './describe-change';
import type { LineCommand } from './commands';
import type { LineEvent } from './events';
import { decideShift } from './shift';
import { parseShiftBudget } from './parse-budget';

const base = history([registered()], changePagu('p-apbd', { amount: '653027794.00' }));

/** The figures one command changes on top of the given events. */
const changesOf = (events: LineEvent[], command: LineCommand) => describeChange(stateOf(events), stateOf(history(events, command)));

describe('describeChange', () => {
  it('an APBD amount: pagu.APBD.DAU and the current pagu appear', () => {
    expect(changesOf([registered()], changePagu('p-apbd', { amount: '653027794.00' }))).toEqual([
      { figure: 'pagu.APBD.DAU', from: null, to: '653027794.00' },
      { figure: 'pagu.current', from: null, to: '653027794.00' },
    ]);
  });

  it('a change of the APBD amount reports from and to', () => {
    expect(changesOf(base, changePagu('p-cut', { delta: '-3027794.00', effectiveDate: '2022-03-01' }))).toEqual([
      { figure: 'pagu.APBD.DAU', from: '653027794.00', to: '650000000.00' },
      { figure: 'pagu.current', from: '653027794.00', to: '650000000.00' },
    ]);
  });

  it('the DID addition opens APBD_P from the APBD amounts and adds the DID source', () => {
    const did = changePagu('p-did', {
      phase: 'APBD_P',
      fundingSource: 'DID',
      delta: '1000000000.00',
      legalBasis: PMK_DID,
      effectiveDate: '2022-11-24',
    });
    expect(changesOf(base, did)).toEqual([
      { figure: 'pagu.APBD_P.DAU', from: null, to: '653027794.00' },
      { figure: 'pagu.APBD_P.DID', from: null, to: '1000000000.00' },
      { figure: 'pagu.current', from: '653027794.00', to: '1653027794.00' },
    ]);
  });

  it('a realisation reports the cumulative and quarterly figures', () => {
    const first = history(base, realise('r-q1', '2022-Q1', '95000000.00'));
    expect(describeChange(stateOf(base), stateOf(first))).toEqual([
      { figure: 'realisation.cumulative', from: null, to: '95000000.00' },
      { figure: 'realisation.Q1', from: null, to: '95000000.00' },
    ]);
    expect(changesOf(first, realise('r-q2', '2022-Q2', '5000000.00'))).toEqual([
      { figure: 'realisation.cumulative', from: '95000000.00', to: '100000000.00' },
      { figure: 'realisation.Q2', from: null, to: '5000000.00' },
    ]);
  });

  it('outputs and targets are figures too', () => {
    const withIndicator = history(base, defineIndicator('ind-1', 'Jumlah UMKM'));
    expect(
      changesOf(
        withIndicator,
        reviseTarget({ eventId: 't-1', indicator: 'IK-1', value: '150', reason: 'Renja', effectiveDate: '2022-01-10' }),
      ),
    ).toEqual([{ figure: 'target.IK-1', from: null, to: '150' }]);
    expect(changesOf(withIndicator, realise('r-q3', '2022-Q3', undefined, { outputs: [{ indicator: 'IK-1', value: '12' }] }))).toEqual([
      { figure: 'output.IK-1.Q3', from: null, to: '12' },
      { figure: 'realisation.cumulative', from: null, to: '0.00' },
    ]);
  });

  it('a correction reports the figures it puts back', () => {
    const wrong = history(base, realise('r-q1', '2022-Q1', '95000000.00'));
    expect(changesOf(wrong, correct('c-1', 'r-q1', { replacement: { amount: '59000000.00' } }))).toEqual([
      { figure: 'realisation.cumulative', from: '95000000.00', to: '59000000.00' },
      { figure: 'realisation.Q1', from: '95000000.00', to: '59000000.00' },
    ]);
    expect(changesOf(base, correct('c-1', 'p-apbd', { legalBasis: PERDA_APBD }))).toEqual([
      { figure: 'pagu.APBD.DAU', from: '653027794.00', to: null },
      { figure: 'pagu.current', from: '653027794.00', to: null },
    ]);
  });

  it('a shift opens PERGESERAN on the giving line', () => {
    const other = history([registered('2.17.07.1.01.0002')], changePagu('b-apbd', { amount: '1.00' }));
    const { out } = decideShift(
      {
        type: 'ShiftBudget',
        shiftId: 'shift-1',
        outEventId: 's-out',
        inEventId: 's-in',
        ...parseShiftBudget(
          {
            amount: '53027794.00',
            fundingSource: 'DAU',
            reason: 'pergeseran',
            legalBasis: PERKADA_PERGESERAN,
            effectiveDate: '2022-06-15',
          },
          'strict',
        ),
      },
      stateOf(base),
      stateOf(other),
    );
    expect(describeChange(stateOf(base), stateOf([...base, ...out]))).toEqual([
      { figure: 'pagu.current', from: '653027794.00', to: '600000000.00' },
      { figure: 'pagu.PERGESERAN.DAU', from: null, to: '600000000.00' },
    ]);
  });

  it('an indicator definition changes no figure', () => {
    expect(changesOf(base, defineIndicator('ind-1', 'Jumlah UMKM'))).toEqual([]);
  });
});

describe('lineFigures', () => {
  it('lists every figure by its stable name', () => {
    const events = history(
      base,
      defineIndicator('ind-1', 'Jumlah UMKM'),
      changePagu('p-maju', { phase: 'PRAKIRAAN_MAJU', amount: '700000000.00', legalBasis: undefined, reason: undefined }),
      realise('r-q1', '2022-Q1', '95000000.00', { outputs: [{ indicator: 'IK-1', value: '4' }] }),
    );
    expect(Object.fromEntries(lineFigures(stateOf(events)))).toEqual({
      'pagu.APBD.DAU': '653027794.00',
      'pagu.PRAKIRAAN_MAJU.DAU': '700000000.00',
      'pagu.current': '653027794.00',
      'realisation.cumulative': '95000000.00',
      'realisation.Q1': '95000000.00',
      'output.IK-1.Q1': '4',
    });
  });
});

describe('FigureTracker', () => {
  it('describes every event of a stream exactly as describeChange does', () => {
    const events = history(
      [registered()],
      defineIndicator('ind-1', 'Jumlah UMKM'),
      changePagu('p-apbd', { amount: '653027794.00', legalBasis: PERDA_APBD }),
      changePagu('p-dak', { fundingSource: 'DAK', amount: '50000000.00', legalBasis: PERDA_APBD }),
      reviseTarget({ eventId: 't-1', indicator: 'IK-1', value: '150', reason: 'Renja', effectiveDate: '2022-01-10' }),
      realise('r-01', '2022-01', '95000000.00', { outputs: [{ indicator: 'IK-1', value: '4' }] }),
      realise('r-02', '2022-02', '5000000.50', { outputs: [{ indicator: 'IK-1', value: '2' }] }),
      changePagu('p-cut', { phase: 'PERGESERAN', delta: '-3027794.00', effectiveDate: '2022-06-20', legalBasis: PERKADA_PERGESERAN }),
      correct('c-1', 'r-02', { replacement: { amount: '4000000.00' } }),
      realise('r-03', '2022-03', '1.25'),
      changePagu('p-did', {
        phase: 'APBD_P',
        fundingSource: 'DID',
        delta: '1000000000.00',
        legalBasis: PMK_DID,
        effectiveDate: '2022-11-24',
      }),
      correct('c-2', 'p-cut', { legalBasis: PERKADA_PERGESERAN }),
      reviseTarget({ eventId: 't-2', indicator: 'IK-1', value: '120', reason: 'Renja-P', effectiveDate: '2022-10-01' }),
    );
    const tracker = new FigureTracker();
    let state = stateOf([]);
    let described = 0;
    for (const event of events) {
      const next = stateOf([...events.slice(0, events.indexOf(event) + 1)]);
      if (familiesChangedBy(event, state).length > 0) {
        expect(tracker.changes(state, event, next)).toEqual(describeChange(state, next));
        described++;
      } else {
        expect(describeChange(state, next)).toEqual([]);
      }
      state = next;
    }
    expect(described).toBe(events.length - 2);
  });
});

describe('familiesChangedBy', () => {
  const events = history(
    [registered()],
    defineIndicator('ind-1', 'Jumlah UMKM'),
    changePagu('p-apbd', { amount: '653027794.00' }),
    reviseTarget({ eventId: 't-1', indicator: 'IK-1', value: '150', reason: 'Renja', effectiveDate: '2022-01-10' }),
    realise('r-01', '2022-01', '95000000.00'),
  );
  const familyOfCorrection = (correctedId: string, options: Parameters<typeof correct>[2]) => {
    const corrected = history(events, correct('c-1', correctedId, options));
    return familiesChangedBy(corrected.at(-1)!, stateOf(events));
  };

  it("an event that adds an entry changes that entry's family only", () => {
    expect(events.map((event, i) => familiesChangedBy(event, stateOf(events.slice(0, i))))).toEqual([
      [],
      [],
      ['pagu'],
      ['target'],
      ['realisation'],
    ]);
  });

  it('a correction changes the family of the entry it corrects', () => {
    expect(familyOfCorrection('r-01', { replacement: { amount: '1.00' } })).toEqual(['realisation']);
    expect(familyOfCorrection('p-apbd', { legalBasis: PERDA_APBD, replacement: { amount: '700000000.00' } })).toEqual(['pagu']);
  });

  it('a correction of an entry the state does not hold changes every family, to be safe', () => {
    const corrected = history(events, correct('c-1', 'r-01', { replacement: { amount: '1.00' } }));
    expect(familiesChangedBy(corrected.at(-1)!, stateOf([events[0]]))).toEqual(['pagu', 'realisation', 'target']);
  });
});

describe('sortByFigure', () => {
  it('sorts as Array.prototype.sort with byFigure does, equal names kept in their order', () => {
    const name = fc.constantFrom(
      'pagu.APBD.DAU',
      'pagu.APBD_P.DID',
      'pagu.current',
      'realisation.Q1',
      'realisation.cumulative',
      'output.IK-1.Q2',
      'target.IK-1',
      'target.ik-1',
    );
    const change = fc.record({ figure: name, from: fc.option(fc.string()), to: fc.option(fc.string()) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (changes: FigureChange[]) => {
        const expected = [...changes].sort(byFigure);
        const sorted = sortByFigure(changes);
        expect(sorted).toBe(changes); // in place
        expect(sorted.map((c) => c)).toEqual(expected);
        expected.forEach((c, i) => expect(sorted[i]).toBe(c)); // the same objects: ties in their order
      }),
    );
  });
});
