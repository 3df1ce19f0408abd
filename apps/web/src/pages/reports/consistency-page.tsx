import { useAsOf } from '../../app/as-of';
import { Money, Percent } from '../../components/figures';
import { QueryView } from '../../components/query-view';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { LineLink, PassFail, ReportHeader, usePhaseLabel, useReport } from './report-shared';
import { formatK, mismatchesFirst } from './report-rows';
import type { ConsistencyReport, ConsistencyRow, ConsistencyStatus, StatedMeasure, StatementConflict } from './report-types';

/**
 * Konsistensi: stated figures against the ledger's. The server compares with everything recorded
 * and refuses validAt/knownAt, so they are not sent (the page says so when they are set).
 */
export default function ConsistencyPage() {
  const { t } = useI18n();
  const { isPast } = useAsOf();
  const { query, path, params } = useReport<ConsistencyReport>('consistency', {}, false);
  return (
    <section>
      <ReportHeader
        title="reports.consistency.title"
        intro="reports.consistency.intro"
        path={path}
        params={params}
        formats={['xlsx', 'pdf', 'csv']}
      >
        {isPast && <p className="note">{t('reports.consistency.allRecorded')}</p>}
      </ReportHeader>
      <QueryView query={query}>
        {(report) => (
          <>
            <p>{t('reports.consistency.summary', { ...report.summary })}</p>
            {report.rows.length === 0 ? <p>{t('reports.consistency.empty')}</p> : <StatementsTable report={report} />}
            <Conflicts report={report} />
          </>
        )}
      </QueryView>
    </section>
  );
}

/** A stated or computed value in its measure's form: Rupiah, percent, or the indicator's unit. */
function Value({ measure, value, signed = false }: { measure: StatedMeasure; value: string | null; signed?: boolean }) {
  const { locale } = useI18n();
  if (measure === 'PAGU' || measure === 'REALISASI') return <Money value={value} signed={signed} />;
  if (measure === 'SERAPAN') return <Percent value={value} />;
  return <span>{formatK(value, locale)}</span>;
}

function StatusText({ status }: { status: ConsistencyStatus }) {
  const { t } = useI18n();
  if (status === 'NOT_COMPUTABLE') {
    return (
      <span className="muted">
        <span aria-hidden="true">? </span>
        {t('reports.consistency.notComputable')}
      </span>
    );
  }
  return <PassFail ok={status === 'OK'} />;
}

/** The line's code linked to its page, or "Perangkat daerah" for the office (its name is in the next cell). */
function Subject({ code }: { code: string | null }) {
  const { t } = useI18n();
  return code ? <LineLink code={code} /> : <>{t('reports.office')}</>;
}

function StatementsTable({ report }: { report: ConsistencyReport }) {
  const { t } = useI18n();
  const phase = usePhaseLabel();
  const measure = (m: StatedMeasure) => t(`reports.consistency.measure.${m}` as MessageKey);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('reports.consistency.caption')}>
      <table className="data">
        <caption>{t('reports.consistency.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.consistency.status')}</th>
            <th scope="col">{t('reports.code')}</th>
            <th scope="col">{t('reports.name')}</th>
            <th scope="col">{t('reports.consistency.measure')}</th>
            <th scope="col">{t('reports.phase')}</th>
            <th scope="col">{t('reports.consistency.period')}</th>
            <th scope="col">{t('reports.consistency.where')}</th>
            <th scope="col" className="num">
              {t('reports.consistency.stated')}
            </th>
            <th scope="col" className="num">
              {t('reports.consistency.computed')}
            </th>
            <th scope="col" className="num">
              {t('reports.consistency.difference')}
            </th>
            <th scope="col">{t('reports.consistency.explanation')}</th>
          </tr>
        </thead>
        <tbody>
          {mismatchesFirst(report.rows).map((row: ConsistencyRow) => (
            <tr key={row.eventId} className={`status-${row.status}`}>
              <td>
                <StatusText status={row.status} />
              </td>
              <th scope="row">
                <Subject code={row.code} />
              </th>
              <td>
                {row.label}
                {row.name && row.name !== row.label && <span className="sub">{row.name}</span>}
              </td>
              <td>
                {measure(row.measure)}
                {row.indicator && <span className="sub">{row.indicator}</span>}
              </td>
              <td>{phase(row.phase)}</td>
              <td>{row.period ?? '—'}</td>
              <td>
                {row.source}
                {row.note && <span className="sub">{row.note}</span>}
              </td>
              <td className="num">
                <Value measure={row.measure} value={row.stated} />
              </td>
              <td className="num">
                <Value measure={row.measure} value={row.computed} />
              </td>
              <td className="num">
                <Value measure={row.measure} value={row.difference} signed />
              </td>
              <td lang="en">{row.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Conflicts({ report }: { report: ConsistencyReport }) {
  const { t } = useI18n();
  const phase = usePhaseLabel();
  const caption = (c: StatementConflict) =>
    t('reports.consistency.conflictCaption', {
      measure: t(`reports.consistency.measure.${c.measure}` as MessageKey),
      subject: [c.code ?? report.office.name, c.phase && phase(c.phase), c.period, c.indicator].filter(Boolean).join(', '),
    });
  return (
    <section aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">{t('reports.consistency.conflicts')}</h2>
      {report.conflicts.length === 0 ? (
        <p>{t('reports.consistency.noConflicts')}</p>
      ) : (
        <>
          <p>{t('reports.consistency.conflictsIntro')}</p>
          {report.conflicts.map((conflict, i) => (
            <table key={i} className="data conflict">
              <caption>{caption(conflict)}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('reports.consistency.value')}
                  </th>
                  <th scope="col">{t('reports.consistency.where')}</th>
                  <th scope="col">{t('reports.name')}</th>
                </tr>
              </thead>
              <tbody>
                {conflict.statements.map((s, j) => (
                  <tr key={j}>
                    <td className="num">
                      <Value measure={conflict.measure} value={s.value} />
                    </td>
                    <td>{s.source}</td>
                    <td>{s.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      )}
    </section>
  );
}
