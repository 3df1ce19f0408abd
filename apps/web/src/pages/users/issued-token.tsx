import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { IssuedUser } from './users-api';

/**
 * The new user's token, shown this once: only its hash is kept on the server, so the admin copies it now
 * and hands it over. It lives in this component's state only and is gone when the panel is closed.
 */
export function IssuedToken({ issued, onDone }: { issued: IssuedUser; onDone: () => void }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [issued.id]);

  const copyToken = async () => {
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopy('copied');
    } catch {
      setCopy('failed'); // no clipboard permission (or not a secure context): the field can still be selected
    }
  };

  return (
    <section className="users-issued" aria-labelledby="issued-heading" data-testid="issued-token">
      <h2 id="issued-heading" tabIndex={-1} ref={heading}>
        {t('users.issuedHeading', { name: issued.name })}
      </h2>
      <p className="users-warning" id="issued-warning">
        <strong>{t('users.issuedWarning', { name: issued.name })}</strong>
      </p>
      <div className="field">
        <label htmlFor="issued-token-value">{t('users.issuedLabel')}</label>
        <div className="users-token-row">
          <input
            id="issued-token-value"
            data-testid="issued-token-value"
            type="text"
            readOnly
            spellCheck={false}
            autoComplete="off"
            value={issued.token}
            aria-describedby="issued-warning"
            onFocus={(e) => e.target.select()}
          />
          <button type="button" onClick={() => void copyToken()}>
            {t('users.copy')}
          </button>
        </div>
      </div>
      <div aria-live="polite">
        {copy === 'copied' && <p className="hint">{t('users.copied')}</p>}
        {copy === 'failed' && <p className="error-message">{t('users.copyFailed')}</p>}
      </div>
      <button type="button" className="secondary" onClick={onDone}>
        {t('users.done')}
      </button>
    </section>
  );
}
