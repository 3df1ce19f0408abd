import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../components/page-title';

export function NotFound() {
  const { t } = useI18n();
  usePageTitle(t('common.notFound'));
  return (
    <section>
      <h1>{t('common.notFound')}</h1>
      <p>{t('common.notFoundText')}</p>
      <Link to="/">{t('nav.home')}</Link>
    </section>
  );
}
