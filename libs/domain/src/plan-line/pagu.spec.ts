import {
  changePagu,
  given,
  history,
  PERDA_APBD,
  PERDA_APBD_P,
  PERKADA_PERGESERAN,
  PMK_DID,
  registered,
  stateOf,
} from '../testing/plan-line-fixtures';
import type { PaguChanged } from './events';
import { paguBreakdown, phaseSourceAmount, type PaguBreakdown } from './pagu';
import type { Phase } from './phases';
import { errorOf } from '../testing/error-of';

/** Parsed at the edge (the API strictly, the import leniently): refused before anything is decided. */
const refusedByParser = (make: () => unknown, rule: string) => {
  const error = errorOf(make);
  expect([error.rule, error.kind]).toEqual([rule, 'invalid']);
};

const phaseAmounts = (b: PaguBreakdown, phase: Phase) =>
  Object.fromEntries([...(b.phases.get(phase) ?? new Map())].map(([source, amount]) => [source, amount.toFixed(2)]));

const figures = (b: PaguBreakdown) => ({
  currentPhase: b.currentPhase,
  currentPagu: b.currentPagu.toFixed(2),
  executablePhase: b.executablePhase,
  executablePagu: b.executablePagu.toFixed(2),
  originalPagu: b.originalPagu?.toFixed(2) ?? null,
});

const apbdInduk: PaguChanged = {
  id: 'p-apbd',
  type: 'pagu.changed',
  data: { phase: 'APBD', fundingSource: 'DAU', operation: 'set', amount: '653027794.00' },
  effectiveDate: '2022-01-03',
  legalBasis: PERDA_APBD,
  reason: 'APBD induk',
};

describe('pagu: setting and adding', () => {
  it('sets the APBD amount of a funding source, with its legal basis', () => {
    const state = given([registered()])
      .when(changePagu('p-apbd', { amount: '653027794' }))
      .then([apbdInduk]);
    expect(figures(paguBreakdown(state))).toEqual({
      currentPhase: 'APBD',
      currentPagu: '653027794.00',
      executablePhase: 'APBD',
      executablePagu: '653027794.00',
      originalPagu: '653027794.00',
    });
  });

  it('adds a signed delta to the amount of a phase', () => {
    const state = given([registered(), apbdInduk])
      .when(changePagu('p-cut', { delta: '-3027794.00', reason: 'rasionalisasi', effectiveDate: '2022-03-01' }))
      .then([
        {
          id: 'p-cut',
          type: 'pagu.changed',
          data: { phase: 'APBD', fundingSource: 'DAU', operation: 'add', amount: '-3027794.00' },
          effectiveDate: '2022-03-01',
          legalBasis: PERDA_APBD,
          reason: 'rasionalisasi',
        },
      ]);
    expect(phaseAmounts(paguBreakdown(state), 'APBD')).toEqual({ DAU: '650000000.00' });
    expect(phaseAmounts(paguBreakdown(state, { validAt: '2022-02-28' }), 'APBD')).toEqual({ DAU: '653027794.00' });
  });

  it('a later set replaces the amount of that source only', () => {
    const events = history(
      [registered(), apbdInduk],
      changePagu('p-pad', { fundingSource: 'pad', amount: '100000000.00' }),
      changePagu('p-dau', { amount: '600000000.00', effectiveDate: '2022-02-01' }),
    );
    const b = paguBreakdown(stateOf(events));
    expect(phaseAmounts(b, 'APBD')).toEqual({ DAU: '600000000.00', PAD: '100000000.00' });
    expect(phaseSourceAmount(b, 'APBD', 'PAD').toFixed(2)).toBe('100000000.00');
    expect(phaseSourceAmount(b, 'APBD', 'DID').toFixed(2)).toBe('0.00');
    expect(b.currentPagu.toFixed(2)).toBe('700000000.00');
  });

  it('refuses both amount and delta, and neither', () => {
    refusedByParser(() => changePagu('p', { amount: '1.00', delta: '1.00' }), 'AMOUNT_OR_DELTA');
    refusedByParser(() => changePagu('p', {}), 'AMOUNT_OR_DELTA');
  });

  it('refuses a zero delta, a JSON number, a negative amount', () => {
    refusedByParser(() => changePagu('p', { delta: '0.00' }), 'DELTA_ZERO');
    refusedByParser(() => changePagu('p', { amount: 653027794 }), 'AMOUNT_NOT_STRING');
    refusedByParser(() => changePagu('p', { amount: '-1.00' }), 'AMOUNT_FORMAT');
  });

  it('refuses an unknown phase and a bad funding source', () => {
    refusedByParser(() => changePagu('p', { phase: 'DPA', amount: '1.00' }), 'PHASE_UNKNOWN');
    refusedByParser(() => changePagu('p', { fundingSource: 'dana desa', amount: '1.00' }), 'FUNDING_SOURCE_FORMAT');
  });

  it('refuses anything on an unregistered line', () => {
    given([])
      .when(changePagu('p', { amount: '1.00' }))
      .thenThrows('LINE_NOT_REGISTERED', 'not_found');
  });

  it('refuses an effective date outside the fiscal year', () => {
    given([registered()])
      .when(changePagu('p', { amount: '1.00', effectiveDate: '2021-12-31' }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', 'rule');
    given([registered()])
      .when(changePagu('p', { amount: '1.00', effectiveDate: '2023-01-01' }))
      .thenThrows('EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR', 'rule');
    refusedByParser(() => changePagu('p', { amount: '1.00', effectiveDate: '2022-02-30' }), 'DATE_FORMAT');
  });
});

describe('pagu: never negative', () => {
  it('refuses a negative delta larger than the amount', () => {
    const error = given([registered(), apbdInduk])
      .when(changePagu('p', { delta: '-653027794.01', effectiveDate: '2022-03-01' }))
      .thenThrows('PAGU_NEGATIVE', 'rule');
    expect(error.message).toContain('-Rp 0,01');
  });

  it('accepts a cut down to exactly zero', () => {
    const state = given([registered(), apbdInduk])
      .when(changePagu('p', { delta: '-653027794.00', effectiveDate: '2022-03-01' }))
      .then([
        {
          id: 'p',
          type: 'pagu.changed',
          data: { phase: 'APBD', fundingSource: 'DAU', operation: 'add', amount: '-653027794.00' },
          effectiveDate: '2022-03-01',
          legalBasis: PERDA_APBD,
          reason: 'APBD induk',
        },
      ]);
    expect(paguBreakdown(state).currentPagu.toFixed(2)).toBe('0.00');
  });

  it('refuses a negative delta on a source the phase does not have', () => {
    given([registered(), apbdInduk])
      .when(
        changePagu('p', { phase: 'APBD_P', fundingSource: 'DID', delta: '-1.00', legalBasis: PERDA_APBD_P, effectiveDate: '2022-10-20' }),
      )
      .thenThrows('PAGU_NEGATIVE', 'rule');
  });

  it('refuses a backdated cut that would make the pagu negative before the amount was set', () => {
    given([registered(), apbdInduk])
      .when(changePagu('p', { delta: '-1.00', effectiveDate: '2022-01-02' }))
      .thenThrows('PAGU_NEGATIVE', 'rule');
  });
});

describe('pagu: legal basis and reason', () => {
  it.each(['APBD', 'PERGESERAN', 'APBD_P'])('a %s set needs a legal basis and a reason', (phase) => {
    given([registered()])
      .when(changePagu('p', { phase, amount: '1.00', legalBasis: undefined }))
      .thenThrows('LEGAL_BASIS_REQUIRED', 'rule');
    given([registered()])
      .when(changePagu('p', { phase, amount: '1.00', reason: undefined }))
      .thenThrows('REASON_REQUIRED', 'rule');
  });

  it.each(['RKPD', 'RENJA', 'KUA_PPAS', 'PRAKIRAAN_MAJU'])('a %s set needs neither', (phase) => {
    given([registered()])
      .when(changePagu('p', { phase, amount: '500000000.00', legalBasis: undefined, reason: undefined }))
      .then([
        {
          id: 'p',
          type: 'pagu.changed',
          data: { phase: phase as Phase, fundingSource: 'DAU', operation: 'set', amount: '500000000.00' },
          effectiveDate: '2022-01-03',
          legalBasis: null,
          reason: null,
        },
      ]);
  });

  it('every addition needs both, even in a planning phase', () => {
    const rkpd = history(
      [registered()],
      changePagu('p-rkpd', { phase: 'RKPD', amount: '500000000.00', legalBasis: undefined, reason: undefined }),
    );
    given(rkpd)
      .when(changePagu('p', { phase: 'RKPD', delta: '1.00', legalBasis: undefined }))
      .thenThrows('LEGAL_BASIS_REQUIRED', 'rule');
    refusedByParser(() => changePagu('p', { phase: 'RKPD', delta: '1.00', reason: '' }), 'TEXT_REQUIRED');
    given(rkpd)
      .when(changePagu('p', { phase: 'RKPD', delta: '1.00', reason: null }))
      .thenThrows('REASON_REQUIRED', 'rule');
  });

  it('refuses a malformed legal basis', () => {
    refusedByParser(
      () => changePagu('p', { amount: '1.00', legalBasis: { kind: 'Perda', number: '12', date: '30-12-2021' } }),
      'DATE_FORMAT',
    );
  });
});

describe('pagu: the phase chain', () => {
  const planning = history(
    [registered()],
    changePagu('p-rkpd', { phase: 'RKPD', amount: '500000000.00', legalBasis: undefined, reason: undefined, effectiveDate: '2022-01-03' }),
    changePagu('p-renja', {
      phase: 'RENJA',
      fundingSource: 'PAD',
      amount: '25000000.00',
      legalBasis: undefined,
      reason: undefined,
      effectiveDate: '2022-01-10',
    }),
  );

  it('RENJA starts from the RKPD amounts', () => {
    const b = paguBreakdown(stateOf(planning));
    expect(phaseAmounts(b, 'RKPD')).toEqual({ DAU: '500000000.00' });
    expect(phaseAmounts(b, 'RENJA')).toEqual({ DAU: '500000000.00', PAD: '25000000.00' });
    expect(figures(b)).toEqual({
      currentPhase: 'RENJA',
      currentPagu: '525000000.00',
      executablePhase: null,
      executablePagu: '0.00',
      originalPagu: null,
    });
  });

  it('APBD_P starts from PERGESERAN when there is one', () => {
    const events = history(
      [registered(), apbdInduk],
      changePagu('p-geser', { phase: 'PERGESERAN', delta: '-53027794.00', legalBasis: PERKADA_PERGESERAN, effectiveDate: '2022-06-15' }),
      changePagu('p-apbdp', {
        phase: 'APBD_P',
        fundingSource: 'DID',
        delta: '1000000000.00',
        legalBasis: PMK_DID,
        effectiveDate: '2022-11-24',
      }),
    );
    const b = paguBreakdown(stateOf(events));
    expect(phaseAmounts(b, 'APBD')).toEqual({ DAU: '653027794.00' });
    expect(phaseAmounts(b, 'PERGESERAN')).toEqual({ DAU: '600000000.00' });
    expect(phaseAmounts(b, 'APBD_P')).toEqual({ DAU: '600000000.00', DID: '1000000000.00' });
    expect(figures(b)).toEqual({
      currentPhase: 'APBD_P',
      currentPagu: '1600000000.00',
      executablePhase: 'APBD_P',
      executablePagu: '1600000000.00',
      originalPagu: '653027794.00',
    });
  });

  it('APBD_P starts from APBD when there is no PERGESERAN', () => {
    const events = history(
      [registered(), apbdInduk],
      changePagu('p-apbdp', { phase: 'APBD_P', amount: '700000000.00', legalBasis: PERDA_APBD_P, effectiveDate: '2022-10-20' }),
    );
    const b = paguBreakdown(stateOf(events));
    expect(b.phases.has('PERGESERAN')).toBe(false);
    expect(phaseAmounts(b, 'APBD_P')).toEqual({ DAU: '700000000.00' });
    expect(figures(b)).toEqual({
      currentPhase: 'APBD_P',
      currentPagu: '700000000.00',
      executablePhase: 'APBD_P',
      executablePagu: '700000000.00',
      originalPagu: '653027794.00',
    });
  });

  it('the current pagu is the latest phase of the chain in effect on the date asked', () => {
    const events = history(
      [...planning],
      changePagu('p-apbd', { amount: '653027794.00', effectiveDate: '2022-01-03' }),
      changePagu('p-apbdp', {
        phase: 'APBD_P',
        fundingSource: 'DID',
        delta: '1000000000.00',
        legalBasis: PMK_DID,
        effectiveDate: '2022-11-24',
      }),
    );
    const state = stateOf(events);
    // On 3 January both RKPD and APBD take effect; APBD starts from RKPD and RENJA amounts only once RENJA has effect.
    expect(figures(paguBreakdown(state, { validAt: '2022-01-05' }))).toEqual({
      currentPhase: 'APBD',
      currentPagu: '653027794.00',
      executablePhase: 'APBD',
      executablePagu: '653027794.00',
      originalPagu: '653027794.00',
    });
    expect(figures(paguBreakdown(state, { validAt: '2022-11-23' })).currentPagu).toBe('678027794.00');
    expect(figures(paguBreakdown(state))).toEqual({
      currentPhase: 'APBD_P',
      currentPagu: '1678027794.00',
      executablePhase: 'APBD_P',
      executablePagu: '1678027794.00',
      originalPagu: '678027794.00',
    });
    expect(figures(paguBreakdown(state, { validAt: '2022-01-02' }))).toEqual({
      currentPhase: null,
      currentPagu: '0.00',
      executablePhase: null,
      executablePagu: '0.00',
      originalPagu: null,
    });
  });

  it('PRAKIRAAN_MAJU (next year) stands apart from the chain', () => {
    const events = history(
      [registered(), apbdInduk],
      changePagu('p-maju', {
        phase: 'PRAKIRAAN_MAJU',
        amount: '750000000.00',
        legalBasis: undefined,
        reason: undefined,
        effectiveDate: '2022-01-10',
      }),
    );
    const b = paguBreakdown(stateOf(events));
    expect(phaseAmounts(b, 'PRAKIRAAN_MAJU')).toEqual({ DAU: '750000000.00' });
    expect(figures(b)).toEqual({
      currentPhase: 'APBD',
      currentPagu: '653027794.00',
      executablePhase: 'APBD',
      executablePagu: '653027794.00',
      originalPagu: '653027794.00',
    });
    expect([...b.phases.keys()]).toEqual(['APBD', 'PRAKIRAAN_MAJU']);
  });

  it('PRAKIRAAN_MAJU does not start from the chain amounts', () => {
    const events = history(
      [registered(), apbdInduk],
      changePagu('p-maju', {
        phase: 'PRAKIRAAN_MAJU',
        fundingSource: 'PAD',
        amount: '10000000.00',
        legalBasis: undefined,
        reason: undefined,
      }),
    );
    expect(phaseAmounts(paguBreakdown(stateOf(events)), 'PRAKIRAAN_MAJU')).toEqual({ PAD: '10000000.00' });
  });
});
