import { withQuery, type Query } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * Download links to exactly the files the API gives, as of the same dates. Plain links: the
 * browser sends the session cookie with them.
 */
export function Downloads({ path, query, formats = ['xlsx', 'csv', 'pdf'] }: { path: string; query: Query; formats?: string[] }) {
  const { t } = useI18n();
  return (
    <div className="downloads" role="group" aria-label={t('common.download')}>
      <span>{t('common.download')}:</span>
      {formats.map((format) => (
        <a key={format} href={withQuery(path, { ...query, format })} download data-format={format}>
          {format.toUpperCase()}
        </a>
      ))}
    </div>
  );
}
