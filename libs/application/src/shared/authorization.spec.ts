import { PHASES } from '@renja/domain';
import { authorize, correctionAction, decide, ForbiddenError, rolesFor, type Action } from './authorization';
import { ROLES, type Principal, type Role } from './principal';

const principal = (roles: Role[], offices: Principal['offices'] = ['DKUKM']): Principal => ({
  name: `${roles.join('+') || 'nobody'}`,
  roles,
  offices,
  via: 'token',
  tokenId: 1,
});

/** The permission matrix of docs/security.md, action by action: which single role may do it. */
const MATRIX: Array<[string, Action, Role[]]> = [
  ['register an office', { kind: 'register-office', office: 'DKUKM' }, ['admin']],
  ['register a line', { kind: 'register-line', office: 'DKUKM' }, ['planner']],
  ['define an indicator', { kind: 'define-indicator', office: 'DKUKM' }, ['planner']],
  ['revise a target', { kind: 'revise-target', office: 'DKUKM' }, ['planner']],
  ...(['RKPD', 'RENJA', 'KUA_PPAS', 'PRAKIRAAN_MAJU'] as const).map((phase): [string, Action, Role[]] => [
    `change ${phase} pagu`,
    { kind: 'change-pagu', office: 'DKUKM', phase },
    ['planner'],
  ]),
  ...(['APBD', 'PERGESERAN', 'APBD_P'] as const).map((phase): [string, Action, Role[]] => [
    `change ${phase} pagu`,
    { kind: 'change-pagu', office: 'DKUKM', phase },
    ['finance'],
  ]),
  ['record a realisation', { kind: 'record-realisation', office: 'DKUKM' }, ['finance']],
  ['shift budget', { kind: 'shift-budget', office: 'DKUKM' }, ['finance']],
  ['manage tokens', { kind: 'manage-tokens', offices: ['DKUKM'] }, ['admin']],
  ['read an office', { kind: 'read', office: 'DKUKM' }, ['admin', 'planner', 'finance', 'inspector']],
  ['verify the ledger', { kind: 'verify-ledger' }, ['admin', 'inspector']],
  ['issue a checkpoint', { kind: 'issue-checkpoint' }, ['admin', 'inspector']],
];

describe('authorization policy', () => {
  it('covers every phase of the domain exactly once between planner and finance', () => {
    const owners = PHASES.map((phase) => rolesFor({ kind: 'change-pagu', office: 'X', phase }));
    expect(owners.every((roles) => roles.length === 1)).toBe(true);
    expect(new Set(owners.flat())).toEqual(new Set(['planner', 'finance']));
  });

  describe.each(MATRIX)('%s', (_what, action, allowed) => {
    it.each(ROLES)('as %s, in scope', (role) => {
      expect(decide(principal([role]), action).allowed).toBe(allowed.includes(role));
    });

    if ('office' in action) {
      it.each(ROLES)('as %s, out of scope: refused, naming the office and the scope', (role) => {
        const decision = decide(principal([role], ['BPKAD']), action);
        expect(decision.allowed).toBe(false);
        if (!decision.allowed && allowed.includes(role))
          expect(decision.reason).toMatch(/office DKUKM is outside the scope .*offices BPKAD/);
      });
    }
  });

  it('lets an all-offices principal act anywhere, and compares office codes case-insensitively', () => {
    expect(decide(principal(['finance'], '*'), { kind: 'record-realisation', office: 'ANY' }).allowed).toBe(true);
    expect(decide(principal(['finance'], ['DKUKM']), { kind: 'record-realisation', office: 'dkukm' }).allowed).toBe(true);
  });

  it('names the role needed and the scope in a refusal', () => {
    const inspector = principal(['inspector']);
    expect(() => authorize(inspector, { kind: 'change-pagu', office: 'DKUKM', phase: 'APBD' })).toThrow(ForbiddenError);
    try {
      authorize(inspector, { kind: 'change-pagu', office: 'DKUKM', phase: 'APBD' });
    } catch (error) {
      expect(error).toMatchObject({ rolesNeeded: ['finance'], scope: 'offices DKUKM' });
      expect((error as Error).message).toBe('change-pagu (phase APBD) needs the role finance; "inspector" has the role inspector');
    }
  });

  it('lets an office admin grant access only inside its own offices', () => {
    const officeAdmin = principal(['admin'], ['DKUKM']);
    expect(decide(officeAdmin, { kind: 'manage-tokens', offices: ['DKUKM'] }).allowed).toBe(true);
    expect(decide(officeAdmin, { kind: 'manage-tokens', offices: ['DKUKM', 'BPKAD'] })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/not for office BPKAD/),
    });
    expect(decide(officeAdmin, { kind: 'manage-tokens', offices: '*' })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/not for all offices/),
    });
    expect(decide(principal(['admin'], '*'), { kind: 'manage-tokens', offices: '*' }).allowed).toBe(true);
  });

  it('gives a correction to the role that records the corrected kind, and both phases when it moves a pagu', () => {
    const office = 'DKUKM';
    expect(correctionAction('realisation.recorded', {}, {}, office)).toEqual([{ kind: 'record-realisation', office }]);
    expect(correctionAction('target.revised', {}, {}, office)).toEqual([{ kind: 'revise-target', office }]);
    expect(correctionAction('pagu.shifted', {}, {}, office)).toEqual([{ kind: 'shift-budget', office }]);
    const moved = correctionAction('pagu.changed', { phase: 'RENJA' }, { phase: 'APBD' }, office);
    expect(moved).toEqual([
      { kind: 'change-pagu', office, phase: 'RENJA' },
      { kind: 'change-pagu', office, phase: 'APBD' },
    ]);
    expect(() => authorize(principal(['planner']), ...moved)).toThrow(/needs the role finance/);
    expect(() => authorize(principal(['planner', 'finance']), ...moved)).not.toThrow();
    // A correction of a correction: the role of the kind first corrected, with the replacement's phase.
    const again = { correctedType: 'pagu.changed', replacement: { data: { phase: 'APBD' } } };
    expect(correctionAction('event.corrected', again, {}, office)).toEqual([{ kind: 'change-pagu', office, phase: 'APBD' }]);
    expect(correctionAction('event.corrected', { correctedType: 'realisation.recorded', replacement: null }, {}, office)).toEqual([
      { kind: 'record-realisation', office },
    ]);
  });

  it('refuses a principal without roles everything, reads included', () => {
    for (const [, action] of MATRIX) expect(decide(principal([]), action).allowed).toBe(false);
  });

  it('gives a phase alias the roles of its phase: a planner may not write APBD-P by spelling it differently', () => {
    for (const alias of ['APBD-P', 'apbd perubahan', 'APBD Murni', 'Pergeseran']) {
      expect(rolesFor({ kind: 'change-pagu', office: 'DKUKM', phase: alias })).toEqual(['finance']);
      expect(decide(principal(['planner']), { kind: 'change-pagu', office: 'DKUKM', phase: alias }).allowed).toBe(false);
    }
    expect(rolesFor({ kind: 'change-pagu', office: 'DKUKM', phase: 'Pagu Indikatif' })).toEqual(['planner']);
    const refusal = decide(principal(['planner']), { kind: 'change-pagu', office: 'DKUKM', phase: 'APBD-P' });
    expect(refusal.allowed === false && refusal.text).toMatchObject({ key: 'FORBIDDEN.role' });
  });
});
