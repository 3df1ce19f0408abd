import { usePageTitle } from '../../components/page-title';
import { useI18n } from '../../i18n/i18n';
import { CheckpointPanel } from './checkpoint-panel';
import { VerifyForm } from './verify-form';
import './integrity.css';

/**
 * Integritas: what the server publishes about its ledger (checkpoint, key, issued checkpoints, its own
 * last full check) and a line verified in the browser against a key the user pinned. No money here.
 */
export default function IntegrityPage() {
  const { t } = useI18n();
  usePageTitle(t('integrity.title'));
  return (
    <section className="integrity">
      <h1>{t('integrity.title')}</h1>
      <p className="integrity-intro">{t('integrity.intro')}</p>
      <CheckpointPanel />
      <VerifyForm />
    </section>
  );
}
