import { changePagu, defineIndicator, given, history, PERDA_APBD_P, realise, registered, stateOf } from '../testing/plan-line-fixtures';
import type { LineEvent, RealisationRecorded } from './events';
import { paguBreakdown } from './pagu';
import { cumulativeRealisationAt, realisationSummary, type RealisationSummary } from './realisation';
import { errorOf } from '../testing/error-of';

/** Parsed at the edge (the API strictly, the import leniently): refused before anything is decided. */
const refusedByParser = (make: () => unknown, rule: string) => {
  const error = errorOf(make);
  expect([error.rule, error.kind]).toEqual([rule, 'invalid']);
};

const base: LineEvent[] = history(
  [registered()],
  changePagu('p-apbd', { amount: '653027794.00' }),
  defineIndicator('ind-1', 'Jumlah UMKM yang diberdayakan'),
  defineIndicator('ind-2', 'Jumlah pelatihan'),
);

const recorded = (
  id: string,
  period: string,
  amount: string | null,
  effectiveDate: string,
  outputs: RealisationRecorded['data']['outputs'] = [],
): RealisationRecorded => ({
  id,
  type: 'realisation.recorded',
  data: { period, amount, outputs },
  effectiveDate,
  legalBasis: null,
  reason: null,
});

const money = (s: RealisationSummary) => ({
  cumulative: s.cumulative.toFixed(2),
  byQuarter: s.byQuarter.map((q) => q.toFixed(2)),
});
const outputs = (s: RealisationSummary) =>
  Object.fromEntries([...s.outputs].map(([id, quarters]) => [id, quarters.map((v) => (v === null ? null : v.toString()))]));

describe('realisation: recording', () => {
  it('records a month; its effective date is the last day of the month', () => {
    given(base)
      .when(realise('r-1', '2022-02', '15000000.5'))
      .then([recorded('r-1', '2022-02', '15000000.50', '2022-02-28')]);
  });

  it('records a quarter (triwulan); its effective date is the last day of the quarter', () => {
    given(base)
      .when(realise('r-1', '2022-Q2', '120000000.00'))
      .then([recorded('r-1', '2022-Q2', '120000000.00', '2022-06-30')]);
  });

  it('takes an explicit effective date inside the period and the fiscal year', () => {
    given(base)
      .when(realise('r-1', '2022-Q2', '1.00', { effectiveDate: '2022-05-05' }))
      .then([recorded('r-1', '2022-Q2', '1.00', '2022-05-05')]);
    given(base)
      .when(realise('r-1', '2022-Q2', '1.00', { effectiveDate: '2022-07-05' }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_PERIOD', 'rule');
    given(base)
      .when(realise('r-1', '2022-Q2', '1.00', { effectiveDate: '2022-03-31' }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_PERIOD', 'rule');
    given(base)
      .when(realise('r-1', '2022-Q4', '1.00', { effectiveDate: '2023-01-10' }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', 'rule');
  });

  it('sums monthly realisation cumulatively, by quarter and by month', () => {
    const events = history(
      base,
      realise('r-1', '2022-01', '1000.00'),
      realise('r-2', '2022-03', '2500.25'),
      realise('r-3', '2022-04', '100.00'),
      realise('r-4', '2022-12', '0.75'),
    );
    const summary = realisationSummary(stateOf(events));
    expect(money(summary)).toEqual({ cumulative: '3601.00', byQuarter: ['3500.25', '100.00', '0.00', '0.75'] });
    expect(summary.byMonth.map((m) => m.toFixed(2))).toEqual([
      '1000.00',
      '0.00',
      '2500.25',
      '100.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.75',
    ]);
    expect(cumulativeRealisationAt(stateOf(events), '2022-03-31').toFixed(2)).toBe('3500.25');
    expect(cumulativeRealisationAt(stateOf(events), '2022-03-30').toFixed(2)).toBe('1000.00');
  });

  it('sums quarterly realisation; months stay empty', () => {
    const events = history(base, realise('r-1', '2022-Q1', '100000000.00'), realise('r-3', '2022-Q3', '200000000.00'));
    const summary = realisationSummary(stateOf(events));
    expect(money(summary)).toEqual({ cumulative: '300000000.00', byQuarter: ['100000000.00', '0.00', '200000000.00', '0.00'] });
    expect(summary.byMonth.every((m) => m.isZero())).toBe(true);
  });

  it('records outputs per indicator per quarter, by id or by name; absent quarters are null', () => {
    const state = given(base)
      .when(
        realise('r-1', '2022-Q1', undefined, {
          outputs: [
            { indicator: 'IK-1', value: '12' },
            { indicator: 'Jumlah pelatihan', value: '2.5' },
          ],
        }),
      )
      .then([
        recorded('r-1', '2022-Q1', null, '2022-03-31', [
          { indicatorId: 'IK-1', value: '12' },
          { indicatorId: 'IK-2', value: '2.5' },
        ]),
      ]);
    const events = history(
      base,
      realise('r-1', '2022-Q1', '10.00', { outputs: [{ indicator: 'IK-1', value: '12' }] }),
      realise('r-2', '2022-Q3', undefined, {
        outputs: [
          { indicatorId: 'IK-1', value: '8' },
          { indicator: 'IK-2', value: '1' },
        ],
      }),
    );
    expect(outputs(realisationSummary(stateOf(events)))).toEqual({ 'IK-1': ['12', null, '8', null], 'IK-2': [null, null, '1', null] });
    expect(money(realisationSummary(state))).toEqual({ cumulative: '0.00', byQuarter: ['0.00', '0.00', '0.00', '0.00'] });
  });

  it('adds monthly outputs up per quarter', () => {
    const events = history(
      base,
      realise('r-1', '2022-10', undefined, { outputs: [{ indicator: 'IK-1', value: '3' }] }),
      realise('r-2', '2022-11', undefined, { outputs: [{ indicator: 'IK-1', value: '4.5' }] }),
    );
    expect(outputs(realisationSummary(stateOf(events)))).toEqual({ 'IK-1': [null, null, null, '7.5'] });
  });

  it('refuses an unknown indicator, a duplicated indicator and an empty realisation', () => {
    const error = given(base)
      .when(realise('r-1', '2022-Q1', undefined, { outputs: [{ indicator: 'IK-3', value: '1' }] }))
      .thenThrows('INDICATOR_UNKNOWN', 'not_found');
    expect(error.field).toBe('outputs[0].indicator');
    given(base)
      .when(
        realise('r-1', '2022-Q1', undefined, {
          outputs: [
            { indicator: 'IK-1', value: '1' },
            { indicator: 'Jumlah UMKM yang diberdayakan', value: '2' },
          ],
        }),
      )
      .thenThrows('OUTPUTS_DUPLICATE', 'invalid');
    refusedByParser(() => realise('r-1', '2022-Q1'), 'REALISATION_EMPTY');
    refusedByParser(() => realise('r-1', '2022-Q1', undefined, { outputs: { indicator: 'IK-1' } }), 'OUTPUTS_FORMAT');
  });

  it('refuses mixing months and quarters on one line, either way round', () => {
    given(history(base, realise('r-1', '2022-01', '1.00')))
      .when(realise('r-2', '2022-Q2', '1.00'))
      .thenThrows('REALISATION_GRANULARITY_MIXED', 'rule');
    given(history(base, realise('r-1', '2022-Q1', '1.00')))
      .when(realise('r-2', '2022-04', '1.00'))
      .thenThrows('REALISATION_GRANULARITY_MIXED', 'rule');
  });

  it('refuses a period outside the fiscal year and a bad period', () => {
    given(base)
      .when(realise('r-1', '2023-01', '1.00'))
      .thenThrows('PERIOD_OUTSIDE_FISCAL_YEAR', 'rule');
    given(base)
      .when(realise('r-1', '2021-Q4', '1.00'))
      .thenThrows('PERIOD_OUTSIDE_FISCAL_YEAR', 'rule');
    refusedByParser(() => realise('r-1', '2022-13', '1.00'), 'PERIOD_FORMAT');
  });

  it('refuses a JSON number and a negative amount', () => {
    refusedByParser(() => realise('r-1', '2022-01', 1 as unknown as string), 'AMOUNT_NOT_STRING');
    refusedByParser(() => realise('r-1', '2022-01', '-1.00'), 'AMOUNT_FORMAT');
  });

  it('refuses realisation on an unregistered line', () => {
    given([])
      .when(realise('r-1', '2022-01', '1.00'))
      .thenThrows('LINE_NOT_REGISTERED', 'not_found');
  });
});

describe('realisation: never above the executable pagu in effect', () => {
  it('accepts spending up to exactly the pagu', () => {
    given(history(base, realise('r-1', '2022-Q1', '653027793.00')))
      .when(realise('r-2', '2022-Q2', '1.00'))
      .then([recorded('r-2', '2022-Q2', '1.00', '2022-06-30')]);
  });

  it('refuses cumulative realisation one cent above the pagu', () => {
    const error = given(history(base, realise('r-1', '2022-Q1', '653027794.00')))
      .when(realise('r-2', '2022-Q2', '0.01'))
      .thenThrows('REALISATION_EXCEEDS_PAGU', 'rule');
    expect(error.message).toContain('Rp 653.027.794,01 on 2022-06-30');
    expect(error.message).toContain('the APBD pagu in effect then, Rp 653.027.794,00');
    // The figures travel as params too, so the workbench can say the rule in Indonesian.
    expect(error.params).toEqual({
      line: expect.any(String) as string,
      cumulative: '653027794.01',
      date: '2022-06-30',
      pagu: '653027794.00',
      phase: 'APBD',
    });
  });

  it('refuses realisation before any APBD amount exists, even with a planning amount', () => {
    const planned = history(
      [registered()],
      changePagu('p-renja', { phase: 'RENJA', amount: '500000000.00', legalBasis: undefined, reason: undefined }),
    );
    const error = given(planned)
      .when(realise('r-1', '2022-01', '1.00'))
      .thenThrows('REALISATION_EXCEEDS_PAGU', 'rule');
    expect(error.message).toContain('no APBD, PERGESERAN or APBD_P amount was in effect then');
  });

  it('refuses realisation dated before the APBD took effect', () => {
    const late = history([registered()], changePagu('p-apbd', { amount: '653027794.00', effectiveDate: '2022-02-15' }));
    given(late)
      .when(realise('r-1', '2022-01', '1.00'))
      .thenThrows('REALISATION_EXCEEDS_PAGU', 'rule');
    given(late)
      .when(realise('r-1', '2022-02', '1.00'))
      .then([recorded('r-1', '2022-02', '1.00', '2022-02-28')]);
  });

  it('refuses Q3 spending of money that only arrives in November, and accepts it in Q4', () => {
    const withApbdP = history(
      base,
      changePagu('p-apbdp', {
        phase: 'APBD_P',
        fundingSource: 'DID',
        delta: '1000000000.00',
        legalBasis: PERDA_APBD_P,
        effectiveDate: '2022-11-24',
      }),
    );
    given(withApbdP)
      .when(realise('r-1', '2022-Q3', '700000000.00'))
      .thenThrows('REALISATION_EXCEEDS_PAGU', 'rule');
    given(withApbdP)
      .when(realise('r-1', '2022-Q4', '700000000.00'))
      .then([recorded('r-1', '2022-Q4', '700000000.00', '2022-12-31')]);
  });

  it('refuses a later pagu cut below spending already realised', () => {
    const spent = history(base, realise('r-1', '2022-Q1', '600000000.00'));
    const error = given(spent)
      .when(changePagu('p-cut', { delta: '-100000000.00', reason: 'rasionalisasi', effectiveDate: '2022-05-02' }))
      .thenThrows('REALISATION_EXCEEDS_PAGU', 'rule');
    expect(error.message).toContain('on 2022-05-02');
    const state = given(spent)
      .when(changePagu('p-cut', { delta: '-53027794.00', reason: 'rasionalisasi', effectiveDate: '2022-05-02' }))
      .then([
        {
          id: 'p-cut',
          type: 'pagu.changed',
          data: { phase: 'APBD', fundingSource: 'DAU', operation: 'add', amount: '-53027794.00' },
          effectiveDate: '2022-05-02',
          legalBasis: { kind: 'Perda', number: '12 Tahun 2021', date: '2021-12-30' },
          reason: 'rasionalisasi',
        },
      ]);
    expect(paguBreakdown(state).executablePagu.toFixed(2)).toBe('600000000.00');
  });

  it('a planning-phase amount does not raise the spending ceiling', () => {
    const events = history(
      base,
      changePagu('p-maju', { phase: 'PRAKIRAAN_MAJU', amount: '900000000.00', legalBasis: undefined, reason: undefined }),
    );
    given(events)
      .when(realise('r-1', '2022-Q1', '653027794.01'))
      .thenThrows('REALISATION_EXCEEDS_PAGU', 'rule');
  });
});
