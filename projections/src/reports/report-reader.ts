import type { SqlRunner } from '../shared/sql-runner';
import type { AsOf } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import { absorptionReport, type AbsorptionReport } from './absorption/absorption.report';
import { evaluationReport, type EvaluationReport } from './evaluation/evaluation.report';
import { loadEvaluationInputs } from './evaluation/evaluation-inputs';
import { paguTrailReport, type PaguTrailReport } from './pagu-trail/pagu-trail.report';
import { reconciliationReport, type ReconciliationReport } from './reconciliation/reconciliation.report';
import { loadReportScope, type ViewParts } from './shared/report-lines';

export interface ReportRequest {
  year: number;
  office: string;
  asOf?: AsOf;
}

/**
 * The audit reports, computed from the plan read model's stored line states: one query per report, then
 * pure folds for the requested point of view (validAt / knownAt).
 */
export class ReportReader {
  /** `store`: where the evaluation's faktor notes are read from (without it, the evaluation has none). */
  constructor(
    private readonly dataSource: SqlRunner,
    private readonly store?: Pick<EventStore, 'readStream'>,
  ) {}

  /** `parts`: what the report reads besides the figures (movements, steps: read only when needed). */
  private scope({ year, office, asOf = {} }: ReportRequest, parts: ViewParts) {
    return loadReportScope(this.dataSource, year, office, asOf, parts);
  }

  async paguTrail(request: ReportRequest & { code?: string }): Promise<PaguTrailReport> {
    return paguTrailReport(await this.scope(request, { steps: true }), request.code);
  }

  async reconciliation(request: ReportRequest & { from?: string; to?: string }): Promise<ReconciliationReport> {
    return reconciliationReport(await this.scope(request, { movements: true }), request.from, request.to);
  }

  async absorption(request: ReportRequest): Promise<AbsorptionReport> {
    return absorptionReport(await this.scope(request, { movements: true }));
  }

  async evaluation(request: ReportRequest): Promise<EvaluationReport> {
    const [scope, inputs] = await Promise.all([
      this.scope(request, {}),
      loadEvaluationInputs(this.dataSource, this.store, request.year, request.office),
    ]);
    return evaluationReport(scope, inputs);
  }
}
