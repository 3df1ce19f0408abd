import { useSearchParams } from 'react-router';
import { DateText, LegalBasis, Money, Percent } from '../../components/figures';
import { QueryView } from '../../components/query-view';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { AbsorptionPeriodTable, AbsorptionSummaryTable, absorptionRows, type PeriodView } from './absorption-tables';
import { LineLink, ReportHeader, usePhaseLabel, useReport } from './report-shared';
import type { AbsorptionReport } from './report-types';

/** Serapan: realisation by month or quarter (the `view` query), against the current and original pagu. */
export default function AbsorptionPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const view: PeriodView = search.get('view') === 'month' ? 'month' : 'quarter';
  const { query, path, params } = useReport<AbsorptionReport>('absorption');
  const choose = (next: PeriodView) => {
    const params = new URLSearchParams(search);
    if (next === 'quarter') params.delete('view');
    else params.set('view', next);
    setSearch(params, { replace: true });
  };
  return (
    <section>
      <ReportHeader
        title="reports.absorption.title"
        intro="reports.absorption.intro"
        path={path}
        params={params}
        formats={['xlsx', 'pdf', 'csv']}
      >
        <div className="toggle" role="group" aria-label={t('reports.absorption.view')}>
          {(['quarter', 'month'] as const).map((option) => (
            <button key={option} type="button" aria-pressed={view === option} onClick={() => choose(option)}>
              {t(option === 'quarter' ? 'reports.absorption.quarterly' : 'reports.absorption.monthly')}
            </button>
          ))}
        </div>
      </ReportHeader>
      <QueryView query={query}>
        {(report) => {
          const rows = absorptionRows(report);
          return (
            <>
              <AbsorptionSummaryTable report={report} rows={rows} />
              {view === 'month' && !report.officeTotal.monthlyComplete && (
                <p className="note">{t('reports.absorption.monthlyIncomplete')}</p>
              )}
              <AbsorptionPeriodTable report={report} rows={rows} view={view} />
              <LateAdditions report={report} />
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function LateAdditions({ report }: { report: AbsorptionReport }) {
  const { t, locale } = useI18n();
  const phase = usePhaseLabel();
  return (
    <section aria-labelledby="late-heading">
      <h2 id="late-heading">
        <span aria-hidden="true">⚑ </span>
        {t('reports.absorption.lateHeading')}
      </h2>
      <p>{t('reports.absorption.lateIntro', { date: formatDate(report.lastQuarterStarts, locale) })}</p>
      {report.lateAdditions.length === 0 ? (
        <p>{t('reports.absorption.noLate')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('reports.absorption.lateCaption')}>
          <table className="data">
            <caption>{t('reports.absorption.lateCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.code')}</th>
                <th scope="col">{t('reports.name')}</th>
                <th scope="col">{t('reports.phase')}</th>
                <th scope="col">{t('reports.source')}</th>
                <th scope="col" className="num">
                  {t('reports.absorption.lateAmount')}
                </th>
                <th scope="col">{t('reports.effective')}</th>
                <th scope="col">{t('reports.legalBasis')}</th>
                <th scope="col">{t('reports.reason')}</th>
                <th scope="col" className="num">
                  {t('reports.absorption.currentPagu')}
                </th>
                <th scope="col" className="num">
                  {t('reports.absorption.realised')}
                </th>
                <th scope="col" className="num">
                  {t('reports.absorption.vsCurrent')}
                </th>
                <th scope="col" className="num">
                  {t('reports.absorption.vsOriginal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.lateAdditions.map((late) => (
                <tr key={late.eventId}>
                  <th scope="row">
                    <LineLink code={late.code} eventId={late.eventId} />
                  </th>
                  <td>{late.name}</td>
                  <td>{phase(late.phase)}</td>
                  <td>{late.fundingSource}</td>
                  <td className="num">
                    <Money value={late.amount} signed />
                  </td>
                  <td>
                    <DateText value={late.effectiveDate} />
                  </td>
                  <td>
                    <LegalBasis value={late.legalBasis} />
                  </td>
                  <td>{late.reason ?? '—'}</td>
                  <td className="num">
                    <Money value={late.lineCurrentPagu} />
                  </td>
                  <td className="num">
                    <Money value={late.lineRealised} />
                  </td>
                  <td className="num">
                    <Percent value={late.lineAbsorption.current} />
                  </td>
                  <td className="num">
                    <Percent value={late.lineAbsorption.original} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
