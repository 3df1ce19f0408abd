import { useInfiniteQuery } from '@tanstack/react-query';
import { api, officeYearPath } from '../../api/client';
import { useAsOf } from '../../app/as-of';
import { Downloads } from '../../components/downloads';
import { usePageTitle } from '../../components/page-title';
import { ErrorBox } from '../../components/query-view';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { useOfficeYear } from '../reports/report-shared';
import { ChangeEntryView } from './change-entry';
import { ChangeFilterForm, useChangeFilters } from './change-filters';
import { recordedUntil } from './change-labels';
import type { ChangeLog } from './change-types';
import './changes.css';

/** Entries in a downloaded file: the most the API gives in one page (the file says when more remain). */
const DOWNLOAD_LIMIT = 1000;

/**
 * Log perubahan: every change of the office-year in recorded order, filtered through the URL, paged
 * with the server's position cursor. knownAt caps the recorded dates asked for; validAt marks the
 * changes not yet in effect on that date (the log itself is about recording, so nothing is hidden).
 */
export default function ChangesPage() {
  const { t, locale } = useI18n();
  const { year, office } = useOfficeYear();
  const { validAt, knownAt } = useAsOf();
  const filters = useChangeFilters();
  usePageTitle(t('changes.title'), `${office} ${year}`);
  const query = { ...filters, to: recordedUntil(filters.to, knownAt) };
  const log = useInfiniteQuery({
    queryKey: ['changes', year, office, query],
    queryFn: ({ pageParam }) => api.get<ChangeLog>(`${officeYearPath(year, office)}/changes`, { ...query, after: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const first = log.data?.pages[0];
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <section>
      <h1>{t('changes.heading', { office, year })}</h1>
      <p className="report-intro">{t('changes.intro')}</p>
      <ChangeFilterForm filters={filters} actors={first?.actors ?? []} kinds={first?.kinds ?? []} />
      {/* The file of the same filters; the API's largest page (1000 entries) rather than the screen's first 200. */}
      <Downloads path={`${officeYearPath(year, office)}/changes`} query={{ ...query, limit: DOWNLOAD_LIMIT }} />
      {knownAt && <p className="note">{t('changes.knownAtNote', { date: formatDate(knownAt, locale) })}</p>}
      {validAt && <p className="note">{t('changes.validAtNote', { date: formatDate(validAt, locale) })}</p>}
      {log.isPending ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : log.isError && !log.data ? (
        <ErrorBox error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <p role="status">{entries.length === 0 ? t('changes.empty') : t('changes.shown', { count: entries.length })}</p>
          <ol className="change-list">
            {entries.map((entry) => (
              <ChangeEntryView key={entry.position} entry={entry} validAt={validAt} />
            ))}
          </ol>
          {log.isFetchNextPageError && <ErrorBox error={log.error} onRetry={() => void log.fetchNextPage()} />}
          <div className="load-more">
            {log.hasNextPage ? (
              <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? t('changes.loadingMore') : t('changes.more')}
              </button>
            ) : (
              entries.length > 0 && <span className="muted">{t('changes.end')}</span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
