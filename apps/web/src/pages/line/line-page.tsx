import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError, officeYearPath } from '../../api/client';
import { lineHistoryQuery, linePathOf, lineQuery, paguTrailQuery } from '../../app/page-queries';
import { AsOfLink, useAsOf } from '../../app/as-of';
import { AbsorptionBar, Money } from '../../components/figures';
import { usePageTitle } from '../../components/page-title';
import { ErrorBox, QueryView } from '../../components/query-view';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { RecordLink } from '../record/record-link';
import { knownEntries } from './history-format';
import { HistoryTimeline } from './history-timeline';
import { IndicatorsSection } from './indicators-section';
import type { Line } from './line-types';
import { PaguSection } from './pagu-section';
import { absorptionQuery, RealisationSection } from './realisation-section';
import './line.css';

/**
 * Rincian: one line — its figures, why its pagu is what it is (waterfall of the pagu trail), its
 * revision history, indicators and realisation. Every call carries the view's validAt/knownAt.
 */
export default function LinePage() {
  const { year = '', office = '', code = '' } = useParams();
  const { t } = useI18n();
  const { validAt, knownAt } = useAsOf();
  usePageTitle(t('line.title', { code }), `${office} ${year}`);
  const linePath = linePathOf(year, office, code);
  const asOf = { validAt, knownAt };
  const line = useQuery(lineQuery(linePath, asOf));
  // The page keeps what was known at knownAt (the history endpoint answers everything recorded).
  const history = useQuery(lineHistoryQuery(linePath, asOf));
  // Every request of the page starts now, side by side, not one after another as its sections mount.
  const trail = useQuery(paguTrailQuery(linePath, validAt, knownAt));
  // The S-curve reads the office's absorption report, the page's largest answer: it is asked for once the
  // pagu trail (what the user came for, at the top) has arrived, so the server computes that one first.
  useQuery({ ...absorptionQuery(officeYearPath(year, office), validAt, knownAt), enabled: !trail.isPending });
  const planPath = `/${year}/${office}`;

  return (
    <article>
      <p>
        <AsOfLink to={planPath}>{t('line.backToPlan', { office, year })}</AsOfLink>
      </p>
      <h1>{t('line.title', { code })}</h1>
      <RecordLink year={year} office={office} code={code} />
      {line.isError && line.error instanceof ApiError && line.error.status === 404 ? (
        <div className="error-box" role="alert">
          <h2>{t('line.notFound')}</h2>
          <p>404: {line.error.message}</p>
        </div>
      ) : (
        <QueryView query={line}>
          {(data) => (
            <>
              <LineHeader line={data} planPath={planPath} />
              <PaguSection
                linePath={linePath}
                code={data.code}
                lineLink={(c) => `${planPath}/lines/${c}`}
                validAt={validAt}
                knownAt={knownAt}
              />
              <section aria-labelledby="history-heading">
                <h2 id="history-heading">{t('line.history')}</h2>
                <p className="hint">{t('line.historyIntro')}</p>
                {knownAt && <p className="notice">{t('line.historyKnownAt', { date: knownAt })}</p>}
                <QueryView query={history}>
                  {(entries) => <HistoryTimeline entries={knownEntries(entries, knownAt)} validAt={validAt} />}
                </QueryView>
              </section>
              {history.isSuccess ? (
                <IndicatorsSection code={data.code} indicators={data.indicators} history={knownEntries(history.data, knownAt)} />
              ) : history.isError ? (
                <ErrorBox error={history.error} />
              ) : null}
              <RealisationSection
                officePath={officeYearPath(year, office)}
                code={data.code}
                validAt={validAt}
                knownAt={knownAt}
                ready={!trail.isPending}
              />
            </>
          )}
        </QueryView>
      )}
    </article>
  );
}

function LineHeader({ line, planPath }: { line: Line; planPath: string }) {
  const { t } = useI18n();
  return (
    <header className="line-header">
      <p className="line-name">{line.name}</p>
      <dl className="line-facts">
        <div>
          <dt>{t('line.level')}</dt>
          <dd>{t(`level.${line.level}` as MessageKey)}</dd>
        </div>
        {line.parentCode && (
          <div>
            <dt>{t('line.parent')}</dt>
            <dd>
              <AsOfLink to={`${planPath}/lines/${line.parentCode}`}>{line.parentCode}</AsOfLink>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('line.currentPhase')}</dt>
          <dd>{line.currentPhase ? t(`phase.${line.currentPhase}` as MessageKey) : '—'}</dd>
        </div>
        <div>
          <dt>{t('line.currentPagu')}</dt>
          <dd>
            <Money value={line.totals.currentPagu} />
          </dd>
        </div>
        <div>
          <dt>{t('line.originalPagu')}</dt>
          <dd>
            <Money value={line.totals.originalPagu} />
          </dd>
        </div>
        <div>
          <dt>{t('line.realised')}</dt>
          <dd>
            <Money value={line.totals.realised} />
          </dd>
        </div>
        <div>
          <dt>{t('line.absorption')}</dt>
          <dd>
            <AbsorptionBar value={line.totals.absorption.current} />
          </dd>
        </div>
        <div>
          <dt>{t('line.absorptionOriginal')}</dt>
          <dd>
            <AbsorptionBar value={line.totals.absorption.original} />
          </dd>
        </div>
      </dl>
    </header>
  );
}
