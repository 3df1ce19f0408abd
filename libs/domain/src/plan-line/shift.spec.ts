import {
  changePagu,
  correct,
  given,
  history,
  PERKADA_PERGESERAN,
  PMK_DID,
  realise,
  registered,
  stateOf,
} from '../testing/plan-line-fixtures';
import type { LineEvent, PaguShifted } from './events';
import { paguBreakdown, type PaguBreakdown } from './pagu';
import { parseShiftBudget } from './parse-budget';
import type { ShiftBudget } from './commands';
import { decideShift, decideShiftCorrection, type CorrectShift } from './shift';
import type { PlanLineState } from './state';
import { errorOf } from '../testing/error-of';

const A = '2.17.07.1.01.0001';
const B = '2.17.07.1.01.0002';
const lineA = history([registered(A)], changePagu('a-apbd', { amount: '653027794.00' }));
const lineB = history([registered(B)], changePagu('b-apbd', { amount: '200000000.00' }));

/** A shift as the API sends it, parsed strictly. */
const shift = (fields: Record<string, unknown> = {}): ShiftBudget => ({
  type: 'ShiftBudget',
  shiftId: 'shift-1',
  outEventId: 's-out',
  inEventId: 's-in',
  ...parseShiftBudget(
    {
      amount: '53027794.00',
      fundingSource: 'DAU',
      reason: 'pergeseran antar kegiatan',
      legalBasis: PERKADA_PERGESERAN,
      effectiveDate: '2022-06-15',
      ...fields,
    },
    'strict',
  ),
});

const leg = (id: string, direction: 'out' | 'in', counterpartCode: string, amount = '53027794.00'): PaguShifted => ({
  id,
  type: 'pagu.shifted',
  data: { shiftId: 'shift-1', phase: 'PERGESERAN', direction, counterpartCode, fundingSource: 'DAU', amount },
  effectiveDate: '2022-06-15',
  legalBasis: PERKADA_PERGESERAN,
  reason: 'pergeseran antar kegiatan',
});

const view = (b: PaguBreakdown) => ({
  phases: Object.fromEntries([...b.phases].map(([p, s]) => [p, Object.fromEntries([...s].map(([k, v]) => [k, v.toFixed(2)]))])),
  current: [b.currentPhase, b.currentPagu.toFixed(2)],
});

const after = (events: LineEvent[], more: LineEvent[]): PlanLineState => stateOf([...events, ...more]);

describe('budget shift (pergeseran) between two lines', () => {
  it('decides both legs; PERGESERAN starts from the APBD amounts of each line', () => {
    const result = decideShift(shift(), stateOf(lineA), stateOf(lineB));
    expect(result).toEqual({ out: [leg('s-out', 'out', B)], in: [leg('s-in', 'in', A)] });
    expect(view(paguBreakdown(after(lineA, result.out)))).toEqual({
      phases: { APBD: { DAU: '653027794.00' }, PERGESERAN: { DAU: '600000000.00' } },
      current: ['PERGESERAN', '600000000.00'],
    });
    expect(view(paguBreakdown(after(lineB, result.in)))).toEqual({
      phases: { APBD: { DAU: '200000000.00' }, PERGESERAN: { DAU: '253027794.00' } },
      current: ['PERGESERAN', '253027794.00'],
    });
    expect(paguBreakdown(after(lineA, result.out), { validAt: '2022-06-14' }).currentPagu.toFixed(2)).toBe('653027794.00');
  });

  it('APBD_P then starts from the shifted amounts', () => {
    const { out } = decideShift(shift(), stateOf(lineA), stateOf(lineB));
    const events = history(
      [...lineA, ...out],
      changePagu('a-did', {
        phase: 'APBD_P',
        fundingSource: 'DID',
        delta: '1000000000.00',
        legalBasis: PMK_DID,
        effectiveDate: '2022-11-24',
      }),
    );
    expect(view(paguBreakdown(stateOf(events))).current).toEqual(['APBD_P', '1600000000.00']);
  });

  it('needs a legal basis and a reason', () => {
    expect(errorOf(() => decideShift(shift({ legalBasis: undefined }), stateOf(lineA), stateOf(lineB))).rule).toBe('LEGAL_BASIS_REQUIRED');
    expect(errorOf(() => decideShift(shift({ reason: undefined }), stateOf(lineA), stateOf(lineB))).rule).toBe('REASON_REQUIRED');
  });

  it('refuses a shift within one line', () => {
    const error = errorOf(() => decideShift(shift(), stateOf(lineA), stateOf(lineA)));
    expect([error.kind, error.rule]).toEqual(['invalid', 'SHIFT_SAME_LINE']);
  });

  it('refuses a shift to a line of another office', () => {
    const other = [{ ...registered(B), data: { ...registered(B).data, officeCode: 'BAPPEDA' } }];
    const error = errorOf(() => decideShift(shift(), stateOf(lineA), stateOf(other)));
    expect([error.kind, error.rule]).toEqual(['rule', 'SHIFT_ACROSS_OFFICES']);
  });

  it('refuses shifting more than the line has, or a source it does not have', () => {
    const error = errorOf(() => decideShift(shift({ amount: '653027794.01' }), stateOf(lineA), stateOf(lineB)));
    expect([error.kind, error.rule]).toEqual(['rule', 'PAGU_NEGATIVE']);
    expect(error.params).toMatchObject({ phase: 'PERGESERAN', fundingSource: 'DAU', amount: '-0.01' });
    expect(errorOf(() => decideShift(shift({ fundingSource: 'PAD' }), stateOf(lineA), stateOf(lineB))).rule).toBe('PAGU_NEGATIVE');
    expect(decideShift(shift({ amount: '653027794.00' }), stateOf(lineA), stateOf(lineB)).out[0].data).toEqual({
      shiftId: 'shift-1',
      phase: 'PERGESERAN',
      direction: 'out',
      counterpartCode: B,
      fundingSource: 'DAU',
      amount: '653027794.00',
    });
  });

  it('refuses shifting away money already spent', () => {
    const spent = history(lineA, realise('a-q1', '2022-Q1', '650000000.00'));
    expect(errorOf(() => decideShift(shift(), stateOf(spent), stateOf(lineB))).rule).toBe('REALISATION_EXCEEDS_PAGU');
  });

  it('refuses a zero, negative or numeric amount, and a date outside the year', () => {
    expect(errorOf(() => decideShift(shift({ amount: '0.00' }), stateOf(lineA), stateOf(lineB))).rule).toBe('SHIFT_AMOUNT_NOT_POSITIVE');
    expect(errorOf(() => decideShift(shift({ amount: '-1.00' }), stateOf(lineA), stateOf(lineB))).rule).toBe('AMOUNT_FORMAT');
    expect(errorOf(() => decideShift(shift({ amount: 1 }), stateOf(lineA), stateOf(lineB))).rule).toBe('AMOUNT_NOT_STRING');
    expect(errorOf(() => decideShift(shift({ effectiveDate: '2023-01-02' }), stateOf(lineA), stateOf(lineB))).rule).toBe(
      'EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR',
    );
  });

  it('refuses a shift with an unregistered line', () => {
    expect(errorOf(() => decideShift(shift(), stateOf([]), stateOf(lineB))).rule).toBe('LINE_NOT_REGISTERED');
    expect(errorOf(() => decideShift(shift(), stateOf(lineA), stateOf([]))).rule).toBe('LINE_NOT_REGISTERED');
  });
});

describe('correcting a shift', () => {
  const shifted = decideShift(shift(), stateOf(lineA), stateOf(lineB));
  const a = [...lineA, ...shifted.out];
  const b = [...lineB, ...shifted.in];
  const correction = (fields: Partial<CorrectShift> = {}): CorrectShift => ({
    type: 'CorrectShift',
    correctedEventId: 's-in',
    eventId: 'cs-b',
    counterpartEventId: 'cs-a',
    reason: 'Perkada dibatalkan',
    legalBasis: PERKADA_PERGESERAN,
    ...fields,
  });
  const correctionEvent = (id: string, correctedEventId: string, replacement: null | PaguShifted) => ({
    id,
    type: 'event.corrected',
    data: {
      correctedEventId,
      correctedType: 'pagu.shifted',
      replacement: replacement && { data: replacement.data, effectiveDate: '2022-06-15' },
    },
    effectiveDate: '2022-06-15',
    legalBasis: PERKADA_PERGESERAN,
    reason: 'Perkada dibatalkan',
  });

  it('reverses both legs together: the figures go back on both lines', () => {
    const result = decideShiftCorrection(correction(), stateOf(b), stateOf(a));
    expect(result).toEqual({ line: [correctionEvent('cs-b', 's-in', null)], counterpart: [correctionEvent('cs-a', 's-out', null)] });
    expect(view(paguBreakdown(after(b, result.line)))).toEqual({
      phases: { APBD: { DAU: '200000000.00' } },
      current: ['APBD', '200000000.00'],
    });
    expect(view(paguBreakdown(after(a, result.counterpart)))).toEqual({
      phases: { APBD: { DAU: '653027794.00' } },
      current: ['APBD', '653027794.00'],
    });
  });

  it('changes the amount on both legs', () => {
    const result = decideShiftCorrection(
      correction({ correctedEventId: 's-out', eventId: 'cs-a', counterpartEventId: 'cs-b', replacement: { amount: '3027794' } }),
      stateOf(a),
      stateOf(b),
    );
    expect(result).toEqual({
      line: [correctionEvent('cs-a', 's-out', leg('s-out', 'out', B, '3027794.00'))],
      counterpart: [correctionEvent('cs-b', 's-in', leg('s-in', 'in', A, '3027794.00'))],
    });
    expect(paguBreakdown(after(a, result.line)).currentPagu.toFixed(2)).toBe('650000000.00');
    expect(paguBreakdown(after(b, result.counterpart)).currentPagu.toFixed(2)).toBe('203027794.00');
  });

  it('corrects a corrected shift through its correction, and refuses the original leg again', () => {
    const first = decideShiftCorrection(correction({ replacement: { amount: '1000.00' } }), stateOf(b), stateOf(a));
    const b2 = [...b, ...first.line];
    const a2 = [...a, ...first.counterpart];
    const second = decideShiftCorrection(
      correction({ correctedEventId: 'cs-b', eventId: 'cs2-b', counterpartEventId: 'cs2-a' }),
      stateOf(b2),
      stateOf(a2),
    );
    expect(second.line.map((e) => e.data)).toEqual([{ correctedEventId: 'cs-b', correctedType: 'pagu.shifted', replacement: null }]);
    expect(second.counterpart.map((e) => e.data)).toEqual([{ correctedEventId: 'cs-a', correctedType: 'pagu.shifted', replacement: null }]);
    expect(paguBreakdown(after(a2, second.counterpart)).currentPagu.toFixed(2)).toBe('653027794.00');
    expect(errorOf(() => decideShiftCorrection(correction(), stateOf(b2), stateOf(a2))).rule).toBe('EVENT_ALREADY_CORRECTED');
  });

  it('needs a legal basis and a reason', () => {
    expect(errorOf(() => decideShiftCorrection(correction({ legalBasis: undefined }), stateOf(b), stateOf(a))).rule).toBe(
      'LEGAL_BASIS_REQUIRED',
    );
    expect(errorOf(() => decideShiftCorrection(correction({ reason: undefined }), stateOf(b), stateOf(a))).rule).toBe('REASON_REQUIRED');
  });

  it('only the amount can change, and not to zero or beyond what the giving line has', () => {
    expect(errorOf(() => decideShiftCorrection(correction({ replacement: { fundingSource: 'PAD' } }), stateOf(b), stateOf(a))).rule).toBe(
      'SHIFT_CORRECTION_FIELD',
    );
    expect(errorOf(() => decideShiftCorrection(correction({ replacement: { amount: '0.00' } }), stateOf(b), stateOf(a))).rule).toBe(
      'SHIFT_AMOUNT_NOT_POSITIVE',
    );
    expect(errorOf(() => decideShiftCorrection(correction({ replacement: { amount: '653027794.01' } }), stateOf(b), stateOf(a))).rule).toBe(
      'PAGU_NEGATIVE',
    );
  });

  it('refuses a reversal that takes back money the receiving line already spent', () => {
    const spent = history(b, realise('b-q3', '2022-Q3', '250000000.00'));
    expect(errorOf(() => decideShiftCorrection(correction(), stateOf(spent), stateOf(a))).rule).toBe('REALISATION_EXCEEDS_PAGU');
  });

  it('refuses an event that is not a shift', () => {
    expect(errorOf(() => decideShiftCorrection(correction({ correctedEventId: 'b-apbd' }), stateOf(b), stateOf(a))).rule).toBe(
      'NOT_A_SHIFT',
    );
  });

  it('refuses a counterpart that does not hold the other leg', () => {
    const third = history([registered('2.17.07.1.01.0003')], changePagu('c-apbd', { amount: '1.00' }));
    expect(errorOf(() => decideShiftCorrection(correction(), stateOf(b), stateOf(third))).rule).toBe('SHIFT_LEG_MISSING');
    expect(errorOf(() => decideShiftCorrection(correction(), stateOf(b), stateOf(b))).rule).toBe('SHIFT_LEG_MISSING');
  });

  it('a single leg cannot be corrected as a plain event: that would leave the lines disagreeing', () => {
    given(b)
      .when(correct('c-1', 's-in', { legalBasis: PERKADA_PERGESERAN }))
      .thenThrows('SHIFT_CORRECTION', 'invalid');
    given(b)
      .when(correct('c-1', 's-in', { legalBasis: PERKADA_PERGESERAN, replacement: { amount: '1.00' } }))
      .thenThrows('SHIFT_CORRECTION', 'invalid');
  });
});

describe('a shift made after the revised budget (APBD_P) took effect', () => {
  const revisedA = history(lineA, changePagu('a-p', { phase: 'APBD_P', amount: '700000000.00', effectiveDate: '2022-09-30' }));

  it('changes APBD_P, so the giving line really loses what the receiving line gains', () => {
    const result = decideShift(shift({ amount: '100000000.00', effectiveDate: '2022-10-15' }), stateOf(revisedA), stateOf(lineB));
    expect(result.out[0].data).toMatchObject({ phase: 'APBD_P', direction: 'out' });
    expect(view(paguBreakdown(after(revisedA, result.out))).current).toEqual(['APBD_P', '600000000.00']);
    expect(view(paguBreakdown(after(lineB, result.in))).current).toEqual(['APBD_P', '300000000.00']);
  });

  it('still goes to PERGESERAN when made before the APBD_P date', () => {
    const result = decideShift(shift({ amount: '100000000.00', effectiveDate: '2022-06-15' }), stateOf(revisedA), stateOf(lineB));
    expect(result.in[0].data).toMatchObject({ phase: 'PERGESERAN' });
  });
});
