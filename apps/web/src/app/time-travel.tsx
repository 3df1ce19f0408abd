import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { formatDate } from '../format';
import { useAsOf } from './as-of';

/** "Berlaku pada" and "diketahui pada": two dates applied to every view through the URL. */
export function TimeTravel() {
  const { t } = useI18n();
  const asOf = useAsOf();
  const [params, setParams] = useSearchParams();
  const [validAt, setValidAt] = useState(asOf.validAt ?? '');
  const [knownAt, setKnownAt] = useState(asOf.knownAt?.slice(0, 10) ?? '');
  useEffect(() => {
    setValidAt(asOf.validAt ?? '');
    setKnownAt(asOf.knownAt?.slice(0, 10) ?? '');
  }, [asOf.validAt, asOf.knownAt]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    for (const [key, value] of [
      ['validAt', validAt],
      ['knownAt', knownAt],
    ] as const) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const reset = () => {
    const next = new URLSearchParams(params);
    next.delete('validAt');
    next.delete('knownAt');
    setParams(next);
  };

  return (
    <form className="time-travel" onSubmit={apply} aria-label={t('asOf.legend')}>
      <label>
        <span>{t('asOf.validAt')}</span>
        <input type="date" name="validAt" value={validAt} onChange={(e) => setValidAt(e.target.value)} title={t('asOf.validAtHint')} />
      </label>
      <label>
        <span>{t('asOf.knownAt')}</span>
        <input type="date" name="knownAt" value={knownAt} onChange={(e) => setKnownAt(e.target.value)} title={t('asOf.knownAtHint')} />
      </label>
      <button type="submit">{t('asOf.apply')}</button>
      {asOf.isPast && (
        <button type="button" className="secondary" onClick={reset}>
          {t('asOf.reset')}
        </button>
      )}
    </form>
  );
}

/** Says plainly when the user is looking at the past. */
export function PastBanner() {
  const { t, locale } = useI18n();
  const asOf = useAsOf();
  if (!asOf.isPast) return null;
  const parts = [
    asOf.validAt && t('asOf.bannerValid', { date: formatDate(asOf.validAt, locale) }),
    asOf.knownAt && t('asOf.bannerKnown', { date: formatDate(asOf.knownAt, locale) }),
  ].filter(Boolean);
  return (
    <div className="past-banner" role="status" data-testid="past-banner">
      <strong>{t('asOf.banner')}</strong> {parts.join(', ')}.
    </div>
  );
}
