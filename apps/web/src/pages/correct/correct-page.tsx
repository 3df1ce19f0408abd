import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, officeYearPath } from '../../api/client';
import { useSession } from '../../api/session';
import { usePageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { correctionsOf } from '../line/history-format';
import { HistoryTimeline } from '../line/history-timeline';
import type { HistoryEntry } from '../line/line-types';
import { paguTrailQuery } from '../line/pagu-section';
import { CorrectionForm } from './correction-form';
import { kindOf, mayCorrect, phaseOf, rolesToCorrect } from './may-correct';
import { recordedValues } from './recorded-values';
import '../line/line.css';
import './correct.css';

/**
 * Koreksi / Batalkan one entry of a line (/{year}/{office}/lines/{code}/koreksi/{eventId}, ?mode=batal
 * for a reversal): the entry as the timeline shows it, then the form. The server decides; this page
 * only offers what the user's roles may do and explains what it may not.
 */
export default function CorrectPage() {
  const { year = '', office = '', code = '', eventId = '' } = useParams();
  const [params] = useSearchParams();
  const reverse = params.get('mode') === 'batal';
  const { t } = useI18n();
  const linePath = `${officeYearPath(year, office)}/lines/${encodeURIComponent(code)}`;
  const linePage = `/${year}/${office}/lines/${encodeURIComponent(code)}`;
  const history = useQuery({ queryKey: ['line-history', linePath], queryFn: () => api.get<HistoryEntry[]>(`${linePath}/history`) });
  const trail = useQuery(paguTrailQuery(linePath));
  const entry = history.data?.find((e) => e.eventId === eventId);
  const title = t(reverse ? 'correct.titleReverse' : 'correct.titleReplace', { position: entry?.position ?? '' });
  usePageTitle(title, code, `${office} ${year}`);
  return (
    <article>
      <p>
        <Link to={linePage}>{t('correct.backToLine', { code })}</Link>
      </p>
      <h1>{title}</h1>
      <QueryView query={history}>
        {(entries) =>
          entry ? (
            <CorrectEntry
              entries={entries}
              entry={entry}
              reverse={reverse}
              office={office}
              linePage={linePage}
              trailReady={!trail.isPending}
              trail={trail.data}
            />
          ) : (
            <p className="error-box" role="alert">
              {t('correct.notFound', { eventId })}
            </p>
          )
        }
      </QueryView>
    </article>
  );
}

interface EntryProps {
  entries: HistoryEntry[];
  entry: HistoryEntry;
  reverse: boolean;
  office: string;
  linePage: string;
  trailReady: boolean;
  trail: Parameters<typeof recordedValues>[2];
}

function CorrectEntry({ entries, entry, reverse, office, linePage, trailReady, trail }: EntryProps) {
  const { t } = useI18n();
  const { session } = useSession();
  const byId = new Map(entries.map((e) => [e.eventId, e]));
  const correction = correctionsOf(entries).get(entry.eventId);
  const kind = kindOf(entry, byId);
  let latest = correction;
  while (latest && correctionsOf(entries).get(latest.eventId)) latest = correctionsOf(entries).get(latest.eventId);
  return (
    <>
      <p>{t(reverse ? 'correct.introReverse' : 'correct.introReplace')}</p>
      {kind === 'shift' && <p className="notice">{t('correct.shiftNote')}</p>}
      <section aria-labelledby="corrected-entry">
        <h2 id="corrected-entry">{t('correct.entry')}</h2>
        <HistoryTimeline entries={[entry]} corrections={false} />
      </section>
      {!kind ? (
        <p className="error-box" role="alert">
          {t('correct.notCorrectable')}
        </p>
      ) : correction ? (
        <p className="error-box" role="alert">
          {t('correct.alreadyCorrected')}{' '}
          <Link to={`${linePage}#event-${latest?.eventId ?? correction.eventId}`}>
            {t('correct.latestVersion', { position: latest?.position ?? correction.position })}
          </Link>
        </p>
      ) : !mayCorrect(session, office, entry, byId, false) ? (
        <p className="error-box" role="alert">
          {t('correct.noRole', {
            roles: rolesToCorrect(kind, phaseOf(entry))
              .map((r) => t(`correct.role.${r}` as MessageKey))
              .join(', '),
            office,
          })}
        </p>
      ) : trailReady ? (
        <CorrectionForm
          eventId={entry.eventId}
          kind={kind}
          reverse={reverse}
          recorded={recordedValues(kind, entry, trail)}
          linePage={linePage}
        />
      ) : (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
    </>
  );
}
