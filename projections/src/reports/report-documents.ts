import type { AbsorptionReport } from './absorption/absorption.report';
import { absorptionDocument } from './absorption/absorption.tables';
import type { EvaluationReport } from './evaluation/evaluation.report';
import { evaluationDocument } from './evaluation/evaluation.tables';
import type { PaguTrailReport } from './pagu-trail/pagu-trail.report';
import { paguTrailDocument } from './pagu-trail/pagu-trail.tables';
import type { ReconciliationReport } from './reconciliation/reconciliation.report';
import { reconciliationDocument } from './reconciliation/reconciliation.tables';
import type { ReportDocument } from './render/report-table';

export type AnyReport = PaguTrailReport | ReconciliationReport | AbsorptionReport | EvaluationReport;

export const REPORT_NAMES = ['pagu-trail', 'reconciliation', 'absorption', 'evaluation'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The tables of a report, for files and the terminal. */
export function reportDocument(report: AnyReport): ReportDocument {
  switch (report.report) {
    case 'pagu-trail':
      return paguTrailDocument(report);
    case 'reconciliation':
      return reconciliationDocument(report);
    case 'absorption':
      return absorptionDocument(report);
    case 'evaluation':
      return evaluationDocument(report);
  }
}
