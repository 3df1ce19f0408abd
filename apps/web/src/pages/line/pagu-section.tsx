import { useQuery } from '@tanstack/react-query';
import { AsOfLink } from '../../app/as-of';
import { Downloads } from '../../components/downloads';
import { DateText, LegalBasis, Money, RecordedTime } from '../../components/figures';
import { QueryView } from '../../components/query-view';
import { formatRupiah } from '../../format';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { paguTrailQuery } from '../../app/page-queries';
import { Waterfall } from './waterfall';

interface Props {
  linePath: string;
  code: string;
  /** Path of a line page in the app, for the rows of lines under this one. */
  lineLink: (code: string) => string;
  validAt?: string;
  knownAt?: string;
}

/** "Mengapa pagu ini?": the pagu trail report of the line as a waterfall and as a table, with its files (xlsx, csv: the API has no pdf for it). */
export { paguTrailQuery } from '../../app/page-queries';

export function PaguSection({ linePath, code, lineLink, validAt, knownAt }: Props) {
  const { t, locale } = useI18n();
  const path = `${linePath}/reports/pagu-trail`;
  const trail = useQuery(paguTrailQuery(linePath, validAt, knownAt));
  return (
    <section aria-labelledby="why-heading">
      <h2 id="why-heading">{t('line.why')}</h2>
      <p className="hint">{t('line.whyIntro')}</p>
      <QueryView query={trail}>
        {(data) => {
          const own = data.lines.find((l) => l.code === code);
          const many = data.lines.length > 1;
          const rows = data.lines.flatMap((line) => line.steps.map((step) => ({ line, step })));
          return (
            <>
              {own && own.steps.length > 0 ? (
                <Waterfall code={code} steps={own.steps} finalPagu={own.currentPagu} validAt={validAt} />
              ) : (
                <p>{data.lines.some((l) => l.steps.length > 0) ? t('line.childrenOnly') : t('line.noSteps')}</p>
              )}
              <Downloads path={path} query={{ validAt, knownAt }} />
              {rows.length > 0 && (
                <div className="line-table-scroll">
                  <table className="data">
                    <caption className="visually-hidden">{t('line.trailCaption', { code })}</caption>
                    <thead>
                      <tr>
                        {many && <th scope="col">{t('line.colLine')}</th>}
                        <th scope="col" className="num">
                          {t('line.colStep')}
                        </th>
                        <th scope="col">{t('line.colPhase')}</th>
                        <th scope="col">{t('line.colKind')}</th>
                        <th scope="col">{t('line.colSource')}</th>
                        <th scope="col" className="num">
                          {t('line.colBefore')}
                        </th>
                        <th scope="col" className="num">
                          {t('line.colDelta')}
                        </th>
                        <th scope="col" className="num">
                          {t('line.colAfter')}
                        </th>
                        <th scope="col">{t('line.colLegalBasis')}</th>
                        <th scope="col">{t('line.colReason')}</th>
                        <th scope="col">{t('line.colActor')}</th>
                        <th scope="col">{t('line.colEffective')}</th>
                        <th scope="col">{t('line.colRecorded')}</th>
                        <th scope="col">{t('line.colStatus')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map(({ line, step }) => (
                        <tr key={`${line.code}-${step.step}`} className={step.status === 'in_force' ? undefined : 'struck'}>
                          {many && <td>{line.code === code ? line.code : <AsOfLink to={lineLink(line.code)}>{line.code}</AsOfLink>}</td>}
                          <td className="num">{step.step}</td>
                          <td>
                            {t(`phase.${step.phase}` as MessageKey)}
                            {step.carriedFrom && (
                              <span className="muted"> ({t('line.carried', { phase: t(`phase.${step.carriedFrom}` as MessageKey) })})</span>
                            )}
                          </td>
                          <td>
                            {t(`line.kind.${step.kind}` as MessageKey)}
                            {step.counterpartCode ? ` (${step.counterpartCode})` : ''}
                          </td>
                          <td>{step.fundingSource ?? '—'}</td>
                          <td className="num">
                            <Money value={step.amountBefore} />
                          </td>
                          <td className="num">
                            <Money value={step.delta} signed />
                          </td>
                          <td className="num">
                            <Money value={step.amountAfter} />
                          </td>
                          <td>
                            <LegalBasis value={step.legalBasis} />
                          </td>
                          <td>{step.reason ?? '—'}</td>
                          <td>{step.actor ?? '—'}</td>
                          <td>
                            <DateText value={step.effectiveDate} />
                          </td>
                          <td>
                            <RecordedTime value={step.recordedAt} />
                          </td>
                          <td>
                            {step.eventId && line.code === code ? (
                              <a href={`#event-${step.eventId}`}>{t(`line.status.${step.status}` as MessageKey)}</a>
                            ) : (
                              t(`line.status.${step.status}` as MessageKey)
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <p className={data.tieOut.status === 'OK' ? 'pass' : 'fail'}>
                {t('line.tieOut', {
                  actual: formatRupiah(data.tieOut.actual, locale),
                  expected: formatRupiah(data.tieOut.expected, locale),
                  status: data.tieOut.status,
                })}
              </p>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
