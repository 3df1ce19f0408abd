import type { Phase, PlanLine } from '../plan/plan-types';

/** GET …/lines/{code}: one line with its figures and indicators (the same shape as a plan line). */
export type Line = PlanLine;

export interface LegalBasisValue {
  kind: string;
  number: string;
  date: string;
}

export type StepKind = 'phase_start' | 'pagu_set' | 'pagu_add' | 'shift_in' | 'shift_out';

/** One step of GET …/lines/{code}/reports/pagu-trail: amountBefore/amountAfter are the server's running totals. */
export interface PaguStep {
  step: number;
  kind: StepKind;
  phase: Phase;
  carriedFrom: Phase | null;
  fundingSource: string | null;
  eventId: string | null;
  eventType: string | null;
  statedAmount: string | null;
  counterpartCode: string | null;
  sourceBefore: string | null;
  sourceAfter: string | null;
  amountBefore: string;
  amountAfter: string;
  delta: string;
  legalBasis: LegalBasisValue | null;
  reason: string | null;
  actor: string | null;
  effectiveDate: string | null;
  recordedAt: string | null;
  status: 'in_force' | 'reversed' | 'replaced';
  corrects: { eventId: string } | null;
  correctedBy: { eventId: string; recordedAt: string | null; kind: 'reversal' | 'replacement' } | null;
}

export interface TieOut {
  description: string;
  expected: string;
  actual: string;
  status: string;
}

export interface PaguTrail {
  scope: { code: string; level: string; name: string } | null;
  lines: Array<{
    code: string;
    level: string;
    name: string;
    currentPhase: Phase | null;
    currentPagu: string;
    steps: PaguStep[];
    tieOut: TieOut;
  }>;
  tieOut: TieOut;
}

/** One entry of GET …/lines/{code}/history. */
export interface HistoryEntry {
  position: number;
  eventId: string;
  type: string;
  recordedAt: string;
  effectiveDate: string | null;
  actor: string | null;
  reason: string | null;
  legalBasis: LegalBasisValue | null;
  correctsEventId: string | null;
  changes: Array<{ figure: string; from: string | null; to: string | null }>;
}

/** One line (or kegiatan, program) of GET …/reports/absorption. */
export interface AbsorptionLine {
  code: string | null;
  level: string;
  name: string;
  currentPagu: string;
  originalPagu: string | null;
  realised: string;
  byMonth: Array<string | null>;
  cumulativeByMonth: Array<string | null>;
  monthlyComplete: boolean;
  byQuarter: Array<string | null>;
  cumulativeByQuarter: Array<string | null>;
  absorptionByQuarter: { current: Array<string | null>; original: Array<string | null> };
}

export interface AbsorptionReport {
  lines: AbsorptionLine[];
  kegiatan: AbsorptionLine[];
  programs: AbsorptionLine[];
}
