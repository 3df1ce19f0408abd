import { NavLink, Outlet, useParams } from 'react-router';
import { mayReadOffice, useSession } from '../api/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/i18n';
import { useAsOf } from './as-of';
import { PastBanner, TimeTravel } from './time-travel';
import { SignIn } from '../pages/sign-in';

/** The pages of one office-year, in the order of an audit. */
export const OFFICE_PAGES: Array<{ path: string; label: MessageKey }> = [
  { path: '', label: 'nav.plan' },
  { path: 'reconciliation', label: 'nav.reconciliation' },
  { path: 'absorption', label: 'nav.absorption' },
  { path: 'evaluation', label: 'nav.evaluation' },
  { path: 'consistency', label: 'nav.consistency' },
  { path: 'changes', label: 'nav.changes' },
];

export function Shell() {
  const { t, locale, setLocale } = useI18n();
  const { session, loading, signOut } = useSession();
  const { year, office } = useParams();
  const { search } = useAsOf();

  // While the session is being read, the page already renders and starts its own requests (they carry the
  // same cookie): a returning user does not wait for two round trips one after the other.
  if (!loading && !session) return <SignIn />;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <NavLink to={`/${search}`} className="brand">
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('nav.main')}>
          <NavLink to={`/${search}`} end>
            {t('nav.home')}
          </NavLink>
          {session && (session.roles.includes('planner') || session.roles.includes('finance')) && (
            <NavLink to="/impor">{t('nav.import')}</NavLink>
          )}
          {session?.roles.includes('admin') && <NavLink to="/pengguna">{t('nav.users')}</NavLink>}
          <NavLink to="/peran">{t('nav.roles')}</NavLink>
          <NavLink to={`/integrity${search}`}>{t('nav.integrity')}</NavLink>
        </nav>
        <div className="who">
          {session && <span data-testid="signed-in-as">{t('session.signedInAs', { name: session.name })}</span>}
          {session && (
            <span className="muted">
              {t('session.roles', { roles: session.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ') })}
            </span>
          )}
          <button
            type="button"
            className="link"
            onClick={() => setLocale(locale === 'id' ? 'en' : 'id')}
            lang={locale === 'id' ? 'en' : 'id'}
          >
            {t('lang.switch')}
          </button>
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {t('session.signOut')}
          </button>
        </div>
      </header>
      {year && office && mayReadOffice(session, office) && (
        <nav className="office-nav" aria-label={t('nav.office')}>
          <span className="office-title">
            {office} · {year}
          </span>
          {OFFICE_PAGES.map((page) => (
            <NavLink key={page.path} to={`/${year}/${office}${page.path ? `/${page.path}` : ''}${search}`} end={page.path === ''}>
              {t(page.label)}
            </NavLink>
          ))}
        </nav>
      )}
      <div className="controls">
        <TimeTravel />
      </div>
      <PastBanner />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
