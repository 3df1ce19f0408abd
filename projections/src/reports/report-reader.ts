import type { SqlRunner } from '../shared/sql-runner';
import type { AsOf } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import { absorptionReport, type AbsorptionReport } from './absorption/absorption.report';
import { evaluationFigures, evaluationReport, renstraFiguresOf, type EvaluationReport } from './evaluation/evaluation.report';
import { loadEvaluationInputs } from './evaluation/evaluation-inputs';
import { paguTrailReport, type PaguTrailReport } from './pagu-trail/pagu-trail.report';
import { reconciliationReport, type ReconciliationReport } from './reconciliation/reconciliation.report';
import { linesFingerprint, reportMemo } from './shared/report-memo';
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
    const scope = await this.scope(request, { movements: true });
    // Kept while the lines are the same (shared/report-memo.ts); the point of view is in the lines' views.
    const key = `reconciliation|${request.from ?? ''}|${request.to ?? ''}|${linesFingerprint(scope)}`;
    const kept = reportMemo(this.dataSource).get(key, scope.lines.length, () => reconciliationReport(scope, request.from, request.to));
    return kept.asOf === scope.asOf ? kept : { ...kept, asOf: scope.asOf };
  }

  async absorption(request: ReportRequest): Promise<AbsorptionReport> {
    return absorptionReport(await this.scope(request, { movements: true }));
  }

  async evaluation(request: ReportRequest): Promise<EvaluationReport> {
    const [scope, inputs] = await Promise.all([
      this.scope(request, {}),
      loadEvaluationInputs(this.dataSource, this.store, request.year, request.office),
    ]);
    // The rows and summaries are kept while the lines and their Renstra figures are the same (report-memo.ts).
    const renstra = renstraFiguresOf(scope, inputs);
    const renstraKey = [...renstra]
      .filter(([, f]) => f.rp.target !== null || f.rp.realisedToLastYear !== null || f.k.size > 0)
      .map(([code, f]) => JSON.stringify([code, f.rp, [...f.k]]))
      .join('\u0000');
    const key = `evaluation|${renstraKey}|${linesFingerprint(scope)}`;
    return evaluationReport(
      scope,
      inputs,
      reportMemo(this.dataSource).get(key, scope.lines.length, () => evaluationFigures(scope, renstra)),
    );
  }
}
