import { EVENT_TYPE_LABELS, figureLabel, recordedUntil } from './change-labels';

describe('change labels', () => {
  it('names the event types in Indonesian keys', () => {
    expect(EVENT_TYPE_LABELS['pagu.changed']).toBe('changes.type.pagu');
    expect(EVENT_TYPE_LABELS['event.corrected']).toBe('changes.type.corrected');
  });

  it('reads the figure names of the history', () => {
    expect(figureLabel('pagu.APBD_P.DID', (p) => (p === 'APBD_P' ? 'APBD-P' : p))).toEqual({
      key: 'changes.figure.pagu',
      values: { phase: 'APBD-P', source: 'DID' },
      money: true,
    });
    expect(figureLabel('pagu.current')).toMatchObject({ key: 'changes.figure.paguCurrent', money: true });
    expect(figureLabel('realisation.Q4')).toEqual({ key: 'changes.figure.realised', values: { period: 'TW IV' }, money: true });
    expect(figureLabel('output.IK-1.Q2')).toEqual({
      key: 'changes.figure.output',
      values: { indicator: 'IK-1', period: 'TW II' },
      money: false,
    });
    expect(figureLabel('target.IK-2')).toMatchObject({ key: 'changes.figure.target', money: false });
    expect(figureLabel('line').money).toBe(false);
    expect(figureLabel('renstra.target.rp')).toEqual({ key: 'changes.figure.renstraTarget', values: { of: '(Rp)' }, money: true });
    expect(figureLabel('renstra.realised_to_last_year.IK-1')).toEqual({
      key: 'changes.figure.renstraRealised',
      values: { of: 'IK-1' },
      money: false,
    });
    expect(figureLabel('something.new')).toEqual({ key: null, values: {}, money: false });
  });

  it('never asks for changes recorded after the knownAt day', () => {
    expect(recordedUntil(undefined, undefined)).toBeUndefined();
    expect(recordedUntil('2022-12-31', undefined)).toBe('2022-12-31');
    expect(recordedUntil(undefined, '2022-12-15T10:00:00Z')).toBe('2022-12-15');
    expect(recordedUntil('2022-12-31', '2022-12-15')).toBe('2022-12-15');
    expect(recordedUntil('2022-11-01', '2022-12-15')).toBe('2022-11-01');
  });
});
