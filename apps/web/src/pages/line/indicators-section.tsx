import { DateText, LegalBasis, Percent } from '../../components/figures';
import { formatDecimal } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { Indicator } from '../plan/plan-types';
import type { HistoryEntry } from './line-types';

const QUARTERS = ['I', 'II', 'III', 'IV'];
/** Indicator values (targets, outputs) are decimal strings in the unit of the indicator, not rupiah. */
const Value = ({ value }: { value: string | null }) => {
  const { locale } = useI18n();
  return <>{value === null ? '—' : formatDecimal(value, locale, (value.split('.')[1] ?? '').length)}</>;
};

/** Indikator kinerja: target, output per quarter (TW I–IV), total and capaian as the server gives them, then the target revisions from the history. */
export function IndicatorsSection({ code, indicators, history }: { code: string; indicators: Indicator[]; history: HistoryEntry[] }) {
  const { t } = useI18n();
  const revisions = history
    .filter((e) => e.type === 'target.revised')
    .flatMap((e) => e.changes.filter((c) => c.figure.startsWith('target.')).map((change) => ({ entry: e, change })));
  return (
    <section aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">{t('line.indicators')}</h2>
      {indicators.length === 0 ? (
        <p>{t('line.indicatorsEmpty')}</p>
      ) : (
        <div className="line-table-scroll">
          <table className="data">
            <caption className="visually-hidden">{t('line.indicatorsCaption', { code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('line.colIndicator')}</th>
                <th scope="col">{t('line.colUnit')}</th>
                <th scope="col" className="num">
                  {t('line.colTarget')}
                </th>
                {QUARTERS.map((q) => (
                  <th key={q} scope="col" className="num">
                    {t('line.quarter', { n: q })}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('line.colTotal')}
                </th>
                <th scope="col" className="num">
                  {t('line.colAchievement')}
                </th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((indicator) => (
                <tr key={indicator.id}>
                  <th scope="row">
                    {indicator.id} — {indicator.name}
                  </th>
                  <td>{indicator.unit}</td>
                  <td className="num">
                    <Value value={indicator.target} />
                  </td>
                  {QUARTERS.map((q, index) => (
                    <td key={q} className="num">
                      <Value value={indicator.outputs[index] ?? null} />
                    </td>
                  ))}
                  <td className="num">
                    <Value value={indicator.outputTotal} />
                  </td>
                  <td className="num">
                    <Percent value={indicator.achievement} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('line.targetRevisions')}</h3>
      {revisions.length === 0 ? (
        <p>{t('line.noTargetRevisions')}</p>
      ) : (
        <div className="line-table-scroll">
          <table className="data">
            <caption className="visually-hidden">{t('line.targetRevisionsCaption', { code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('line.colIndicator')}</th>
                <th scope="col" className="num">
                  {t('line.colFrom')}
                </th>
                <th scope="col" className="num">
                  {t('line.colTo')}
                </th>
                <th scope="col">{t('line.colEffective')}</th>
                <th scope="col">{t('line.colReason')}</th>
                <th scope="col">{t('line.colLegalBasis')}</th>
                <th scope="col">{t('line.colEvent')}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map(({ entry, change }) => (
                <tr key={`${entry.eventId}-${change.figure}`}>
                  <th scope="row">{change.figure.slice('target.'.length)}</th>
                  <td className="num">
                    <Value value={change.from} />
                  </td>
                  <td className="num">
                    <Value value={change.to} />
                  </td>
                  <td>
                    <DateText value={entry.effectiveDate} />
                  </td>
                  <td>{entry.reason ?? '—'}</td>
                  <td>
                    <LegalBasis value={entry.legalBasis} />
                  </td>
                  <td>
                    <a href={`#event-${entry.eventId}`}>{t('line.position', { position: entry.position })}</a>
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
