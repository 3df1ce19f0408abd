import { changePagu, correct, history, PMK_DID, recordedAt, registered, stateOf } from '@renja/domain/testing/plan-line-fixtures';
import { paguSteps } from './pagu-steps';

const code = '2.17.08.1.01.0001';
const did = changePagu('p-did', {
  phase: 'APBD_P',
  fundingSource: 'DID',
  delta: '5627000000.00',
  legalBasis: PMK_DID,
  reason: 'DID 2022',
  effectiveDate: '2022-11-24',
});
const brief = (s: ReturnType<typeof paguSteps>) =>
  s.steps.map((x) => [x.kind, x.phase, x.fundingSource, x.amountBefore, x.delta, x.amountAfter, x.status]);

describe('paguSteps: why a pagu is what it is', () => {
  it('walks from the APBD amount through the DID addition to the current pagu, carrying APBD into APBD_P', () => {
    const events = recordedAt(
      '2022-11-25T01:00:00.000000Z',
      history([registered(code)], changePagu('p-induk', { amount: '518553447.00' }), did),
    );
    const trail = paguSteps(stateOf(events));
    expect(brief(trail)).toEqual([
      ['pagu_set', 'APBD', 'DAU', '0.00', '518553447.00', '518553447.00', 'in_force'],
      ['phase_start', 'APBD_P', null, '518553447.00', '0.00', '518553447.00', 'in_force'],
      ['pagu_add', 'APBD_P', 'DID', '518553447.00', '5627000000.00', '6145553447.00', 'in_force'],
    ]);
    expect(trail.steps[1].carriedFrom).toBe('APBD');
    expect(trail.steps[2]).toMatchObject({
      legalBasis: PMK_DID,
      effectiveDate: '2022-11-24',
      sourceBefore: '0.00',
      sourceAfter: '5627000000.00',
      eventType: 'pagu.changed',
    });
    expect([trail.sumOfDeltas.toFixed(2), trail.finalAmount.toFixed(2)]).toEqual(['6145553447.00', '6145553447.00']);
  });

  it('shows an APBD_P that sets a lower amount as a negative delta from the carried APBD amount', () => {
    const events = history(
      [registered(code)],
      changePagu('p-induk', { amount: '1000.00' }),
      changePagu('p-p', { phase: 'APBD_P', amount: '750.50', effectiveDate: '2022-10-01' }),
    );
    const trail = paguSteps(stateOf(events));
    expect(brief(trail).at(-1)).toEqual(['pagu_set', 'APBD_P', 'DAU', '1000.00', '-249.50', '750.50', 'in_force']);
    expect(trail.sumOfDeltas.toFixed(2)).toBe('750.50');
  });

  it('keeps a replaced amount visible with delta 0 next to the correction that replaced it', () => {
    const first = recordedAt('2022-01-05T00:00:00.000000Z', history([registered(code)], changePagu('p-induk', { amount: '500.00' })));
    const all = [
      ...first,
      ...recordedAt(
        '2022-02-01T00:00:00.000000Z',
        history(first, correct('c-1', 'p-induk', { replacement: { amount: '600.00' }, legalBasis: PMK_DID })).slice(first.length),
      ),
    ];
    const trail = paguSteps(stateOf(all));
    expect(brief(trail)).toEqual([
      ['pagu_set', 'APBD', 'DAU', '0.00', '0.00', '0.00', 'replaced'],
      ['pagu_set', 'APBD', 'DAU', '0.00', '600.00', '600.00', 'in_force'],
    ]);
    expect(trail.steps[0].correctedBy).toEqual({ eventId: 'c-1', recordedAt: '2022-02-01T00:00:00.000000Z', kind: 'replacement' });
    expect(trail.steps[1]).toMatchObject({
      eventId: 'c-1',
      eventType: 'event.corrected',
      corrects: { eventId: 'p-induk', kind: 'replacement' },
    });
    // As the ledger knew it before the correction: the original amount, in force.
    const before = paguSteps(stateOf(all), { knownAt: '2022-01-31T23:59:59.999999Z' });
    expect(brief(before)).toEqual([['pagu_set', 'APBD', 'DAU', '0.00', '500.00', '500.00', 'in_force']]);
  });

  it('shows a reversed addition as reversed, contributing nothing', () => {
    const events = history(
      [registered(code)],
      changePagu('p-induk', { amount: '500.00' }),
      changePagu('p-add', { delta: '100.00' }),
      correct('c-2', 'p-add', { legalBasis: PMK_DID }),
    );
    const trail = paguSteps(stateOf(events));
    expect(brief(trail)[1]).toEqual(['pagu_add', 'APBD', 'DAU', '500.00', '0.00', '500.00', 'reversed']);
    expect(trail.steps[1].correctedBy).toMatchObject({ eventId: 'c-2', kind: 'reversal' });
    expect([trail.sumOfDeltas.toFixed(2), trail.finalAmount.toFixed(2)]).toEqual(['500.00', '500.00']);
  });

  it('leaves out what had not taken effect at validAt', () => {
    const events = history([registered(code)], changePagu('p-induk', { amount: '518553447.00' }), did);
    expect(brief(paguSteps(stateOf(events), { validAt: '2022-10-31' }))).toHaveLength(1);
  });
});
