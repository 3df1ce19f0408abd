import { AsOfLink } from '../../app/as-of';
import { useI18n } from '../../i18n/i18n';
import type { LineVerification } from '../../verify';
import { describeStep, shortHash, summarise, type Say } from './describe-step';

export interface Outcome {
  result: LineVerification;
  year: string;
  office: string;
  code: string;
}

/** The verdict first (what a reader needs), then every check in the order it ran. */
export function VerifyResult({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  const say: Say = t;
  const { result, year, office, code } = outcome;
  const pending = result.pending ?? 0;
  return (
    <div
      className={`integrity-result ${result.ok ? 'integrity-ok' : 'integrity-failed'}`}
      data-testid="verify-result"
      data-ok={result.ok ? 'true' : 'false'}
    >
      <h3>{t('integrity.result')}</h3>
      <p className="integrity-verdict">
        <span aria-hidden="true">{result.ok ? '✓ ' : '✗ '}</span>
        {summarise(say, result, code)}
      </p>
      {pending > 0 && <p className="notice">{t('integrity.pending', { pending })}</p>}
      <h4>{t('integrity.steps')}</h4>
      <ol className="integrity-steps">
        {result.steps.map((step, index) => (
          <li key={index} className={step.ok ? 'step-ok' : 'step-failed'}>
            <span className={step.ok ? 'pass' : 'fail'}>{step.ok ? t('integrity.statusOk') : t('integrity.statusFail')}</span>{' '}
            {describeStep(say, step, result.checkpoint)}
            {!step.ok && step.detail && (
              <>
                {' '}
                {/* The verifier's own technical wording (English), for whoever digs further. */}
                <span className="muted integrity-detail" lang="en">
                  ({step.detail})
                </span>
              </>
            )}
            {!step.ok && (step.expected || step.computed) && (
              <span className="integrity-hashes">
                {step.expected && <code title={step.expected}>{t('integrity.expected', { value: shortHash(step.expected) })}</code>}
                {step.computed && <code title={step.computed}>{t('integrity.computed', { value: shortHash(step.computed) })}</code>}
              </span>
            )}
          </li>
        ))}
      </ol>
      <p>
        <AsOfLink to={`/${encodeURIComponent(year)}/${encodeURIComponent(office)}/lines/${encodeURIComponent(code)}`}>
          {t('integrity.lineLink')}
        </AsOfLink>
      </p>
    </div>
  );
}
