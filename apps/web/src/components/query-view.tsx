import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * Loading, error (with the server's rule and message) or the data. A 401 is not an error to show: the page renders
 * while the session is still being read, and a 401 means the shell is about to show the sign-in page (api/session).
 */
export function QueryView<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (query.isPending || (query.error instanceof ApiError && query.error.status === 401))
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className="error-box" role="alert">
      <h2>{forbidden ? t('common.forbidden') : t('common.error')}</h2>
      <p>{error instanceof ApiError ? `${error.status}${error.rule ? ` ${error.rule}` : ''}: ${error.message}` : String(error)}</p>
      {onRetry && !forbidden && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
