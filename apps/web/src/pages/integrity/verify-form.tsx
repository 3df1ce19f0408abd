import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ErrorBox } from '../../components/query-view';
import { useI18n } from '../../i18n/i18n';
import { verifyLineEvidence } from '../../verify';
import { ledgerApi } from './ledger-api';
import { readPinnedKey, savePinnedKey } from './pinned-key';
import { VerifyResult, type Outcome } from './verify-result';

interface Target {
  key: string;
  year: string;
  office: string;
  code: string;
}

/**
 * Verifikasi di peramban: fetch one line's evidence and check it here with WebCrypto against the
 * pinned key. The line is kept in the URL (?year=&office=&code=) so a link reopens the same form.
 */
export function VerifyForm() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [pinned, setPinned] = useState(readPinnedKey);
  const [key, setKey] = useState(pinned);
  const [fromServer, setFromServer] = useState(false);
  const [saved, setSaved] = useState(false);
  const [year, setYear] = useState(params.get('year') ?? '');
  const [office, setOffice] = useState(params.get('office') ?? '');
  const [code, setCode] = useState(params.get('code') ?? '');
  const [missing, setMissing] = useState(false);
  const offices = useQuery({ queryKey: ['offices'], queryFn: ledgerApi.offices });
  const serverKey = useQuery({ queryKey: ['ledger', 'public-key'], queryFn: ledgerApi.publicKey });
  const verify = useMutation({
    mutationFn: async (target: Target): Promise<Outcome> => {
      const evidence = await ledgerApi.evidence(target.year, target.office, target.code);
      return { result: await verifyLineEvidence(evidence, target.key), year: target.year, office: target.office, code: target.code };
    },
  });

  const pin = () => {
    const ok = savePinnedKey(key);
    if (ok) setPinned(key.trim());
    setSaved(ok);
  };
  const useServerKey = () => {
    if (!serverKey.data) return;
    setKey(serverKey.data.trim());
    setFromServer(true);
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = { key: key.trim(), year: year.trim(), office, code: code.trim() };
    if (!target.key || !target.year || !target.office || !target.code) return setMissing(true);
    setMissing(false);
    const next = new URLSearchParams(params); // keep validAt/knownAt and anything else in the URL
    next.set('year', target.year);
    next.set('office', target.office);
    next.set('code', target.code);
    setParams(next, { replace: true });
    verify.mutate(target);
  };

  const officeOptions = offices.data ?? [];
  const server = serverKey.data?.trim();
  return (
    <section aria-labelledby="browser-heading">
      <h2 id="browser-heading">{t('integrity.browser')}</h2>
      <p>{t('integrity.browserIntro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field integrity-key">
          <label htmlFor="pinned-key">{t('integrity.pinnedKey')}</label>
          <p className="hint" id="pinned-key-hint">
            {t('integrity.pinnedKeyHint')}
          </p>
          <textarea
            id="pinned-key"
            data-testid="pinned-key"
            rows={3}
            spellCheck={false}
            aria-describedby="pinned-key-hint"
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setSaved(false);
            }}
          />
          <div className="integrity-actions">
            <button type="button" className="secondary" onClick={pin} disabled={!key.trim() || key.trim() === pinned}>
              {t('integrity.pin')}
            </button>
            {!pinned && (
              <button type="button" className="secondary" onClick={useServerKey} disabled={!server}>
                {t('integrity.useServerKey')}
              </button>
            )}
          </div>
          <div aria-live="polite">
            {saved && <p className="hint">{t('integrity.pinnedSaved')}</p>}
            {!saved && pinned && key.trim() === pinned && <p className="hint">{t('integrity.pinnedFrom')}</p>}
            {server && key.trim() && key.trim() !== server && <p className="notice">{t('integrity.pinnedDiffers')}</p>}
          </div>
          {(!pinned || fromServer) && <p className="notice">{t('integrity.serverKeyWarning')}</p>}
        </div>
        <div className="integrity-line">
          <div className="field">
            <label htmlFor="verify-year">{t('common.year')}</label>
            <input
              id="verify-year"
              type="number"
              min={2000}
              max={2100}
              inputMode="numeric"
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="verify-office">{t('common.office')}</label>
            <select id="verify-office" value={office} onChange={(e) => setOffice(e.target.value)}>
              <option value="">{t('integrity.chooseOffice')}</option>
              {office && !officeOptions.some((o) => o.code === office) && <option value={office}>{office}</option>}
              {officeOptions.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.code} — {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="verify-code">{t('integrity.code')}</label>
            <input
              id="verify-code"
              type="text"
              spellCheck={false}
              aria-describedby="verify-code-hint"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <p className="hint" id="verify-code-hint">
              {t('integrity.codeHint')}
            </p>
          </div>
        </div>
        {!window.isSecureContext && <p className="notice">{t('integrity.insecure')}</p>}
        {missing && (
          <p className="error-message" role="alert">
            {t('integrity.missingInput')}
          </p>
        )}
        <button type="submit" data-testid="verify-button" disabled={verify.isPending}>
          {verify.isPending ? t('integrity.verifying') : t('integrity.verify')}
        </button>
      </form>
      <div aria-live="polite">
        {verify.isError && <ErrorBox error={verify.error} />}
        {verify.isSuccess && <VerifyResult outcome={verify.data} />}
      </div>
    </section>
  );
}
