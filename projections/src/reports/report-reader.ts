import type { SqlRunner } from '../shared/sql-runner';
import type { AsOf } from '@renja/domain';
import type { EventStore } from '@renja/event-store';
import { absorptionReport, type AbsorptionReport } from './absorption/absorption.report';
import {
  evaluationFigures,
  evaluationReport,
  renstraFiguresOf,
  type EvaluationInputs,
  type EvaluationReport,
} from './evaluation/evaluation.report';
import { loadEvaluationInputs, loadOfficesEvaluationInputs } from './evaluation/evaluation-inputs';
import { paguTrailReport, type PaguTrailReport } from './pagu-trail/pagu-trail.report';
import { reconciliationReport, resolvePhases, type ReconciliationReport } from './reconciliation/reconciliation.report';
import { linesFingerprint, reportMemo } from './shared/report-memo';
import { loadProvinceScopes, loadReportScope, type ReportScope, type ViewParts } from './shared/report-lines';

export interface ReportRequest {
  year: number;
  office: string;
  asOf?: AsOf;
}

export interface ProvinceRequest {
  year: number;
  asOf?: AsOf;
  /** The offices the reader may see ('*': all); the others are left out of a province report. */
  offices?: '*' | readonly string[];
  /** false: each office's report without its lines (reconciliation) or rows (evaluation), the totals only. */
  lines?: boolean;
}

/** A reconciliation without its lines: the kegiatan, program and office totals and the tie-outs. */
export type ReconciliationTotals = Omit<ReconciliationReport, 'lines'>;
/** An evaluation without its rows: the program and office summaries, the standing, notes and missing columns. */
export type EvaluationTotals = Omit<EvaluationReport, 'rows'>;

/** One report per office with lines in the year (in office code order), each exactly the office's own report. */
export interface ProvinceReport<Report> {
  report: `province-${string}`;
  year: number;
  asOf: AsOf;
  offices: Report[];
}

const inScope =
  ({ offices = '*' }: ProvinceRequest) =>
  (scope: ReportScope): boolean =>
    offices === '*' || offices.includes(scope.office.code);

function provinceReport<Report>(
  kind: 'reconciliation' | 'evaluation',
  year: number,
  asOf: AsOf,
  scopes: ReportScope[],
  report: (scope: ReportScope) => Report,
): ProvinceReport<Report> {
  return { report: `province-${kind}`, year, asOf, offices: scopes.map(report) };
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
    return this.reconcile(await this.scope(request, { movements: true }), request.from, request.to);
  }

  /** The reconciliation of every office with lines in the year: their lines read in one query, each office as above. */
  async provinceReconciliation(
    request: ProvinceRequest & { from?: string; to?: string },
  ): Promise<ProvinceReport<ReconciliationReport | ReconciliationTotals>> {
    const asOf = request.asOf ?? {};
    // The phases are checked once, before anything is read (a bad one would be the same 400 for every office).
    resolvePhases(null, new Map(), request.from, request.to);
    const scopes = await loadProvinceScopes(this.dataSource, request.year, asOf, { movements: true });
    return provinceReport('reconciliation', request.year, asOf, scopes.filter(inScope(request)), (scope) => {
      const report = this.reconcile(scope, request.from, request.to);
      if (request.lines !== false) return report;
      const { lines: _lines, ...totals } = report;
      return totals;
    });
  }

  private reconcile(scope: ReportScope, from?: string, to?: string): ReconciliationReport {
    // Kept while the lines are the same (shared/report-memo.ts); the point of view is in the lines' views.
    const key = `reconciliation|${from ?? ''}|${to ?? ''}|${linesFingerprint(scope)}`;
    const kept = reportMemo(this.dataSource).get(key, scope.lines.length, () => reconciliationReport(scope, from, to));
    return kept.asOf === scope.asOf ? kept : { ...kept, asOf: scope.asOf };
  }

  async absorption(request: ReportRequest): Promise<AbsorptionReport> {
    return absorptionReport(await this.scope(request, { movements: true }));
  }

  async evaluation(request: ReportRequest): Promise<EvaluationReport> {
    // The lines' Renstra entries are read with the lines (one query), the faktor notes beside them.
    const lines = this.scope(request, { renstra: true });
    const [scope, inputs] = await Promise.all([
      lines,
      loadEvaluationInputs(
        this.store,
        request.year,
        request.office,
        lines.then((s) => s.renstra!),
      ),
    ]);
    return this.evaluate(scope, inputs);
  }

  /** The evaluation of every office with lines in the year: lines and Renstra entries read in one query. */
  async provinceEvaluation(request: ProvinceRequest): Promise<ProvinceReport<EvaluationReport | EvaluationTotals>> {
    const asOf = request.asOf ?? {};
    const scopes = (await loadProvinceScopes(this.dataSource, request.year, asOf, { renstra: true })).filter(inScope(request));
    const inputs = await loadOfficesEvaluationInputs(this.store, request.year, new Map(scopes.map((s) => [s.office.code, s.renstra!])));
    return provinceReport('evaluation', request.year, asOf, scopes, (scope) => {
      const report = this.evaluate(scope, inputs.get(scope.office.code)!);
      if (request.lines !== false) return report;
      const { rows: _rows, ...totals } = report;
      return totals;
    });
  }

  private evaluate(scope: ReportScope, inputs: EvaluationInputs): EvaluationReport {
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
