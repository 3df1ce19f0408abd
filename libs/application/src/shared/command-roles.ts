import { EXECUTABLE_PHASES, phaseFromAlias, PHASES, type Phase } from '@renja/domain';

/**
 * Who may record which kind of change: the one table the API, the importer, the command line and the
 * browser forms read. Pure (it imports only @renja/domain), so the web bundle can import it too.
 */
export const ROLES = ['admin', 'planner', 'finance', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** Every kind of write to the ledger (a correction is recorded by the role of the kind it corrects). */
export const WRITE_KINDS = [
  'register-office',
  'set-office-signatory',
  'register-line',
  'define-indicator',
  'revise-target',
  'change-pagu',
  'record-realisation',
  'shift-budget',
  'record-stated-figure',
  'record-renstra',
  'record-evaluation-note',
] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];

/** Phases whose amounts planners record; the executable budget (APBD, PERGESERAN, APBD_P) is finance's. */
export const PLANNING_PHASES: readonly Phase[] = PHASES.filter((p) => !EXECUTABLE_PHASES.includes(p));

/** The roles that may record a change to a pagu phase (an unknown phase: any role that records pagu at all). */
export function paguRoles(phase: unknown): Role[] {
  // An alias (APBD-P) names the same phase as its code: the same roles, whichever spelling was sent.
  const canonical = phaseFromAlias(phase);
  if (!canonical) return ['planner', 'finance'];
  return EXECUTABLE_PHASES.includes(canonical) ? ['finance'] : ['planner'];
}

/** The table: each kind of write and the roles that may record it (a pagu change: by its phase). */
export const COMMAND_ROLES: { readonly [K in WriteKind]: K extends 'change-pagu' ? (phase: unknown) => Role[] : readonly Role[] } = {
  'register-office': ['admin'],
  'set-office-signatory': ['admin'],
  'register-line': ['planner'],
  'define-indicator': ['planner'],
  'revise-target': ['planner'],
  'change-pagu': paguRoles,
  'record-realisation': ['finance'],
  'shift-budget': ['finance'],
  'record-stated-figure': ['planner', 'finance'],
  'record-renstra': ['planner'],
  'record-evaluation-note': ['planner'],
};

/** The roles a write needs; `phase` is read for a pagu change only. */
export function rolesForWrite(kind: WriteKind, phase?: unknown): Role[] {
  const entry = COMMAND_ROLES[kind];
  return typeof entry === 'function' ? entry(phase) : [...entry];
}

/** The kinds of recorded entry a correction may target, and the write kind each stands for. */
export const CORRECTED_KIND_WRITE = {
  pagu: 'change-pagu',
  shift: 'shift-budget',
  target: 'revise-target',
  realisation: 'record-realisation',
} as const satisfies Record<string, WriteKind>;
export type CorrectableKind = keyof typeof CORRECTED_KIND_WRITE;

/** The roles that may correct (or reverse) an entry of this kind: those that may record it. */
export function rolesToCorrect(kind: CorrectableKind, phase: unknown): Role[] {
  return rolesForWrite(CORRECTED_KIND_WRITE[kind], phase);
}
