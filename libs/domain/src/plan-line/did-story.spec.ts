/**
 * The true story of fiscal year 2022 (domain.md): two UMKM programs of DKUKM received DID under
 * PMK 170/PMK.07/2022 in November, too late to spend, and ended the year at 38.15 % and 39.77 %.
 */
import { percentage } from '../shared/money';
import { changePagu, given, history, PMK_DID, realise, registered, stateOf } from '../testing/plan-line-fixtures';
import type { LineEvent } from './events';
import { paguBreakdown, type PaguBreakdown } from './pagu';
import { realisationSummary } from './realisation';

const didAddition = (eventId: string, delta: string) =>
  changePagu(eventId, {
    phase: 'APBD_P',
    fundingSource: 'DID',
    delta,
    legalBasis: PMK_DID,
    reason: 'Dana Insentif Daerah (DID) tahun 2022',
    effectiveDate: '2022-11-24',
  });

const pagu = (b: PaguBreakdown) => ({
  phases: Object.fromEntries(
    [...b.phases].map(([phase, sources]) => [phase, Object.fromEntries([...sources].map(([s, a]) => [s, a.toFixed(2)]))]),
  ),
  currentPhase: b.currentPhase,
  currentPagu: b.currentPagu.toFixed(2),
  originalPagu: b.originalPagu?.toFixed(2) ?? null,
});

describe('DID 2022: Pemberdayaan UMKM (2.17.07)', () => {
  const code = '2.17.07.1.01.0001';
  const induk = history([registered(code)], changePagu('p-induk-07', { amount: '653027794.00' }));

  it('records the DID addition with its PMK as legal basis, effective in November, in APBD_P', () => {
    given(induk)
      .when(didAddition('p-did-07', '1000000000.00'))
      .then([
        {
          id: 'p-did-07',
          type: 'pagu.changed',
          data: { phase: 'APBD_P', fundingSource: 'DID', operation: 'add', amount: '1000000000.00' },
          effectiveDate: '2022-11-24',
          legalBasis: { kind: 'PMK', number: '170/PMK.07/2022', date: '2022-11-22' },
          reason: 'Dana Insentif Daerah (DID) tahun 2022',
        },
      ]);
  });

  const year: LineEvent[] = history(
    induk,
    realise('r-07-q1', '2022-Q1', '95000000.00'),
    realise('r-07-q2', '2022-Q2', '150000000.00'),
    realise('r-07-q3', '2022-Q3', '185592410.00'),
    didAddition('p-did-07', '1000000000.00'),
    realise('r-07-q4', '2022-Q4', '200000000.00'),
  );

  it('ends the year at 38.15 % of the current pagu', () => {
    const state = stateOf(year);
    const b = paguBreakdown(state);
    const r = realisationSummary(state);
    expect(pagu(b)).toEqual({
      phases: { APBD: { DAU: '653027794.00' }, APBD_P: { DAU: '653027794.00', DID: '1000000000.00' } },
      currentPhase: 'APBD_P',
      currentPagu: '1653027794.00',
      originalPagu: '653027794.00',
    });
    expect(r.cumulative.toFixed(2)).toBe('630592410.00');
    expect(r.byQuarter.map((q) => q.toFixed(2))).toEqual(['95000000.00', '150000000.00', '185592410.00', '200000000.00']);
    expect(percentage(r.cumulative, b.currentPagu)).toBe('38.15');
    expect(percentage(r.cumulative, b.originalPagu!)).toBe('96.56');
  });

  it('on 31 October 2022 the pagu was the induk amount only', () => {
    const state = stateOf(year);
    expect(pagu(paguBreakdown(state, { validAt: '2022-10-31' }))).toEqual({
      phases: { APBD: { DAU: '653027794.00' } },
      currentPhase: 'APBD',
      currentPagu: '653027794.00',
      originalPagu: '653027794.00',
    });
    expect(realisationSummary(state, { validAt: '2022-10-31' }).cumulative.toFixed(2)).toBe('430592410.00');
  });
});

describe('DID 2022: Pengembangan UMKM (2.17.08)', () => {
  const code = '2.17.08.1.01.0001';
  const beforeDid = history(
    [registered(code)],
    changePagu('p-induk-08', { amount: '518553447.00' }),
    realise('r-08-q1', '2022-Q1', '120000000.00'),
    realise('r-08-q2', '2022-Q2', '180000000.00'),
    realise('r-08-q3', '2022-Q3', '210000000.00'),
  );
  const withDid = history(beforeDid, didAddition('p-did-08', '5627000000.00'));

  it('cannot spend the DID before it arrives: Q1-Q3 must stay within the induk amount', () => {
    given(beforeDid)
      .when(realise('x', '2022-Q3', '8553447.01', { effectiveDate: '2022-09-30' }))
      .thenThrows('REALISATION_EXCEEDS_PAGU', 'rule');
  });

  it('spends most of it in Q4 and ends the year at 39.77 %', () => {
    const state = given(withDid)
      .when(realise('r-08-q4', '2022-Q4', '1934304781.00'))
      .then([
        {
          id: 'r-08-q4',
          type: 'realisation.recorded',
          data: { period: '2022-Q4', amount: '1934304781.00', outputs: [] },
          effectiveDate: '2022-12-31',
          legalBasis: null,
          reason: null,
        },
      ]);
    const b = paguBreakdown(state);
    const r = realisationSummary(state);
    expect(pagu(b)).toEqual({
      phases: { APBD: { DAU: '518553447.00' }, APBD_P: { DAU: '518553447.00', DID: '5627000000.00' } },
      currentPhase: 'APBD_P',
      currentPagu: '6145553447.00',
      originalPagu: '518553447.00',
    });
    expect(r.cumulative.toFixed(2)).toBe('2444304781.00');
    expect(percentage(r.cumulative, b.currentPagu)).toBe('39.77');
    expect(percentage(r.cumulative, b.originalPagu!)).toBe('471.37');
    expect(pagu(paguBreakdown(state, { validAt: '2022-10-31' }))).toEqual({
      phases: { APBD: { DAU: '518553447.00' } },
      currentPhase: 'APBD',
      currentPagu: '518553447.00',
      originalPagu: '518553447.00',
    });
  });
});
