import { Money } from '../../components/figures';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { PassFail } from './report-shared';
import type { ReconciliationReport, TieOut } from './report-types';

/** The reconciliation's tie-outs as one verdict in words ("Cocok" / "Tidak cocok"), then each check. */
export function TieOutPanel({ report }: { report: ReconciliationReport }) {
  const { t } = useI18n();
  const { deltas, explained, unexplainedLines } = report.tieOut;
  const ok = deltas.status === 'OK' && explained.status === 'OK';
  return (
    <section className={`tie-out ${ok ? 'ok' : 'bad'}`} data-testid="tie-out" aria-labelledby="tie-out-heading">
      <h2 id="tie-out-heading">
        {t('reports.reconciliation.tieOut')}:{' '}
        <span className="verdict">
          <PassFail ok={ok} />
        </span>
      </h2>
      <dl>
        <Check label="reports.reconciliation.tieOutDeltas" check={deltas} />
        <Check label="reports.reconciliation.tieOutExplained" check={explained} />
      </dl>
      {unexplainedLines.length > 0 && (
        <p className="fail">{t('reports.reconciliation.unexplainedLines', { codes: unexplainedLines.join(', ') })}</p>
      )}
    </section>
  );
}

function Check({ label, check }: { label: MessageKey; check: TieOut }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t(label)}</dt>
      <dd>
        <PassFail ok={check.status === 'OK'} /> — {t('reports.reconciliation.expected')} <Money value={check.expected} signed />,{' '}
        {t('reports.reconciliation.actual')} <Money value={check.actual} signed />
      </dd>
    </>
  );
}
