import { RecordedTime } from '../components/figures';
import { useI18n } from '../i18n/i18n';

/** What GET /api/v1/ledger/verification answers (the server's last full verification of the ledger). */
export interface Verification {
  status: 'never' | 'running' | 'ok' | 'failed';
  running: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  report: { ok: true; size: number; rootHash: { base64: string } } | { ok: false; position: number; kind: string; message: string } | null;
}

export function VerificationStatus({ verification }: { verification: Verification }) {
  const { t, locale } = useI18n();
  const report = verification.report;
  const state = report ? (report.ok ? 'ok' : 'failed') : 'never';
  return (
    <p className={`verification verification-${state}`} data-testid="verification-status">
      <strong>{t('home.verification')}:</strong>{' '}
      {report?.ok && (
        <>
          {t('home.verified', { size: report.size.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB') })}
          <RecordedTime value={verification.finishedAt} />
        </>
      )}
      {report && !report.ok && t('home.verifyFailed', { position: report.position, message: `${report.kind}: ${report.message}` })}
      {!report && t('home.notVerified')}
    </p>
  );
}
