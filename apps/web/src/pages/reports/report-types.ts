/**
 * The JSON the report endpoints answer (projections/src/reports/*), restated here because the
 * workbench does not import server code. Every amount is a decimal string; null means "missing".
 */
export interface LegalBasisValue {
  kind: string;
  number: string;
  date: string;
}

export interface ReportOffice {
  code: string;
  name: string;
}

export interface TieOut {
  description: string;
  expected: string;
  actual: string;
  status: 'OK' | 'MISMATCH';
}

/** A row of any report that can be ordered as program → kegiatan → line. */
export interface CodedRow {
  code: string | null;
  level: string;
  name: string;
}

export interface ExplainingEvent {
  eventId: string;
  eventType: string;
  kind: string;
  phase: string;
  fundingSource: string;
  delta: string;
  effectiveDate: string;
  legalBasis: LegalBasisValue | null;
  reason: string | null;
  corrects: string | null;
}

export interface ReconciliationTotal extends CodedRow {
  fromAmount: string | null;
  toAmount: string | null;
  delta: string;
  deltaPercent: string | null;
  deltaBySource: Record<string, string>;
}

export interface ReconciliationLine extends ReconciliationTotal {
  code: string;
  parentCode: string | null;
  presence: 'both' | 'only_from' | 'only_to';
  toCarriedFrom: string | null;
  events: ExplainingEvent[];
  explainedDelta: string;
  explained: boolean;
}

export interface ReconciliationReport {
  report: 'reconciliation';
  year: number;
  office: ReportOffice;
  fromPhase: string;
  toPhase: string;
  lines: ReconciliationLine[];
  kegiatan: ReconciliationTotal[];
  programs: ReconciliationTotal[];
  officeTotal: ReconciliationTotal;
  tieOut: { deltas: TieOut; explained: TieOut; unexplainedLines: string[] };
}

export interface AbsorptionRow extends CodedRow {
  currentPagu: string;
  originalPagu: string | null;
  realised: string;
  byMonth: Array<string | null>;
  cumulativeByMonth: Array<string | null>;
  monthlyComplete: boolean;
  byQuarter: Array<string | null>;
  cumulativeByQuarter: string[];
  absorptionByQuarter: { current: Array<string | null>; original: Array<string | null> };
  absorption: { current: string | null; original: string | null };
  lateAdditions: string;
  absorptionWithoutLateAdditions: string | null;
}

export interface LateAddition {
  code: string;
  name: string;
  eventId: string;
  eventType: string;
  kind: string;
  phase: string;
  fundingSource: string;
  amount: string;
  effectiveDate: string;
  legalBasis: LegalBasisValue | null;
  reason: string | null;
  recordedAt: string | null;
  lineRealised: string;
  lineCurrentPagu: string;
  lineAbsorption: { current: string | null; original: string | null };
}

export interface AbsorptionReport {
  report: 'absorption';
  year: number;
  office: ReportOffice;
  lastQuarterStarts: string;
  lines: AbsorptionRow[];
  kegiatan: AbsorptionRow[];
  programs: AbsorptionRow[];
  officeTotal: AbsorptionRow;
  lateAdditions: LateAddition[];
}

export interface KRp {
  k: string | null;
  rp: string | null;
}

export type Predikat = 'ST' | 'T' | 'S' | 'R' | 'SR';

export interface EvaluationRow {
  code: string;
  level: string;
  name: string;
  indicator: { id: string; name: string; unit: string; direction: string } | null;
  renstraTarget: KRp;
  renstraRealisedToLastYear: KRp;
  target: KRp;
  realisation: KRp[];
  realisationTotal: KRp;
  capaian: KRp;
  renstraCumulative: KRp;
  renstraCapaian: KRp;
}

export interface EvaluationSummary {
  code: string | null;
  name: string;
  averageCapaianK: string | null;
  indicatorsCounted: number;
  capaianRp: string | null;
  predikatK: Predikat | null;
  predikatRp: Predikat | null;
}

/** Faktor pendorong / penghambat / tindak lanjut of a quarter, for the office (code null) or a line. */
export interface EvaluationNote {
  period: string;
  quarter: 1 | 2 | 3 | 4;
  code: string | null;
  name: string;
  pendorong: string | null;
  penghambat: string | null;
  tindakLanjut: string | null;
  eventId: string;
  recordedAt: string;
  actor: string;
  reason: string | null;
}

export interface EvaluationReport {
  report: 'evaluation';
  year: number;
  office: ReportOffice;
  /** Final once the year is complete; before that the predikat are provisional at `quarter`. */
  standing: { final: boolean; quarter: 1 | 2 | 3 | 4 | null };
  rows: EvaluationRow[];
  programs: EvaluationSummary[];
  officeSummary: EvaluationSummary;
  notes: EvaluationNote[];
  missing: Array<{ column: string; why: string }>;
}

export type ConsistencyStatus = 'OK' | 'MISMATCH' | 'NOT_COMPUTABLE';
export type StatedMeasure = 'PAGU' | 'REALISASI' | 'SERAPAN' | 'TARGET';

export interface ConsistencyRow {
  code: string | null;
  name: string | null;
  label: string;
  measure: StatedMeasure;
  phase: string | null;
  period: string | null;
  indicator: string | null;
  source: string;
  note: string | null;
  stated: string;
  computed: string | null;
  difference: string | null;
  status: ConsistencyStatus;
  explanation: string;
  eventId: string;
}

export interface StatementConflict {
  code: string | null;
  measure: StatedMeasure;
  phase: string | null;
  period: string | null;
  indicator: string | null;
  statements: Array<{ value: string; source: string; label: string }>;
}

export interface ConsistencyReport {
  report: 'consistency';
  year: number;
  office: ReportOffice;
  rows: ConsistencyRow[];
  conflicts: StatementConflict[];
  summary: { statements: number; ok: number; mismatches: number; notComputable: number; conflicts: number };
}
