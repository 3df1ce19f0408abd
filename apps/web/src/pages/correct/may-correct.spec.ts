import { kindOf, mayCorrect, phaseOf, rolesToCorrect, type EntryFacts } from './may-correct';

const entry = (over: Partial<EntryFacts>): EntryFacts => ({
  eventId: 'e1',
  type: 'pagu.changed',
  correctsEventId: null,
  changes: [],
  ...over,
});
const apbd = entry({ changes: [{ figure: 'pagu.APBD.DID' }, { figure: 'pagu.current' }] });
const renja = entry({ eventId: 'e2', changes: [{ figure: 'pagu.current' }, { figure: 'pagu.RENJA.DAU' }] });
const none = new Map<string, EntryFacts>();

describe('who may correct an entry', () => {
  it('reads the phase from the figures, not pagu.current', () => {
    expect(phaseOf(apbd)).toBe('APBD');
    expect(phaseOf(renja)).toBe('RENJA');
    expect(phaseOf(entry({ type: 'target.revised', changes: [{ figure: 'target.IK-1' }] }))).toBeNull();
  });

  it('gives executable pagu, shifts and realisations to finance; planning pagu and targets to the planner', () => {
    expect(rolesToCorrect('pagu', 'APBD_P')).toEqual(['finance']);
    expect(rolesToCorrect('pagu', 'KUA_PPAS')).toEqual(['planner']);
    expect(rolesToCorrect('shift', 'PERGESERAN')).toEqual(['finance']);
    expect(rolesToCorrect('realisation', null)).toEqual(['finance']);
    expect(rolesToCorrect('target', null)).toEqual(['planner']);
  });

  it('follows a correction to the kind of the entry it corrects, or reads it from the figures', () => {
    const target = entry({ eventId: 't1', type: 'target.revised', changes: [{ figure: 'target.IK-1' }] });
    const fix = entry({ eventId: 'c1', type: 'event.corrected', correctsEventId: 't1', changes: [{ figure: 'target.IK-1' }] });
    expect(kindOf(fix, new Map([['t1', target]]))).toBe('target');
    const lone = entry({ type: 'event.corrected', correctsEventId: 'x', changes: [{ figure: 'realisation.Q1' }] });
    expect(kindOf(lone, none)).toBe('realisation');
    expect(kindOf(entry({ type: 'plan-line.registered' }), none)).toBeNull();
  });

  it('offers the controls only to the right role, in scope, for entries not yet corrected', () => {
    const finance = { roles: ['finance' as const], offices: ['1.02.0.00.0.00.01.0000'] };
    const office = '1.02.0.00.0.00.01.0000';
    expect(mayCorrect(finance, office, apbd, none, false)).toBe(true);
    expect(mayCorrect(finance, office, apbd, none, true)).toBe(false);
    expect(mayCorrect(finance, office, renja, none, false)).toBe(false);
    expect(mayCorrect(finance, 'OTHER', apbd, none, false)).toBe(false);
    expect(mayCorrect({ roles: ['inspector'], offices: '*' }, office, apbd, none, false)).toBe(false);
    expect(mayCorrect({ roles: ['planner'], offices: '*' }, office, renja, none, false)).toBe(true);
    expect(mayCorrect(null, office, apbd, none, false)).toBe(false);
  });
});
