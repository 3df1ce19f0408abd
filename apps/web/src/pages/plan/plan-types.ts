/** What GET /api/v1/years/{year}/offices/{office}/plan answers (amounts are decimal strings). */
export type Phase = 'RKPD' | 'RENJA' | 'KUA_PPAS' | 'APBD' | 'PERGESERAN' | 'APBD_P' | 'PRAKIRAAN_MAJU';
export type Level = 'program' | 'kegiatan' | 'sub_kegiatan';

/** The budget chain in order (the forward estimate, PRAKIRAAN_MAJU, is not part of it). */
export const CHAIN_PHASES: Phase[] = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P'];

export interface Absorption {
  current: string | null;
  original: string | null;
}

export interface Figures {
  currentPagu: string;
  originalPagu: string | null;
  realised: string;
  absorption: Absorption;
}

export interface Indicator {
  id: string;
  name: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better';
  target: string | null;
  outputs: Array<string | null>;
  outputTotal: string | null;
  achievement: string | null;
}

/** pagu[phase] = { <funding source>: amount, …, total: amount } */
export type PaguByPhase = Partial<Record<Phase, Record<string, string>>>;

export interface PlanLine extends Figures {
  code: string;
  level: Level;
  parentCode: string | null;
  name: string;
  version: number;
  currentPhase: Phase | null;
  pagu: PaguByPhase;
  executablePagu: string;
  realisedByQuarter: string[];
  indicators: Indicator[];
  /** Rolled up over the line and everything under it (for a sub kegiatan: its own figures). */
  totals: Figures;
}

export interface Plan {
  year: number;
  office: { code: string; name: string };
  asOf: { validAt?: string; knownAt?: string };
  totals: Figures;
  lines: PlanLine[];
}
