import { errorOf } from '../testing/error-of';
import { changePagu, correct, defineIndicator, given, history, PMK_DID, realise, registered, stateOf } from '../testing/plan-line-fixtures';
import { reviseTarget } from '../testing/parsed-commands';
import type { EventCorrected, LineEvent } from './events';
import { paguBreakdown } from './pagu';
import { realisationSummary } from './realisation';

const PERDA_KOREKSI = { kind: 'Perda', number: '12 Tahun 2021 (ralat)', date: '2022-02-01' };

const base: LineEvent[] = history(
  [registered()],
  changePagu('p-apbd', { amount: '653027794.00' }),
  changePagu('p-did', {
    phase: 'APBD_P',
    fundingSource: 'DID',
    delta: '1000000000.00',
    legalBasis: PMK_DID,
    reason: 'DID',
    effectiveDate: '2022-11-24',
  }),
  realise('r-q1', '2022-Q1', '95000000.00'),
);

const corrected = (
  id: string,
  correctedEventId: string,
  correctedType: string,
  replacement: EventCorrected['data']['replacement'],
  effectiveDate: string,
  fields: Partial<EventCorrected> = {},
): EventCorrected => ({
  id,
  type: 'event.corrected',
  data: { correctedEventId, correctedType, replacement },
  effectiveDate,
  legalBasis: null,
  reason: 'salah input',
  ...fields,
});

const current = (events: LineEvent[]) => {
  const b = paguBreakdown(stateOf(events));
  return { phase: b.currentPhase, current: b.currentPagu.toFixed(2), original: b.originalPagu?.toFixed(2) ?? null };
};

describe('corrections: reversal', () => {
  it('reverses a pagu addition: the figures go back', () => {
    expect(current(base)).toEqual({ phase: 'APBD_P', current: '1653027794.00', original: '653027794.00' });
    const state = given(base)
      .when(correct('c-1', 'p-did', { legalBasis: PMK_DID, reason: 'DID dicatat pada baris yang salah' }))
      .then([
        corrected('c-1', 'p-did', 'pagu.changed', null, '2022-11-24', { legalBasis: PMK_DID, reason: 'DID dicatat pada baris yang salah' }),
      ]);
    const b = paguBreakdown(state);
    expect([b.currentPhase, b.currentPagu.toFixed(2), [...b.phases.keys()]]).toEqual(['APBD', '653027794.00', ['APBD']]);
    expect(state.entries.find((e) => e.eventId === 'p-did')!.supersededBy).toEqual({ eventId: 'c-1', recordedAt: null });
  });

  it('a correction of a budget change needs a legal basis and a reason', () => {
    given(base).when(correct('c-1', 'p-did')).thenThrows('LEGAL_BASIS_REQUIRED', 'rule');
    given(base)
      .when(correct('c-1', 'p-did', { legalBasis: PMK_DID, reason: undefined }))
      .thenThrows('REASON_REQUIRED', 'rule');
  });

  it('a correction of a realisation needs a reason but no legal basis', () => {
    // A blank reason is refused as text at the edge (parseCorrectEvent); a missing one by the decider.
    expect(errorOf(() => correct('c-1', 'r-q1', { reason: '  ' })).rule).toBe('TEXT_REQUIRED');
    given(base)
      .when(correct('c-1', 'r-q1', { reason: null }))
      .thenThrows('REASON_REQUIRED', 'rule');
    given(base)
      .when(correct('c-1', 'r-q1'))
      .then([corrected('c-1', 'r-q1', 'realisation.recorded', null, '2022-03-31')]);
  });

  it('refuses a reversal that would leave realised spending above the pagu', () => {
    given(base)
      .when(correct('c-1', 'p-apbd', { legalBasis: PERDA_KOREKSI }))
      .thenThrows('REALISATION_EXCEEDS_PAGU', 'rule');
  });

  it('refuses a reversal that would leave a negative pagu', () => {
    const cut = history(
      base,
      changePagu('p-cut', {
        phase: 'APBD_P',
        fundingSource: 'DID',
        delta: '-400000000.00',
        legalBasis: PMK_DID,
        reason: 'sisa DID',
        effectiveDate: '2022-12-01',
      }),
    );
    given(cut)
      .when(correct('c-1', 'p-did', { legalBasis: PMK_DID }))
      .thenThrows('PAGU_NEGATIVE', 'rule');
  });
});

describe('corrections: replacement', () => {
  it('replaces an amount', () => {
    const state = given(base)
      .when(correct('c-1', 'p-apbd', { legalBasis: PERDA_KOREKSI, replacement: { amount: '653027795.50' } }))
      .then([
        corrected(
          'c-1',
          'p-apbd',
          'pagu.changed',
          { data: { phase: 'APBD', fundingSource: 'DAU', operation: 'set', amount: '653027795.50' }, effectiveDate: '2022-01-03' },
          '2022-01-03',
          { legalBasis: PERDA_KOREKSI },
        ),
      ]);
    const b = paguBreakdown(state);
    expect([b.originalPagu!.toFixed(2), b.currentPagu.toFixed(2)]).toEqual(['653027795.50', '1653027795.50']);
  });

  it('replaces a delta by a delta, or by an amount, and moves its effective date', () => {
    given(base)
      .when(correct('c-1', 'p-did', { legalBasis: PMK_DID, replacement: { delta: '900000000.00', effectiveDate: '2022-12-01' } }))
      .then([
        corrected(
          'c-1',
          'p-did',
          'pagu.changed',
          { data: { phase: 'APBD_P', fundingSource: 'DID', operation: 'add', amount: '900000000.00' }, effectiveDate: '2022-12-01' },
          '2022-12-01',
          { legalBasis: PMK_DID },
        ),
      ]);
    const events = history(base, correct('c-1', 'p-did', { legalBasis: PMK_DID, replacement: { amount: '900000000.00' } }));
    expect((events.at(-1) as EventCorrected).data.replacement!.data).toEqual({
      phase: 'APBD_P',
      fundingSource: 'DID',
      operation: 'set',
      amount: '900000000.00',
    });
    expect(current(events)).toEqual({ phase: 'APBD_P', current: '1553027794.00', original: '653027794.00' });
  });

  it('validates the replacement like the original command', () => {
    given(base)
      .when(correct('c-1', 'p-did', { legalBasis: PMK_DID, replacement: { amount: '1.00', delta: '1.00' } }))
      .thenThrows('AMOUNT_OR_DELTA', 'invalid');
    given(base)
      .when(correct('c-1', 'p-did', { legalBasis: PMK_DID, replacement: { effectiveDate: '2023-01-05' } }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', 'rule');
    given(base)
      .when(correct('c-1', 'p-did', { legalBasis: PMK_DID, replacement: { delta: '-1000000000.01' } }))
      .thenThrows('PAGU_NEGATIVE', 'rule');
    given(base)
      .when(correct('c-1', 'r-q1', { replacement: { amount: 95000000 } }))
      .thenThrows('AMOUNT_NOT_STRING', 'invalid');
  });

  it('replaces a realisation amount', () => {
    const state = given(base)
      .when(correct('c-1', 'r-q1', { replacement: { amount: '59000000.00' } }))
      .then([
        corrected(
          'c-1',
          'r-q1',
          'realisation.recorded',
          { data: { period: '2022-Q1', amount: '59000000.00', outputs: [] }, effectiveDate: '2022-03-31' },
          '2022-03-31',
        ),
      ]);
    expect(realisationSummary(state).cumulative.toFixed(2)).toBe('59000000.00');
  });

  it('moves a realisation to another period: its effective date follows the period', () => {
    const state = given(base)
      .when(correct('c-1', 'r-q1', { replacement: { period: '2022-Q4' } }))
      .then([
        corrected(
          'c-1',
          'r-q1',
          'realisation.recorded',
          { data: { period: '2022-Q4', amount: '95000000.00', outputs: [] }, effectiveDate: '2022-12-31' },
          '2022-12-31',
        ),
      ]);
    expect(realisationSummary(state).byQuarter.map((q) => q.toFixed(2))).toEqual(['0.00', '0.00', '0.00', '95000000.00']);
    expect(realisationSummary(state, { validAt: '2022-06-30' }).cumulative.toFixed(2)).toBe('0.00');
  });

  it('keeps an explicit effective date of a realisation when the period does not change', () => {
    const events = history(
      base,
      realise('r-q2', '2022-Q2', '1.00', { effectiveDate: '2022-05-05' }),
      correct('c-1', 'r-q2', { replacement: { amount: '2.00' } }),
    );
    expect((events.at(-1) as EventCorrected).data.replacement!.effectiveDate).toBe('2022-05-05');
  });

  it('replaces the outputs of a realisation', () => {
    const events = history(
      base,
      defineIndicator('ind-1', 'Jumlah UMKM'),
      realise('r-q2', '2022-Q2', undefined, { outputs: [{ indicator: 'IK-1', value: '10' }] }),
    );
    const state = given(events)
      .when(correct('c-1', 'r-q2', { replacement: { outputs: [{ indicator: 'IK-1', value: '12' }] } }))
      .then([
        corrected(
          'c-1',
          'r-q2',
          'realisation.recorded',
          { data: { period: '2022-Q2', amount: null, outputs: [{ indicatorId: 'IK-1', value: '12' }] }, effectiveDate: '2022-06-30' },
          '2022-06-30',
        ),
      ]);
    expect(
      realisationSummary(state)
        .outputs.get('IK-1')!
        .map((v) => v?.toString() ?? null),
    ).toEqual([null, '12', null, null]);
  });

  it('refuses a replacement that would mix months and quarters on the line', () => {
    const monthly = history(
      [registered()],
      changePagu('p-apbd', { amount: '1000.00' }),
      realise('r-1', '2022-01', '10.00'),
      realise('r-2', '2022-02', '20.00'),
    );
    given(monthly)
      .when(correct('c-1', 'r-2', { replacement: { period: '2022-Q1' } }))
      .thenThrows('REALISATION_GRANULARITY_MIXED', 'rule');
  });

  it('lets the only realisation change granularity, and the line follows it', () => {
    const monthly = history([registered()], changePagu('p-apbd', { amount: '1000.00' }), realise('r-1', '2022-03', '10.00'));
    const events = history(monthly, correct('c-1', 'r-1', { replacement: { period: '2022-Q1' } }));
    expect(stateOf(events).realisationGranularity).toBe('quarter');
    given(events)
      .when(realise('r-2', '2022-04', '1.00'))
      .thenThrows('REALISATION_GRANULARITY_MIXED', 'rule');
    given(events)
      .when(realise('r-2', '2022-Q2', '1.00'))
      .then([
        {
          id: 'r-2',
          type: 'realisation.recorded',
          data: { period: '2022-Q2', amount: '1.00', outputs: [] },
          effectiveDate: '2022-06-30',
          legalBasis: null,
          reason: null,
        },
      ]);
  });

  it('a reversal of the only realisation frees the line to record by the other granularity', () => {
    const monthly = history(
      [registered()],
      changePagu('p-apbd', { amount: '1000.00' }),
      realise('r-1', '2022-03', '10.00'),
      correct('c-1', 'r-1'),
    );
    expect(stateOf(monthly).realisationGranularity).toBeNull();
    given(monthly)
      .when(realise('r-2', '2022-Q1', '10.00'))
      .then([
        {
          id: 'r-2',
          type: 'realisation.recorded',
          data: { period: '2022-Q1', amount: '10.00', outputs: [] },
          effectiveDate: '2022-03-31',
          legalBasis: null,
          reason: null,
        },
      ]);
  });

  it('corrects a target revision', () => {
    const events = history(
      base,
      defineIndicator('ind-1', 'Jumlah UMKM'),
      reviseTarget({ eventId: 't-1', indicator: 'IK-1', value: '150', reason: 'Renja perubahan', effectiveDate: '2022-03-01' }),
    );
    given(events)
      .when(correct('c-1', 't-1', { replacement: { value: '115' } }))
      .then([
        corrected(
          'c-1',
          't-1',
          'target.revised',
          { data: { indicatorId: 'IK-1', value: '115' }, effectiveDate: '2022-03-01' },
          '2022-03-01',
        ),
      ]);
  });
});

describe('corrections: chains and refusals', () => {
  const once = history(base, correct('c-1', 'p-apbd', { legalBasis: PERDA_KOREKSI, replacement: { amount: '600000000.00' } }));

  it('corrects a correction', () => {
    const state = given(once)
      .when(correct('c-2', 'c-1', { legalBasis: PERDA_KOREKSI, replacement: { amount: '653027794.00' } }))
      .then([
        corrected(
          'c-2',
          'c-1',
          'pagu.changed',
          { data: { phase: 'APBD', fundingSource: 'DAU', operation: 'set', amount: '653027794.00' }, effectiveDate: '2022-01-03' },
          '2022-01-03',
          {
            legalBasis: PERDA_KOREKSI,
          },
        ),
      ]);
    expect(paguBreakdown(stateOf(once)).originalPagu!.toFixed(2)).toBe('600000000.00');
    expect(paguBreakdown(state).originalPagu!.toFixed(2)).toBe('653027794.00');
  });

  it('a correction of a correction still needs the legal basis of a budget change', () => {
    given(once)
      .when(correct('c-2', 'c-1', { replacement: { amount: '653027794.00' } }))
      .thenThrows('LEGAL_BASIS_REQUIRED', 'rule');
  });

  it('refuses to correct an event already corrected', () => {
    const error = given(once)
      .when(correct('c-2', 'p-apbd', { legalBasis: PERDA_KOREKSI, replacement: { amount: '1.00' } }))
      .thenThrows('EVENT_ALREADY_CORRECTED', 'conflict');
    expect(error.message).toContain('c-1');
    const reversed = history(base, correct('c-1', 'r-q1'));
    given(reversed).when(correct('c-2', 'r-q1')).thenThrows('EVENT_ALREADY_CORRECTED', 'conflict');
  });

  it('refuses to correct a registration, an indicator definition or an unknown event', () => {
    given(base).when(correct('c-1', registered().id)).thenThrows('EVENT_NOT_CORRECTABLE', 'rule');
    given(history(base, defineIndicator('ind-1', 'Jumlah UMKM')))
      .when(correct('c-1', 'ind-1'))
      .thenThrows('EVENT_NOT_CORRECTABLE', 'rule');
    given(base).when(correct('c-1', 'no-such-event')).thenThrows('EVENT_NOT_CORRECTABLE', 'rule');
  });

  it('refuses a correction on an unregistered line', () => {
    given([]).when(correct('c-1', 'p-apbd')).thenThrows('LINE_NOT_REGISTERED', 'not_found');
  });

  it('keeps the corrected entry, marked superseded, and never removes anything', () => {
    const state = stateOf(once);
    expect(state.entries.map((e) => [e.eventId, e.corrects, e.supersededBy?.eventId ?? null])).toEqual([
      ['p-apbd', null, 'c-1'],
      ['p-did', null, null],
      ['r-q1', null, null],
      ['c-1', 'p-apbd', null],
    ]);
    expect(state.version).toBe(5);
  });
});
