import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { QueryView } from '../../components/query-view';
import { useI18n } from '../../i18n/i18n';
import { HistoryTimeline } from '../line/history-timeline';
import type { HistoryEntry } from '../line/line-types';

/**
 * A 412 answer: someone recorded on the line after the version the form was opened at. Shows what
 * they recorded (the history entries after that version: one entry per event of the line's stream,
 * in order, so version n has seen the first n) and offers to reload the figures.
 */
export function StaleNotice({ linePath, seenVersion, onReload }: { linePath: string; seenVersion: number; onReload: () => void }) {
  const { t } = useI18n();
  const history = useQuery({
    queryKey: ['line-history', linePath, 'stale', seenVersion],
    queryFn: () => api.get<HistoryEntry[]>(`${linePath}/history`),
  });
  return (
    <div className="error-box stale-notice" role="alert" data-testid="stale-notice">
      <h2>{t('record.stale.title')}</h2>
      <p>{t('record.stale.text', { version: seenVersion })}</p>
      <QueryView query={history}>
        {(entries) =>
          entries.length > seenVersion ? <HistoryTimeline entries={entries.slice(seenVersion)} /> : <p>{t('record.stale.none')}</p>
        }
      </QueryView>
      <button type="button" onClick={onReload}>
        {t('record.stale.reload')}
      </button>
    </div>
  );
}

/** A success: the new version, or that an earlier identical request had already written it. */
export function SavedNotice({ version, replayed }: { version: number; replayed: boolean }) {
  const { t } = useI18n();
  return (
    <div className="notice saved-notice" role="status" data-testid="saved-notice">
      <p>{t('record.saved', { version })}</p>
      {replayed && <p>{t('record.replayed')}</p>}
    </div>
  );
}
