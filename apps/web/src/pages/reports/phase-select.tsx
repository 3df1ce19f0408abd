import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { usePhaseLabel } from './report-shared';

/** The budget chain in order (PRAKIRAAN_MAJU is not part of it, and the server refuses it here). */
export const PHASE_CHAIN = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P'] as const;

/**
 * Two phases to compare, kept in the URL query (`from`, `to`) beside validAt/knownAt so a pasted
 * link reopens the same comparison. `shown` are the phases of the report on screen (the server's
 * defaults when the URL names none).
 */
export function PhaseForm({ shown }: { shown: { from: string; to: string } }) {
  const { t } = useI18n();
  const phaseLabel = usePhaseLabel();
  const [params, setParams] = useSearchParams();
  const [error, setError] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const from = String(data.get('from'));
    const to = String(data.get('to'));
    if (PHASE_CHAIN.indexOf(to as never) <= PHASE_CHAIN.indexOf(from as never)) return setError(true);
    setError(false);
    const next = new URLSearchParams(params);
    next.set('from', from);
    next.set('to', to);
    setParams(next);
  };

  return (
    <form className="report-params" onSubmit={submit} key={`${shown.from}-${shown.to}`} noValidate>
      {(['from', 'to'] as const).map((name) => (
        <label key={name}>
          <span>{t(`reports.reconciliation.${name}`)}</span>
          <select
            name={name}
            defaultValue={shown[name]}
            aria-invalid={error || undefined}
            aria-describedby={error ? 'phase-error' : undefined}
          >
            {PHASE_CHAIN.map((phase) => (
              <option key={phase} value={phase}>
                {phaseLabel(phase)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit">{t('reports.show')}</button>
      {error && (
        <p id="phase-error" className="error-message" role="alert">
          {t('reports.reconciliation.phaseOrder')}
        </p>
      )}
    </form>
  );
}
