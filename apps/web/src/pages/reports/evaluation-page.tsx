import { Percent } from '../../components/figures';
import { QueryView } from '../../components/query-view';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { EvaluationForm } from './evaluation-form';
import { EvaluationNotes } from './evaluation-notes';
import { LineLink, ReportHeader, useReport } from './report-shared';
import type { EvaluationReport, EvaluationSummary, Predikat } from './report-types';

const BANDS: Predikat[] = ['ST', 'T', 'S', 'R', 'SR'];
const QUARTERS = ['TW I', 'TW II', 'TW III', 'TW IV'] as const;
type Standing = EvaluationReport['standing'];

/** Evaluasi Renja: the Permendagri 86/2017 form, program averages with predikat, and the legend. */
export default function EvaluationPage() {
  const { t } = useI18n();
  const { query, path, params } = useReport<EvaluationReport>('evaluation');
  return (
    <section>
      <ReportHeader
        title="reports.evaluation.title"
        intro="reports.evaluation.intro"
        path={path}
        params={params}
        formats={['xlsx', 'csv', 'pdf']}
      />
      <QueryView query={query}>
        {(report) => (
          <>
            {!report.standing.final && (
              <p className="note provisional" role="status">
                {t('reports.evaluation.provisional', { quarter: quarterName(report.standing, t), year: report.year })}
              </p>
            )}
            {report.missing.some((m) => m.column === 'renstraTarget') && <p className="note">{t('reports.evaluation.missing')}</p>}
            <EvaluationForm report={report} />
            <ProgramSummary report={report} />
            <EvaluationNotes report={report} />
            <Legend />
          </>
        )}
      </QueryView>
    </section>
  );
}

function ProgramSummary({ report }: { report: EvaluationReport }) {
  const { t } = useI18n();
  const row = (summary: EvaluationSummary, key?: string) => (
    <tr key={key}>
      <th scope="row">{summary.code ? <LineLink code={summary.code} /> : t('reports.reconciliation.officeTotal')}</th>
      <td>{summary.name}</td>
      <td className="num">
        <Percent value={summary.averageCapaianK} />
      </td>
      <td className="num">{summary.indicatorsCounted}</td>
      <td>
        <PredikatText value={summary.predikatK} standing={report.standing} />
      </td>
      <td className="num">
        <Percent value={summary.capaianRp} />
      </td>
      <td>
        <PredikatText value={summary.predikatRp} standing={report.standing} />
      </td>
    </tr>
  );
  return (
    <section aria-labelledby="programs-heading">
      <h2 id="programs-heading">{t('reports.evaluation.programsHeading')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('reports.evaluation.programsCaption')}>
        <table className="data">
          <caption>{t('reports.evaluation.programsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.code')}</th>
              <th scope="col">{t('level.program')}</th>
              <th scope="col" className="num">
                {t('reports.evaluation.averageK')}
              </th>
              <th scope="col" className="num">
                {t('reports.evaluation.indicatorsCounted')}
              </th>
              <th scope="col">{t('reports.evaluation.predikatK')}</th>
              <th scope="col" className="num">
                {t('reports.evaluation.capaianRp')}
              </th>
              <th scope="col">{t('reports.evaluation.predikatRp')}</th>
            </tr>
          </thead>
          <tbody>{report.programs.map((summary) => row(summary, summary.code ?? ''))}</tbody>
          <tfoot>{row(report.officeSummary)}</tfoot>
        </table>
      </div>
    </section>
  );
}

const quarterName = (standing: Standing, t: ReturnType<typeof useI18n>['t']) =>
  standing.quarter ? QUARTERS[standing.quarter - 1] : t('reports.evaluation.noQuarter');

/** "ST (Sangat Tinggi)": the letter with its meaning, never a colour alone; before the year ends "SR (sementara, TW III)". */
function PredikatText({ value, standing }: { value: Predikat | null; standing: Standing }) {
  const { t } = useI18n();
  if (!value) return <span className="muted">—</span>;
  if (!standing.final) {
    const provisional = t('reports.evaluation.provisionalPredikat', { quarter: quarterName(standing, t) });
    return <span className="predikat provisional">{`${value} (${provisional})`}</span>;
  }
  const [code, name] = t(`reports.evaluation.band.${value}` as MessageKey)
    .split(' (')[0]
    .split(' = ');
  return <span className="predikat">{`${code} (${name})`}</span>;
}

function Legend() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="legend-heading">
      <h2 id="legend-heading">{t('reports.evaluation.legend')}</h2>
      <ul className="legend">
        {BANDS.map((band) => (
          <li key={band}>{t(`reports.evaluation.band.${band}` as MessageKey)}</li>
        ))}
      </ul>
    </section>
  );
}
