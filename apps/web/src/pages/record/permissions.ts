import type { SessionInfo } from '../../api/session';

/**
 * Which writes the signed-in user may make on an office (docs/security.md, permission matrix). Only
 * decides what the workbench offers: the server checks every write again and is the authority.
 */
export const PLANNER_PHASES = ['RKPD', 'RENJA', 'KUA_PPAS', 'PRAKIRAAN_MAJU'] as const;
export const FINANCE_PHASES = ['APBD', 'PERGESERAN', 'APBD_P'] as const;
export type PaguPhase = (typeof PLANNER_PHASES)[number] | (typeof FINANCE_PHASES)[number];
/** The phase order of the select: the year's chain, then the forward estimate. */
const PHASE_ORDER: PaguPhase[] = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P', 'PRAKIRAAN_MAJU'];

export interface WriteRights {
  /** Register a line, define an indicator, revise a target (planner). */
  plan: boolean;
  /** Shifts and realisations (finance). */
  budget: boolean;
  /** The pagu phases the user may set or add to. */
  paguPhases: PaguPhase[];
}

export function writeRights(session: SessionInfo | null, office: string): WriteRights {
  const inScope = !!session && (session.offices === '*' || session.offices.includes(office.toUpperCase()));
  const planner = inScope && session.roles.includes('planner');
  const finance = inScope && session.roles.includes('finance');
  const allowed = new Set<PaguPhase>([...(planner ? PLANNER_PHASES : []), ...(finance ? FINANCE_PHASES : [])]);
  return { plan: planner, budget: finance, paguPhases: PHASE_ORDER.filter((p) => allowed.has(p)) };
}

/** Whether the user may record anything on a line of the office (the "Catat perubahan" link). */
export const mayWriteLine = (rights: WriteRights) => rights.plan || rights.budget;

/** APBD, PERGESERAN and APBD_P, and every addition, need a reason and a dasar hukum (README, rules table). */
export const paguNeedsLegalBasis = (phase: string, mode: 'amount' | 'delta') =>
  mode === 'delta' || (FINANCE_PHASES as readonly string[]).includes(phase);
