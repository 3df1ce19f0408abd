import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import { useSession } from '../api/session';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { usePageTitle } from '../components/page-title';

/** Masuk: paste an API token once (exchanged for a session cookie), or sign in with SSO when configured. */
export function SignIn() {
  const { t } = useI18n();
  const { signIn, expired } = useSession();
  const [token, setToken] = useState('');
  const location = useLocation();
  const ssoError = new URLSearchParams(location.search).get('ssoError');
  const ssoMessage = ssoError && /^[a-z-]+$/.test(ssoError) ? t(`session.ssoError.${ssoError}` as MessageKey) : null;
  const [error, setError] = useState<string | null>(ssoMessage);
  // After signing in with SSO the user comes back to the page they were on (the server checks the path).
  const returnTo = `${location.pathname}${location.search.replace(/[?&]ssoError=[^&]*/, '').replace(/^&/, '?')}`;
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const options = useQuery({
    queryKey: ['session-options'],
    queryFn: () => api.get<{ oidc: boolean }>('/api/v1/session/options'),
    retry: false,
  });
  usePageTitle(t('session.signIn'));
  useEffect(() => {
    if (error) summary.current?.focus();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) return setError(t('session.tokenRequired'));
    setBusy(true);
    try {
      await signIn(token.trim());
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('session.tokenRejected') : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>{t('app.name')}</h1>
      <p className="lead">{t('app.tagline')}</p>
      {expired && !error && (
        <p className="notice" role="status">
          {t('session.expired')}
        </p>
      )}
      {error && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>{t('session.errorSummary')}</h2>
          <a href="#token">{error}</a>
        </div>
      )}
      <p>{t('session.intro')}</p>
      {/* Fire and forget: submit catches its own errors and shows them; React ignores a handler's result anyway. */}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className={`field${error ? ' field-error' : ''}`}>
          <label htmlFor="token">{t('session.tokenLabel')}</label>
          <p className="hint" id="token-hint">
            {t('session.tokenHint')}
          </p>
          {error && (
            <p className="error-message" id="token-error">
              {error}
            </p>
          )}
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby={error ? 'token-hint token-error' : 'token-hint'}
            aria-invalid={!!error}
          />
        </div>
        <button type="submit" disabled={busy}>
          {t('session.signIn')}
        </button>
      </form>
      {options.data?.oidc && (
        <>
          <p className="or">{t('session.or')}</p>
          <a className="button" href={`/api/v1/session/oidc/login?returnTo=${encodeURIComponent(returnTo)}`} data-testid="sso">
            {t('session.sso')}
          </a>
        </>
      )}
    </main>
  );
}
