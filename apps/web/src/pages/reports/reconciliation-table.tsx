import { DateText, LegalBasis, Money, Percent } from '../../components/figures';
import { useI18n } from '../../i18n/i18n';
import { LineLink, PassFail, RowKind, usePhaseLabel } from './report-shared';
import { inPlanOrder, sourcesOf } from './report-rows';
import type { ExplainingEvent, ReconciliationLine, ReconciliationReport, ReconciliationTotal } from './report-types';

const isLine = (row: ReconciliationTotal): row is ReconciliationLine => 'events' in row;

/** Lines with their kegiatan and program subtotals in plan order, the office total at the foot. */
export function ReconciliationTable({ report }: { report: ReconciliationReport }) {
  const { t } = useI18n();
  const phase = usePhaseLabel();
  const sources = sourcesOf([report.officeTotal, ...report.programs, ...report.lines]);
  const rows = inPlanOrder<ReconciliationTotal>(report.programs, report.kegiatan, report.lines);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('reports.reconciliation.title')}>
      <table className="data">
        <caption>{t('reports.reconciliation.phasesCaption', { from: phase(report.fromPhase), to: phase(report.toPhase) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.code')}</th>
            <th scope="col">{t('reports.name')}</th>
            <th scope="col" className="num">
              {phase(report.fromPhase)}
            </th>
            <th scope="col" className="num">
              {phase(report.toPhase)}
            </th>
            <th scope="col" className="num">
              {t('reports.reconciliation.delta')}
            </th>
            <th scope="col" className="num">
              {t('reports.reconciliation.deltaPercent')}
            </th>
            {sources.map((source) => (
              <th key={source} scope="col" className="num">
                {t('reports.reconciliation.deltaSource', { source })}
              </th>
            ))}
            <th scope="col">{t('reports.reconciliation.events')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, subtotal }) => (
            <Row key={`${row.code}${subtotal ? '-total' : ''}`} row={row} subtotal={subtotal} sources={sources} report={report} />
          ))}
        </tbody>
        <tfoot>
          <Row row={report.officeTotal} subtotal sources={sources} report={report} />
        </tfoot>
      </table>
    </div>
  );
}

function Row({
  row,
  subtotal,
  sources,
  report,
}: {
  row: ReconciliationTotal;
  subtotal: boolean;
  sources: string[];
  report: ReconciliationReport;
}) {
  const { t } = useI18n();
  const phase = usePhaseLabel();
  const line = !subtotal && isLine(row) ? row : null;
  return (
    <tr className={subtotal ? `subtotal level-${row.level}` : undefined}>
      <th scope="row">{row.code ? <LineLink code={row.code} /> : t('reports.reconciliation.officeTotal')}</th>
      <td>
        <RowKind level={row.level} subtotal={subtotal} />
        {row.name}
        {line?.presence === 'only_from' && (
          <span className="sub">{t('reports.reconciliation.onlyFrom', { phase: phase(report.fromPhase) })}</span>
        )}
        {line?.presence === 'only_to' && (
          <span className="sub">{t('reports.reconciliation.onlyTo', { phase: phase(report.toPhase) })}</span>
        )}
        {line?.toCarriedFrom && <span className="sub">{t('reports.reconciliation.carried', { phase: phase(line.toCarriedFrom) })}</span>}
      </td>
      <td className="num">
        <Money value={row.fromAmount} />
      </td>
      <td className="num">
        <Money value={row.toAmount} />
      </td>
      <td className="num">
        <Money value={row.delta} signed />
      </td>
      <td className="num">
        <Percent value={row.deltaPercent} />
      </td>
      {sources.map((source) => (
        <td key={source} className="num">
          {row.deltaBySource[source] === undefined ? <span className="muted">—</span> : <Money value={row.deltaBySource[source]} signed />}
        </td>
      ))}
      <td className="events-cell">{line ? <Explanation line={line} /> : null}</td>
    </tr>
  );
}

function Explanation({ line }: { line: ReconciliationLine }) {
  const { t } = useI18n();
  return (
    <>
      {!line.explained && <PassFail ok={false} failText={t('reports.reconciliation.unexplained')} />}
      {line.events.length === 0 ? (
        <span className="muted">{t('reports.reconciliation.noEvents')}</span>
      ) : (
        <ul className="events">
          {line.events.map((event) => (
            <EventItem key={event.eventId} code={line.code} event={event} />
          ))}
        </ul>
      )}
    </>
  );
}

function EventItem({ code, event }: { code: string; event: ExplainingEvent }) {
  const { t } = useI18n();
  const phase = usePhaseLabel();
  return (
    <li>
      <LineLink code={code} eventId={event.eventId}>
        {phase(event.phase)} · {event.fundingSource}
      </LineLink>{' '}
      <Money value={event.delta} signed />, {t('reports.effective')} <DateText value={event.effectiveDate} />
      <br />
      {t('reports.legalBasis')}: <LegalBasis value={event.legalBasis} />
      {event.reason && (
        <>
          <br />
          {t('reports.reason')}: {event.reason}
        </>
      )}
    </li>
  );
}
